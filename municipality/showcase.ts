/**
 * The showcase households of docs/CONTRACT.md ("Showcase households"): always present, with
 * exactly the stories of that table and nothing else.
 *
 * Dates are set relative to the reference date, so that the ages and the "current" or "ended"
 * status of every record hold for any referenceDate (with the default, 2026-11-01, the data is
 * the same on every start). One date is absolute on purpose: the Wmo voorziening of 999990111
 * that was closed in 2004, the record past its 15-year retention term (for every reference date
 * from October 2019 on).
 *
 * Household D (999990135, BRP geheimhouding) lives alone: a woman who came through the
 * vrouwenopvang and now lives on her own with begeleiding and bijstand. A partner would add a
 * person outside the contract's table to a showcase household; mixed households (one member with
 * geheimhouding, the others without) exist among the generated households instead.
 */
import { EENHEID, FREQUENTIE, GEMEENTE_NAAM, SHOWCASE_POSTCODE_AREA, SHOWCASE_SCHOOLS, wmoProduct, jeugdProduct } from './catalog';
import { addMonths, addYears, day, firstOfMonth, iso, nextWorkday, parts, previousWorkday, schoolYearStart, voEntryYear } from './dates';
import type { IdSequences } from './ids';
import type {
  Address,
  Geslacht,
  Inhabitant,
  Inschrijving,
  JeugdToewijzing,
  Leerling,
  Uitkering,
  Verzuimmelding,
  WmoVoorziening,
  World,
} from './types';

/** The showcase BSNs by role. */
export const SHOWCASE_BSN = {
  A_FATHER: '999990007',
  A_MOTHER: '999990019',
  A_DAUGHTER_17: '999990032',
  A_DAUGHTER_12: '999990044',
  /** Eldest daughter of household A, 20, living on her own at another address. */
  A_DAUGHTER_20: '999990020',
  B_FATHER_1: '999990056',
  B_FATHER_2: '999990068',
  B_SON_3: '999990081',
  B_DAUGHTER_5: '999990093',
  C_WOMAN_84: '999990111',
  D_GEHEIMHOUDING: '999990135',
} as const;

/** Every showcase BSN, in the order of the contract's table. */
export const SHOWCASE_BSNS: readonly string[] = [
  SHOWCASE_BSN.A_FATHER,
  SHOWCASE_BSN.A_MOTHER,
  SHOWCASE_BSN.A_DAUGHTER_17,
  SHOWCASE_BSN.A_DAUGHTER_12,
  SHOWCASE_BSN.A_DAUGHTER_20,
  SHOWCASE_BSN.B_FATHER_1,
  SHOWCASE_BSN.B_FATHER_2,
  SHOWCASE_BSN.B_SON_3,
  SHOWCASE_BSN.B_DAUGHTER_5,
  SHOWCASE_BSN.C_WOMAN_84,
  SHOWCASE_BSN.D_GEHEIMHOUDING,
];

/**
 * Who lives together (one adresseerbaar object per group). `A_ELDEST` is the 20-year-old daughter
 * of A in her own home: her `ouders` are A's parents, but she is not in A's household.
 */
export const SHOWCASE_HOUSEHOLDS = {
  A: [SHOWCASE_BSN.A_FATHER, SHOWCASE_BSN.A_MOTHER, SHOWCASE_BSN.A_DAUGHTER_17, SHOWCASE_BSN.A_DAUGHTER_12],
  A_ELDEST: [SHOWCASE_BSN.A_DAUGHTER_20],
  B: [SHOWCASE_BSN.B_FATHER_1, SHOWCASE_BSN.B_FATHER_2, SHOWCASE_BSN.B_SON_3, SHOWCASE_BSN.B_DAUGHTER_5],
  C: [SHOWCASE_BSN.C_WOMAN_84],
  D: [SHOWCASE_BSN.D_GEHEIMHOUDING],
} as const satisfies Record<string, readonly string[]>;

