/**
 * The synthetic municipality: the "real world" the legacy stand-ins are seeded from.
 *
 * These types describe facts, not any back office's wire format. Each stand-in turns them into
 * its own protocol (BRP JSON, StUF XML, iJw XML, LAS CSV); each adapter parses that protocol
 * back into `domain/records.ts`. Keeping the world protocol-free is what lets a stand-in and
 * its adapter stay independent.
 */

/** A date the BRP may know only in part. All parts undefined = date unknown. */
export interface PartialDate {
  year?: number;
  month?: number;
  day?: number;
}

export interface Address {
  /** BAG adresseerbaar object identification: 16 digits, never all zeros. */
  adresseerbaarObjectId: string;
  /** BAG nummeraanduiding identification: 16 digits. */
  nummeraanduidingId: string;
  straat: string;
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  /** Dutch postcode, "1234AB". */
  postcode: string;
  woonplaats: string;
}

export type Geslacht = 'M' | 'V' | 'O';

export type GezagType = 'GezamenlijkOuderlijkGezag' | 'EenhoofdigOuderlijkGezag' | 'Voogdij';

export interface Gezag {
  type: GezagType;
  /** BSNs of the parents holding authority (empty for Voogdij by an institution). */
  ouders: string[];
}

export interface Inhabitant {
  bsn: string;
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geslacht: Geslacht;
  geboortedatum: PartialDate;
  adresseerbaarObjectId: string;
  /** BRP indicatie geheimhouding persoonsgegevens. */
  geheimhouding: boolean;
  /** BSNs of the legal parents (0, 1 or 2). */
  ouders: string[];
  /** Only for minors: who holds parental authority. */
  gezag?: Gezag;
  /** BSN of the current partner, if any. */
  partner?: string;
}

export type Leveringsvorm = 'ZIN' | 'PGB';

/** A granted Wmo maatwerkvoorziening, shaped like an iWmo ToegewezenProduct. */
export interface WmoVoorziening {
  bsn: string;
  toewijzingNummer: string;
  /** iWmo productcategorie (WMO020), two digits, e.g. "02" Begeleiding. */
  productCategorie: string;
  /** Product code within the category (five characters, e.g. "02A01"). */
  productCode: string;
  omschrijving: string;
  /** ISO dates. */
  ingangsdatum: string;
  einddatum?: string;
  omvang?: { volume: number; eenheid: string; frequentie: string };
  leveringsvorm: Leveringsvorm;
}

/** A youth-care allocation as the Jeugd/CJG registration knows it (iJw JW301/JW305/JW307). */
export interface JeugdToewijzing {
  bsn: string;
  toewijzingNummer: string;
  /** iJw productcategorie (JZ020), e.g. "45" Jeugdhulp ambulant. */
  productCategorie: string;
  productCode: string;
  omschrijving: string;
  /** Verwijzer (COD327), e.g. "02" Huisarts. */
  verwijzer: string;
  ingangsdatum: string;
  einddatum?: string;
  /** Whether the provider has reported the start of care (JW305) and when. */
  startZorg?: string;
  /** Whether the provider has reported the end of care (JW307) and when. */
  stopZorg?: string;
  omvang?: { volume: number; eenheid: string; frequentie: string };
}

export type UitkeringSoort =
  | 'ALGEMENE_BIJSTAND'
  | 'BIJZONDERE_BIJSTAND'
  | 'IOAW'
  | 'IOAZ'
  | 'BBZ'
  | 'REINTEGRATIE_TRAJECT'
  | 'SCHULDHULPVERLENING';

export type BesluitSoort = 'TOEKENNING' | 'AFWIJZING' | 'WIJZIGING' | 'BEEINDIGING';

export interface Besluit {
  soort: BesluitSoort;
  datum: string;
  toelichting?: string;
}

/** A Participatiewet benefit or trajectory as held in GWS. */
export interface Uitkering {
  bsn: string;
  dossierNummer: string;
  soort: UitkeringSoort;
  omschrijving: string;
  ingangsdatum?: string;
  einddatum?: string;
  besluiten: Besluit[];
}

export type Onderwijssoort = 'BAO' | 'SBO' | 'SO' | 'VSO' | 'VMBO' | 'HAVO' | 'VWO' | 'MBO';

export interface Inschrijving {
  bsn: string;
  brin: string;
  schoolNaam: string;
  onderwijssoort: Onderwijssoort;
  ingangsdatum: string;
  einddatum?: string;
}

export type VerzuimSoort = 'ABSOLUUT' | 'ONGEOORLOOFD' | 'LUXEVERZUIM' | 'SIGNAALVERZUIM';
export type Afhandeling = 'GESPREK' | 'WAARSCHUWING' | 'HALT' | 'PROCES_VERBAAL' | 'IN_BEHANDELING';

export interface Verzuimmelding {
  bsn: string;
  meldingId: string;
  datum: string;
  soort: VerzuimSoort;
  brin: string;
  schoolNaam: string;
  afhandeling: Afhandeling;
}

/** Leerplichtwet art. 5 sub a, b or c. */
export interface Vrijstelling {
  bsn: string;
  vrijstellingId: string;
  artikel: '5a' | '5b' | '5c';
  ingangsdatum: string;
  einddatum?: string;
}

export interface Leerling {
  bsn: string;
  /** Kwalificatieplicht applies (16–18 without startkwalificatie). */
  kwalificatieplichtig: boolean;
}

/** The people, addresses and back-office records of a world, or of a part of one (the showcase). */
export interface World {
  addresses: Address[];
  inhabitants: Inhabitant[];
  wmo: WmoVoorziening[];
  jeugd: JeugdToewijzing[];
  uitkeringen: Uitkering[];
  leerlingen: Leerling[];
  inschrijvingen: Inschrijving[];
  verzuimmeldingen: Verzuimmelding[];
  vrijstellingen: Vrijstelling[];
}

export interface Municipality extends World {
  gemeenteCode: string;
  gemeenteNaam: string;
  /** The date the generator treats as "today": ages and open/closed records are relative to it. */
  referenceDate: string;
  seed: number;
}
