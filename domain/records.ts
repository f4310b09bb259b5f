/**
 * Domain records: what an adapter hands to sync after parsing its back office's protocol, and
 * what the read models in Postgres hold. Protocol details (StUF stuurgegevens, BRP date
 * polymorphism, CSV columns) end at the adapter; nothing past it sees them.
 *
 * Dates are ISO `YYYY-MM-DD` strings; `null` means "not known" or "not ended".
 */

export interface Naam {
  voornamen: string | null;
  voorvoegsel: string | null;
  geslachtsnaam: string | null;
  volledigeNaam: string | null;
}

export interface AdresRecord {
  adresseerbaarObjectId: string;
  straat: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  huisnummertoevoeging: string | null;
  postcode: string | null;
  woonplaats: string | null;
}

export interface GezagRecord {
  /** BRP gezag type, e.g. GezamenlijkOuderlijkGezag, EenhoofdigOuderlijkGezag, Voogdij. */
  type: string;
  /** BSNs of the parents holding authority, as far as the BRP names them. */
  ouders: string[];
  /** BSN of the minor the authority is over. */
  minderjarige: string | null;
}

export interface PersoonRecord {
  burgerservicenummer: string;
  naam: Naam;
  /** Full ISO date, or null when the BRP has no full date (see geboortedatumOnvolledig). */
  geboortedatum: string | null;
  /** What the BRP knows of an incomplete date: { jaar, maand } or null. */
  geboortedatumOnvolledig: { jaar: number | null; maand: number | null } | null;
  geslacht: string | null;
  leeftijd: number | null;
  adres: AdresRecord | null;
  geheimhouding: boolean;
  /** BSNs of the parents the BRP lists (may be fewer than two, or unknown). */
  ouders: string[];
  /** Gezag relations the BRP lists for this person (as a minor, or over their minors). */
  gezag: GezagRecord[];
  overleden: boolean;
}

export interface Omvang {
  volume: number;
  eenheid: string;
  frequentie: string;
}

export interface WmoVoorzieningRecord {
  burgerservicenummer: string;
  toewijzingNummer: string;
  productCategorie: string;
  productCode: string;
  omschrijving: string | null;
  ingangsdatum: string | null;
  einddatum: string | null;
  omvang: Omvang | null;
  leveringsvorm: 'ZIN' | 'PGB' | null;
}

export interface JeugdhulpRecord {
  burgerservicenummer: string;
  toewijzingNummer: string;
  productCategorie: string;
  productCode: string;
  omschrijving: string | null;
  verwijzer: string | null;
  ingangsdatum: string | null;
  einddatum: string | null;
  /** Start of care as reported by the provider (JW305), if reported. */
  startZorg: string | null;
  /** End of care as reported by the provider (JW307), if reported. */
  stopZorg: string | null;
  omvang: Omvang | null;
}

export interface BesluitRecord {
  soort: string;
  datum: string;
  toelichting: string | null;
}

export interface UitkeringRecord {
  burgerservicenummer: string;
  dossierNummer: string;
  soort: string;
  omschrijving: string | null;
  ingangsdatum: string | null;
  einddatum: string | null;
  besluiten: BesluitRecord[];
}

export interface InschrijvingRecord {
  burgerservicenummer: string;
  brin: string;
  schoolNaam: string | null;
  onderwijssoort: string;
  ingangsdatum: string | null;
  einddatum: string | null;
}

export interface VerzuimmeldingRecord {
  burgerservicenummer: string;
  meldingId: string;
  datum: string;
  soort: string;
  brin: string | null;
  schoolNaam: string | null;
  afhandeling: string | null;
}

export interface VrijstellingRecord {
  burgerservicenummer: string;
  vrijstellingId: string;
  artikel: string;
  ingangsdatum: string | null;
  einddatum: string | null;
}

export interface LeerlingRecord {
  burgerservicenummer: string;
  kwalificatieplichtig: boolean;
}