/** Age of each showcase person on the reference date, as the contract tells it. */
export const SHOWCASE_AGES: Readonly<Record<string, number>> = {
  [SHOWCASE_BSN.A_FATHER]: 52,
  [SHOWCASE_BSN.A_MOTHER]: 48,
  [SHOWCASE_BSN.A_DAUGHTER_17]: 17,
  [SHOWCASE_BSN.A_DAUGHTER_12]: 12,
  [SHOWCASE_BSN.A_DAUGHTER_20]: 20,
  [SHOWCASE_BSN.B_FATHER_1]: 43,
  [SHOWCASE_BSN.B_FATHER_2]: 39,
  [SHOWCASE_BSN.B_SON_3]: 3,
  [SHOWCASE_BSN.B_DAUGHTER_5]: 5,
  [SHOWCASE_BSN.C_WOMAN_84]: 84,
  [SHOWCASE_BSN.D_GEHEIMHOUDING]: 36,
};

function partialDate(dayNumber: number): { year: number; month: number; day: number } {
  return parts(dayNumber);
}

/**
 * Builds the showcase households for reference day `ref`, taking identifiers from `ids` (which
 * must be fresh, so the showcase always gets the first numbers): the showcase part of the world,
 * which `generate.ts` puts in front of the generated part.
 */
