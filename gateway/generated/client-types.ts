/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Domein =
  | 'JEUGD'
  | 'LEERPLICHT'
  | 'WERK_INKOMEN'
  | 'WMO';

export type Leveringsvorm =
  /** Persoonsgebonden budget. */
  | 'PGB'
  /** Zorg in natura, via een gecontracteerde aanbieder. */
  | 'ZIN';

export type PartnerPersoonQueryVariables = Exact<{
  burgerservicenummer: string;
}>;


export type PartnerPersoonQuery = { persoon: { burgerservicenummer: string, geboortedatum: string | null, leeftijd: number | null, naam: { voornamen: string | null, voorvoegsel: string | null, geslachtsnaam: string | null, volledigeNaam: string | null } | null, wmo: { voorzieningen: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null, leveringsvorm: Leveringsvorm | null, omvang: { volume: number, eenheid: string, frequentie: string } | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, jeugd: { jeugdhulp: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, verwijzer: string | null, ingangsdatum: string | null, einddatum: string | null, startZorg: string | null, stopZorg: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, werkEnInkomen: { uitkeringen: Array<{ dossierNummer: string, soort: string, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, leerplicht: { kwalificatieplichtig: boolean | null, inschrijvingen: Array<{ brin: string, school: string | null, onderwijssoort: string, ingangsdatum: string | null, einddatum: string | null }>, verzuimmeldingen: Array<{ datum: string, soort: string }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null } | null };

export type PartnerHuishoudenQueryVariables = Exact<{
  burgerservicenummer: string;
}>;


export type PartnerHuishoudenQuery = { huishouden: { id: string, domeinen: Array<Domein>, adres: { straat: string | null, huisnummer: number | null, huisletter: string | null, huisnummertoevoeging: string | null, postcode: string | null, woonplaats: string | null } | null, leden: Array<{ burgerservicenummer: string, geboortedatum: string | null, leeftijd: number | null, naam: { voornamen: string | null, voorvoegsel: string | null, geslachtsnaam: string | null, volledigeNaam: string | null } | null, wmo: { voorzieningen: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null, leveringsvorm: Leveringsvorm | null, omvang: { volume: number, eenheid: string, frequentie: string } | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, jeugd: { jeugdhulp: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, verwijzer: string | null, ingangsdatum: string | null, einddatum: string | null, startZorg: string | null, stopZorg: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, werkEnInkomen: { uitkeringen: Array<{ dossierNummer: string, soort: string, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, leerplicht: { kwalificatieplichtig: boolean | null, inschrijvingen: Array<{ brin: string, school: string | null, onderwijssoort: string, ingangsdatum: string | null, einddatum: string | null }>, verzuimmeldingen: Array<{ datum: string, soort: string }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null }>, tijdlijn: Array<{ datum: string, domein: Domein, bron: string, soort: string, omschrijving: string | null, betrokkene: { burgerservicenummer: string } }> } | null };

export type PartnerPersoonVeldenFragment = { burgerservicenummer: string, geboortedatum: string | null, leeftijd: number | null, naam: { voornamen: string | null, voorvoegsel: string | null, geslachtsnaam: string | null, volledigeNaam: string | null } | null, wmo: { voorzieningen: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null, leveringsvorm: Leveringsvorm | null, omvang: { volume: number, eenheid: string, frequentie: string } | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, jeugd: { jeugdhulp: Array<{ toewijzingNummer: string, productCategorie: string, productCode: string | null, omschrijving: string | null, verwijzer: string | null, ingangsdatum: string | null, einddatum: string | null, startZorg: string | null, stopZorg: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, werkEnInkomen: { uitkeringen: Array<{ dossierNummer: string, soort: string, omschrijving: string | null, ingangsdatum: string | null, einddatum: string | null }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null, leerplicht: { kwalificatieplichtig: boolean | null, inschrijvingen: Array<{ brin: string, school: string | null, onderwijssoort: string, ingangsdatum: string | null, einddatum: string | null }>, verzuimmeldingen: Array<{ datum: string, soort: string }>, bron: { systeem: string, gesynchroniseerdOp: string | null } | null } | null };