export function buildShowcase(ref: number, ids: IdSequences): World {
  // `daysSinceBirthday` keeps each age exact on the reference date whatever that date is.
  const born = (age: number, daysSinceBirthday: number): number => addYears(ref - daysSinceBirthday, -age);
  const birth: Record<string, number> = {
    [SHOWCASE_BSN.A_FATHER]: born(52, 130),
    [SHOWCASE_BSN.A_MOTHER]: born(48, 200),
    // Turns 18 45 days after the reference date: the 18-/18+ transition the story is about.
    [SHOWCASE_BSN.A_DAUGHTER_17]: addYears(ref + 45, -18),
    [SHOWCASE_BSN.A_DAUGHTER_12]: born(12, 75),
    [SHOWCASE_BSN.A_DAUGHTER_20]: born(20, 300),
    [SHOWCASE_BSN.B_FATHER_1]: born(43, 40),
    [SHOWCASE_BSN.B_FATHER_2]: born(39, 250),
    [SHOWCASE_BSN.B_SON_3]: born(3, 160),
    [SHOWCASE_BSN.B_DAUGHTER_5]: born(5, 20),
    [SHOWCASE_BSN.C_WOMAN_84]: born(84, 95),
    [SHOWCASE_BSN.D_GEHEIMHOUDING]: born(36, 180),
  };

  const address = (straat: string, huisnummer: number, postcodeLetters: string, extra: { huisletter?: string; huisnummertoevoeging?: string } = {}): Address => {
    const idsFor = ids.nextAddress();
    return {
      adresseerbaarObjectId: idsFor.adresseerbaarObjectId,
      nummeraanduidingId: idsFor.nummeraanduidingId,
      straat,
      huisnummer,
      ...(extra.huisletter ? { huisletter: extra.huisletter } : {}),
      ...(extra.huisnummertoevoeging ? { huisnummertoevoeging: extra.huisnummertoevoeging } : {}),
      postcode: `${SHOWCASE_POSTCODE_AREA}${postcodeLetters}`,
      woonplaats: GEMEENTE_NAAM,
    };
  };
  // Street names that the generator never uses (see names.ts), in postcode area 7400.
  const addrA = address('Ruiterstraat', 17, 'AB');
  const addrA20 = address('Spoorlaan', 112, 'AC', { huisnummertoevoeging: '2' });
  const addrB = address('Klaverweide', 5, 'AD');
  const addrC = address('Zorgvlietstraat', 48, 'AE', { huisletter: 'B' });
  const addrD = address('Havenkade', 9, 'AG', { huisnummertoevoeging: '3' });

  const person = (
    bsn: string,
    voornamen: string,
    name: { voorvoegsel?: string; geslachtsnaam: string },
    geslacht: Geslacht,
    adres: Address,
    relations: Partial<Pick<Inhabitant, 'ouders' | 'gezag' | 'partner' | 'geheimhouding'>> = {},
  ): Inhabitant => ({
    bsn,
    voornamen,
    ...(name.voorvoegsel ? { voorvoegsel: name.voorvoegsel } : {}),
    geslachtsnaam: name.geslachtsnaam,
    geslacht,
    geboortedatum: partialDate(birth[bsn]),
    adresseerbaarObjectId: adres.adresseerbaarObjectId,
    geheimhouding: relations.geheimhouding ?? false,
    // Fresh arrays per person: a stand-in that edits one inhabitant must not edit another.
    ouders: [...(relations.ouders ?? [])],
    ...(relations.gezag ? { gezag: { type: relations.gezag.type, ouders: [...relations.gezag.ouders] } } : {}),
    ...(relations.partner ? { partner: relations.partner } : {}),
  });

  const S = SHOWCASE_BSN;
  const ouderA = [S.A_FATHER, S.A_MOTHER];
  const ouderB = [S.B_FATHER_1, S.B_FATHER_2];
  const bakker = { geslachtsnaam: 'Bakker' };
  const vanDijk = { voorvoegsel: 'van', geslachtsnaam: 'Dijk' };
  const inhabitants: Inhabitant[] = [
    person(S.A_FATHER, 'Pieter Johannes', bakker, 'M', addrA, { partner: S.A_MOTHER }),
    person(S.A_MOTHER, 'Sandra', { geslachtsnaam: 'Mulder' }, 'V', addrA, { partner: S.A_FATHER }),
    person(S.A_DAUGHTER_17, 'Lotte', bakker, 'V', addrA, { ouders: ouderA, gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: ouderA } }),
    person(S.A_DAUGHTER_12, 'Fenna Maria', bakker, 'V', addrA, { ouders: ouderA, gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: ouderA } }),
    person(S.A_DAUGHTER_20, 'Anouk', bakker, 'V', addrA20, { ouders: ouderA }),
    person(S.B_FATHER_1, 'Jeroen', vanDijk, 'M', addrB, { partner: S.B_FATHER_2 }),
    person(S.B_FATHER_2, 'Youssef', { geslachtsnaam: 'El Amrani' }, 'M', addrB, { partner: S.B_FATHER_1 }),
    person(S.B_SON_3, 'Sem', vanDijk, 'M', addrB, { ouders: ouderB, gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: ouderB } }),
    person(S.B_DAUGHTER_5, 'Noor', vanDijk, 'V', addrB, { ouders: ouderB, gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: ouderB } }),
    person(S.C_WOMAN_84, 'Johanna Wilhelmina', { voorvoegsel: 'de', geslachtsnaam: 'Boer' }, 'V', addrC),
    person(S.D_GEHEIMHOUDING, 'Sanne', { voorvoegsel: 'van der', geslachtsnaam: 'Meer' }, 'V', addrD, { geheimhouding: true }),
  ];

  // --- Wmo -------------------------------------------------------------------------------
  const wmo: WmoVoorziening[] = [];
  const addWmo = (bsn: string, categorie: string, code: string, ingang: number, eind: number | undefined, omvang: { volume: number; eenheid: string; frequentie: string } | undefined, omschrijving?: string): void => {
    const spec = wmoProduct(categorie, code);
    wmo.push({
      bsn,
      toewijzingNummer: ids.wmo(),
      productCategorie: categorie,
      productCode: code,
      omschrijving: omschrijving ?? spec.omschrijving,
      ingangsdatum: iso(ingang),
      ...(eind !== undefined ? { einddatum: iso(eind) } : {}),
      ...(omvang ? { omvang } : {}),
      leveringsvorm: 'ZIN',
    });
  };
  const hours = (volume: number) => ({ volume, eenheid: EENHEID.UUR, frequentie: FREQUENTIE.PER_WEEK });
  const oneItem = { volume: 1, eenheid: EENHEID.STUKS_OUTPUT, frequentie: FREQUENTIE.TOTAAL };
  const monthsAgo = (n: number): number => firstOfMonth(addMonths(ref, -n));

  // A: the deaf father — light signals for doorbell and smoke alarm.
  addWmo(S.A_FATHER, '13', '13A03', monthsAgo(36), undefined, oneItem, 'Lichtsignalering deurbel en rookmelder voor doven');
  // A: the mother with a mild intellectual disability.
  const begeleidingMother = monthsAgo(14);
  addWmo(S.A_MOTHER, '02', '02A01', begeleidingMother, addMonths(begeleidingMother, 24) - 1, hours(3));
  addWmo(S.A_MOTHER, '01', '01A01', begeleidingMother, undefined, hours(2));
  // The eldest daughter, on her own.
  const begeleiding20 = monthsAgo(8);
  addWmo(S.A_DAUGHTER_20, '02', '02A01', begeleiding20, addMonths(begeleiding20, 12) - 1, hours(4));
  // B: father 1, home after a suicide attempt, in GGZ treatment.
  const begeleidingB1 = monthsAgo(3);
  addWmo(S.B_FATHER_1, '02', '02A02', begeleidingB1, addMonths(begeleidingB1, 6) - 1, hours(5));
  // C: living at home longer at 84.
  addWmo(S.C_WOMAN_84, '01', '01A01', monthsAgo(48), undefined, hours(3));
  addWmo(S.C_WOMAN_84, '11', '11A01', monthsAgo(26), undefined, oneItem);
  const regiotaxi = monthsAgo(36);
  addWmo(S.C_WOMAN_84, '08', '08A01', regiotaxi, addYears(regiotaxi, 5) - 1, oneItem);
  // Closed in 2004 under the Wvg, before iWmo existed (so no omvang): past the 15-year term.
  addWmo(S.C_WOMAN_84, '13', '13A02', day(2003, 3, 1), day(2004, 9, 30), undefined);
  // D: after the vrouwenopvang, begeleiding in her own home.
  const opvangEnd = firstOfMonth(addMonths(ref, -7)) - 1;
  addWmo(S.D_GEHEIMHOUDING, '16', '16A02', monthsAgo(16), opvangEnd, { volume: 7, eenheid: EENHEID.ETMAAL, frequentie: FREQUENTIE.PER_WEEK });
  addWmo(S.D_GEHEIMHOUDING, '02', '02A01', opvangEnd + 1, addMonths(opvangEnd + 1, 12) - 1, hours(3));

  // --- Jeugd -----------------------------------------------------------------------------
  const jeugd: JeugdToewijzing[] = [];
  const addJeugd = (bsn: string, categorie: string, code: string, verwijzer: string, ingang: number, eind: number | undefined, startLag: number, omvang: { volume: number; eenheid: string; frequentie: string }): void => {
    const spec = jeugdProduct(categorie, code);
    jeugd.push({
      bsn,
      toewijzingNummer: ids.jeugd(),
      productCategorie: categorie,
      productCode: code,
      omschrijving: spec.omschrijving,
      verwijzer,
      ingangsdatum: iso(ingang),
      ...(eind !== undefined ? { einddatum: iso(eind) } : {}),
      startZorg: iso(nextWorkday(ingang + startLag)),
      omvang,
    });
  };
  // Ambulante begeleiding for the autistic 17-year-old; youth care ends the day she turns 18.
  addJeugd(S.A_DAUGHTER_17, '45', '45A01', '01', monthsAgo(20), addYears(birth[S.A_DAUGHTER_17], 18) - 1, 14, hours(2));
  addJeugd(S.A_DAUGHTER_12, '54', '54A01', '02', monthsAgo(10), undefined, 21, { volume: 4, eenheid: EENHEID.UUR, frequentie: FREQUENTIE.PER_MAAND });
  // Childcare on social-medical indication (SMI), referred by the jeugdarts.
  const smi = monthsAgo(5);
  addJeugd(S.B_SON_3, '50', '50A01', '03', smi, addMonths(smi, 12) - 1, 7, { volume: 4, eenheid: EENHEID.DAGDEEL, frequentie: FREQUENTIE.PER_WEEK });

  // --- Werk en inkomen -------------------------------------------------------------------
  const uitkeringen: Uitkering[] = [];
  // The re-integration intake is planned, not decided: no besluit yet.
  uitkeringen.push({
    bsn: S.A_DAUGHTER_17,
    dossierNummer: ids.dossier(),
    soort: 'REINTEGRATIE_TRAJECT',
    omschrijving: 'Intake re-integratie: overgang 18-/18+, geen Wajong',
    ingangsdatum: iso(previousWorkday(ref - 12)),
    besluiten: [],
  });
  const kinderopvang = firstOfMonth(addMonths(ref, -1));
  uitkeringen.push({
    bsn: S.B_FATHER_2,
    dossierNummer: ids.dossier(),
    soort: 'BIJZONDERE_BIJSTAND',
    omschrijving: 'Bijzondere bijstand kosten kinderopvang',
    ingangsdatum: iso(kinderopvang),
    einddatum: iso(addMonths(kinderopvang, 4) - 1),
    besluiten: [
      { soort: 'AFWIJZING', datum: iso(previousWorkday(addMonths(kinderopvang, -3) + 9)), toelichting: 'Vermogen boven de vermogensgrens' },
      { soort: 'TOEKENNING', datum: iso(previousWorkday(kinderopvang - 9)), toelichting: 'Toegekend op nieuwe aanvraag voor vier maanden kinderopvang' },
    ],
  });
  const bijstandD = opvangEnd + 1;
  uitkeringen.push({
    bsn: S.D_GEHEIMHOUDING,
    dossierNummer: ids.dossier(),
    soort: 'ALGEMENE_BIJSTAND',
    omschrijving: 'Algemene bijstand, norm alleenstaande',
    ingangsdatum: iso(bijstandD),
    besluiten: [{ soort: 'TOEKENNING', datum: iso(nextWorkday(bijstandD + 12)) }],
  });

  // --- Leerplicht ------------------------------------------------------------------------
  const leerlingen: Leerling[] = [
    { bsn: S.A_DAUGHTER_17, kwalificatieplichtig: true },
    { bsn: S.A_DAUGHTER_12, kwalificatieplichtig: false },
    { bsn: S.B_DAUGHTER_5, kwalificatieplichtig: false },
  ];
  const { VSO, SO, BAO } = SHOWCASE_SCHOOLS;
  const inschrijvingen: Inschrijving[] = [
    // VSO with the arbeidsmarkt profile since secondary age: from there, to work at 18.
    { bsn: S.A_DAUGHTER_17, brin: VSO.brin, schoolNaam: VSO.naam, onderwijssoort: 'VSO', ingangsdatum: iso(schoolYearStart(voEntryYear(birth[S.A_DAUGHTER_17]))) },
    // Speciaal onderwijs since she was seven.
    { bsn: S.A_DAUGHTER_12, brin: SO.brin, schoolNaam: SO.naam, onderwijssoort: 'SO', ingangsdatum: iso(schoolYearStart(parts(addYears(birth[S.A_DAUGHTER_12], 7)).year)) },
    // Basisschool from her fourth birthday.
    { bsn: S.B_DAUGHTER_5, brin: BAO.brin, schoolNaam: BAO.naam, onderwijssoort: 'BAO', ingangsdatum: iso(nextWorkday(addYears(birth[S.B_DAUGHTER_5], 4))) },
  ];
  const verzuimmeldingen: Verzuimmelding[] = [
    {
      bsn: S.A_DAUGHTER_12,
      meldingId: ids.melding(),
      datum: iso(previousWorkday(ref - 37)),
      soort: 'ONGEOORLOOFD',
      brin: SO.brin,
      schoolNaam: SO.naam,
      afhandeling: 'GESPREK',
    },
  ];

  return {
    addresses: [addrA, addrA20, addrB, addrC, addrD],
    inhabitants,
    wmo,
    jeugd,
    uitkeringen,
    leerlingen,
    inschrijvingen,
    verzuimmeldingen,
    vrijstellingen: [],
  };
}
