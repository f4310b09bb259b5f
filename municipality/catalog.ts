/**
 * Code lists and product catalogues the generator draws from (see docs/GLOSSARY.md), plus
 * the municipality's fixed facts: its name, woonplaatsen and schools.
 *
 * Omvang encoding — one encoding for Wmo and Jeugd, as the iStandaarden carry it:
 * - `eenheid` is WJ756: '01' minuut, '04' uur, '14' etmaal, '16' dagdeel (4 uur), '82' stuks
 *   (output), '83' euro's, '84' stuks (inspanning);
 * - `frequentie` is the iStandaarden frequentie code (WJ757): '1' per dag, '2' per week,
 *   '4' per maand, '6' totaal binnen de geldigheidsduur van de toewijzing.
 * So `{ volume: 3, eenheid: '04', frequentie: '2' }` reads "3 uur per week", and a wheelchair is
 * `{ volume: 1, eenheid: '82', frequentie: '6' }`: one item for the whole allocation.
 */
import { Rng } from './random';
import type { Onderwijssoort } from './types';

export const GEMEENTE_CODE = '9999';
export const GEMEENTE_NAAM = 'Ontschotten';

export const EENHEID = {
  MINUUT: '01',
  UUR: '04',
  ETMAAL: '14',
  DAGDEEL: '16',
  STUKS_OUTPUT: '82',
  EURO: '83',
  STUKS_INSPANNING: '84',
} as const;

export const FREQUENTIE = {
  PER_DAG: '1',
  PER_WEEK: '2',
  PER_MAAND: '4',
  TOTAAL: '6',
} as const;

interface Omvang {
  volume: number;
  eenheid: string;
  frequentie: string;
}

export interface Woonplaats {
  naam: string;
  /** Share of the population living there. */
  weight: number;
  /** First four-digit postcode area; each woonplaats owns a disjoint block of areas. */
  postcodeBase: number;
}

/**
 * One town and three villages. Postcode area 7400 is kept for the showcase households; generated
 * addresses start at 7401, so the two can never collide.
 */
export const WOONPLAATSEN: readonly Woonplaats[] = [
  { naam: 'Ontschotten', weight: 70, postcodeBase: 7401 },
  { naam: 'Schotbroek', weight: 12, postcodeBase: 7501 },
  { naam: 'Wandhoven', weight: 10, postcodeBase: 7531 },
  { naam: 'Dijkerveld', weight: 8, postcodeBase: 7561 },
];
export const SHOWCASE_POSTCODE_AREA = 7400;

export interface ProductSpec {
  code: string;
  omschrijving: string;
  /** Draws a realistic omvang; absent when the product has none. */
  omvang?: (rng: Rng) => Omvang;
}

const perWeek = (eenheid: string, min: number, max: number) => (rng: Rng): Omvang => ({ volume: rng.int(min, max), eenheid, frequentie: FREQUENTIE.PER_WEEK });
const perMonth = (eenheid: string, min: number, max: number) => (rng: Rng): Omvang => ({ volume: rng.int(min, max), eenheid, frequentie: FREQUENTIE.PER_MAAND });
const total = (eenheid: string, min: number, max: number) => (rng: Rng): Omvang => ({ volume: rng.int(min, max), eenheid, frequentie: FREQUENTIE.TOTAAL });
const oneItem = total(EENHEID.STUKS_OUTPUT, 1, 1);

/** iWmo productcategorie (WMO020) → products this municipality has contracted. */
export const WMO_PRODUCTS: Readonly<Record<string, readonly ProductSpec[]>> = {
  '01': [
    { code: '01A01', omschrijving: 'Hulp bij het huishouden', omvang: perWeek(EENHEID.UUR, 2, 4) },
    { code: '01A02', omschrijving: 'Hulp bij het huishouden met regie', omvang: perWeek(EENHEID.UUR, 3, 5) },
  ],
  '02': [
    { code: '02A01', omschrijving: 'Begeleiding individueel', omvang: perWeek(EENHEID.UUR, 1, 5) },
    { code: '02A02', omschrijving: 'Begeleiding individueel specialistisch', omvang: perWeek(EENHEID.UUR, 2, 6) },
  ],
  '03': [{ code: '03A01', omschrijving: 'Persoonlijke verzorging', omvang: perWeek(EENHEID.UUR, 2, 7) }],
  '04': [{ code: '04A01', omschrijving: 'Kortdurend verblijf (respijtzorg)', omvang: perMonth(EENHEID.ETMAAL, 2, 6) }],
  '07': [
    { code: '07A01', omschrijving: 'Dagbesteding', omvang: perWeek(EENHEID.DAGDEEL, 2, 6) },
    { code: '07A02', omschrijving: 'Dagbesteding specialistisch', omvang: perWeek(EENHEID.DAGDEEL, 2, 8) },
  ],
  '08': [
    { code: '08A01', omschrijving: 'Regiotaxi (collectief vraagafhankelijk vervoer)', omvang: oneItem },
    { code: '08A02', omschrijving: 'Vervoer van en naar dagbesteding', omvang: perWeek(EENHEID.STUKS_OUTPUT, 4, 10) },
  ],
  '11': [
    { code: '11A01', omschrijving: 'Handbewogen rolstoel', omvang: oneItem },
    { code: '11A02', omschrijving: 'Elektrische rolstoel', omvang: oneItem },
  ],
  '12': [
    { code: '12A01', omschrijving: 'Scootmobiel', omvang: oneItem },
    { code: '12A02', omschrijving: 'Aangepaste driewielfiets', omvang: oneItem },
    { code: '12A03', omschrijving: 'Autoaanpassing', omvang: total(EENHEID.EURO, 1500, 9000) },
  ],
  '13': [
    { code: '13A01', omschrijving: 'Traplift', omvang: oneItem },
    { code: '13A02', omschrijving: 'Woningaanpassing badkamer', omvang: total(EENHEID.EURO, 2500, 12000) },
    { code: '13A03', omschrijving: 'Lichtsignalering voor doven en slechthorenden', omvang: oneItem },
    { code: '13A04', omschrijving: 'Verhuiskostenvergoeding', omvang: total(EENHEID.EURO, 2000, 4000) },
  ],
  '14': [
    { code: '14A01', omschrijving: 'Tillift', omvang: oneItem },
    { code: '14A02', omschrijving: 'Douche- en toiletstoel', omvang: oneItem },
  ],
  '15': [{ code: '15A01', omschrijving: 'Beschermd wonen', omvang: perWeek(EENHEID.ETMAAL, 7, 7) }],
  '16': [
    { code: '16A01', omschrijving: 'Maatschappelijke opvang', omvang: perWeek(EENHEID.ETMAAL, 7, 7) },
    { code: '16A02', omschrijving: 'Vrouwenopvang', omvang: perWeek(EENHEID.ETMAAL, 7, 7) },
  ],
};

/** A PGB is a budget: GWS records its omvang in euro's per month, not in hours. */
export function pgbOmvang(rng: Rng): Omvang {
  return { volume: rng.int(3, 40) * 50, eenheid: EENHEID.EURO, frequentie: FREQUENTIE.PER_MAAND };
}

/** iJw productcategorie (JZ020) → products the municipality has contracted. */
export const JEUGD_PRODUCTS: Readonly<Record<string, readonly ProductSpec[]>> = {
  '40': [{ code: '40A01', omschrijving: 'Persoonlijke verzorging jeugd', omvang: perWeek(EENHEID.UUR, 1, 5) }],
  '41': [{ code: '41A01', omschrijving: 'Dagbehandeling jeugd', omvang: perWeek(EENHEID.DAGDEEL, 2, 5) }],
  '42': [{ code: '42A01', omschrijving: 'Vervoer naar jeugdhulp', omvang: perWeek(EENHEID.STUKS_OUTPUT, 4, 10) }],
  '43': [{ code: '43A01', omschrijving: 'Verblijf met behandeling', omvang: perWeek(EENHEID.ETMAAL, 7, 7) }],
  '44': [
    { code: '44A01', omschrijving: 'Pleegzorg', omvang: perWeek(EENHEID.ETMAAL, 7, 7) },
    { code: '44A02', omschrijving: 'Gezinshuis', omvang: perWeek(EENHEID.ETMAAL, 7, 7) },
  ],
  '45': [
    { code: '45A01', omschrijving: 'Ambulante begeleiding individueel', omvang: perWeek(EENHEID.UUR, 1, 4) },
    { code: '45A02', omschrijving: 'Ambulante gezinsbegeleiding', omvang: perWeek(EENHEID.UUR, 2, 6) },
    { code: '45A03', omschrijving: 'Ambulante behandeling', omvang: perMonth(EENHEID.UUR, 2, 8) },
  ],
  '46': [{ code: '46A01', omschrijving: 'Crisisopvang jeugd', omvang: total(EENHEID.ETMAAL, 3, 14) }],
  '47': [{ code: '47A01', omschrijving: 'Jeugdreclassering', omvang: perMonth(EENHEID.STUKS_INSPANNING, 1, 1) }],
  '48': [
    { code: '48A01', omschrijving: 'Ondertoezichtstelling (OTS)', omvang: perMonth(EENHEID.STUKS_INSPANNING, 1, 1) },
    { code: '48A02', omschrijving: 'Voogdijmaatregel', omvang: perMonth(EENHEID.STUKS_INSPANNING, 1, 1) },
  ],
  '50': [{ code: '50A01', omschrijving: 'Kinderopvang op sociaal-medische indicatie', omvang: perWeek(EENHEID.DAGDEEL, 2, 5) }],
  '51': [{ code: '51A01', omschrijving: 'Generalistische basis-ggz', omvang: total(EENHEID.MINUUT, 300, 750) }],
  '52': [{ code: '52A01', omschrijving: 'Specialistische ggz behandeling', omvang: total(EENHEID.UUR, 10, 40) }],
  '54': [
    { code: '54A01', omschrijving: 'Jeugd-ggz behandeling', omvang: perMonth(EENHEID.UUR, 2, 8) },
    { code: '54A02', omschrijving: 'Jeugd-ggz diagnostiek', omvang: total(EENHEID.UUR, 4, 10) },
  ],
  '55': [{ code: '55A01', omschrijving: 'Landelijk ingekochte zorg', omvang: perWeek(EENHEID.ETMAAL, 7, 7) }],
};

export function wmoProduct(categorie: string, code: string): ProductSpec {
  const spec = WMO_PRODUCTS[categorie]?.find((p) => p.code === code);
  if (!spec) throw new RangeError(`no Wmo product ${code} in categorie ${categorie}`);
  return spec;
}

export function jeugdProduct(categorie: string, code: string): ProductSpec {
  const spec = JEUGD_PRODUCTS[categorie]?.find((p) => p.code === code);
  if (!spec) throw new RangeError(`no Jeugd product ${code} in categorie ${categorie}`);
  return spec;
}

export interface School {
  brin: string;
  naam: string;
  soorten: readonly Onderwijssoort[];
  /** Where a primary school stands; pupils go to one in their own woonplaats when there is one. */
  woonplaats?: string;
}

/**
 * Schools the showcase households attend. They are fixed, so that the showcase reads the same
 * for every seed and size; generated pupils attend them too.
 */
export const SHOWCASE_SCHOOLS = {
  BAO: { brin: '05KQ', naam: 'CBS De Wegwijzer', soorten: ['BAO'], woonplaats: 'Ontschotten' },
  SO: { brin: '12ZS', naam: 'SO De Brug', soorten: ['SO'] },
  VSO: { brin: '12ZT', naam: 'VSO De Brug', soorten: ['VSO'] },
} as const satisfies Record<string, School>;

const BAO_NAMES = [
  'OBS De Regenboog', 'CBS Het Kompas', 'RKBS De Zonnewijzer', 'OBS De Klimop', 'CBS De Fontein', 'Montessorischool De Linde',
  'OBS De Springplank', 'CBS De Schakel', 'RKBS Sint Jozef', 'Daltonschool De Vlieger', 'OBS Het Palet', 'CBS De Ark',
  'OBS De Wereldwijzer', 'Jenaplanschool De Boomgaard', 'CBS Het Anker', 'OBS De Tweemaster', 'RKBS De Wilgenhoek',
  'OBS Het Kleurrijk', 'CBS De Morgenster', 'Vrije School De Zonnehoeve', 'OBS De Horizon', 'CBS Prins Willem-Alexander',
  'IKC De Verwondering', 'OBS De Meander', 'CBS De Hoeksteen', 'OBS Het Startpunt', 'RKBS De Bongerd', 'CBS Eben Haëzer',
];

/**
 * The school catalogue for a municipality of `inhabitants`. It depends on the size only, not on
 * the seed: schools are part of the town, not of who happens to live in it. Roughly one primary
 * school per 1,800 inhabitants, one secondary per 8,000, one special school of each kind per
 * 30,000, and two regional MBO colleges.
 */
export function schoolCatalog(inhabitants: number): School[] {
  // A fixed stream: the catalogue must not change with the seed.
  const rng = new Rng(0x5c4001);
  const used = new Set<string>(Object.values(SHOWCASE_SCHOOLS).map((s) => s.brin));
  const letters = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];
  const newBrin = (): string => {
    for (;;) {
      const brin = String(rng.int(0, 99)).padStart(2, '0') + rng.pick(letters) + rng.pick(letters);
      if (!used.has(brin)) {
        used.add(brin);
        return brin;
      }
    }
  };
  const schools: School[] = [SHOWCASE_SCHOOLS.BAO, SHOWCASE_SCHOOLS.SO, SHOWCASE_SCHOOLS.VSO];

  const baoCount = Math.max(WOONPLAATSEN.length + 1, Math.round(inhabitants / 1800));
  // Every village gets one primary school (the town already has the showcase one); the rest are
  // spread by population.
  const perPlace = WOONPLAATSEN.map((_, i) => (i === 0 ? 0 : 1));
  let left = baoCount - 1 - (WOONPLAATSEN.length - 1);
  for (let i = 0; left > 0; i = (i + 1) % WOONPLAATSEN.length) {
    if (rng.chance(WOONPLAATSEN[i].weight / 100)) {
      perPlace[i]++;
      left--;
    }
  }
  let nameIndex = 0;
  WOONPLAATSEN.forEach((w, i) => {
    for (let k = 0; k < perPlace[i]; k++) {
      const base = BAO_NAMES[nameIndex % BAO_NAMES.length];
      const round = Math.floor(nameIndex / BAO_NAMES.length);
      schools.push({ brin: newBrin(), naam: round === 0 ? base : `${base} ${round + 1}`, soorten: ['BAO'], woonplaats: w.naam });
      nameIndex++;
    }
  });

  schools.push({ brin: newBrin(), naam: 'SBO De Wissel', soorten: ['SBO'] });
  for (let k = 1; k < Math.round(inhabitants / 30000); k++) schools.push({ brin: newBrin(), naam: `SBO De Wissel ${k + 1}`, soorten: ['SBO'] });
  for (let k = 1; k < Math.round(inhabitants / 30000); k++) {
    schools.push({ brin: newBrin(), naam: `SO De Sprong ${k}`, soorten: ['SO'] });
    schools.push({ brin: newBrin(), naam: `VSO De Sprong ${k}`, soorten: ['VSO'] });
  }

  const voNames = ['Ontschot College', 'Stedelijk Lyceum', 'Vakcollege De Dijk', 'Christelijk College Wandhoven', 'Erasmus Scholengemeenschap', 'Gymnasium Celeanum'];
  const voSoorten: readonly (readonly Onderwijssoort[])[] = [['VMBO', 'HAVO', 'VWO'], ['HAVO', 'VWO'], ['VMBO'], ['VMBO', 'HAVO', 'VWO'], ['VMBO', 'HAVO'], ['VWO']];
  const voCount = Math.min(voNames.length, Math.max(3, Math.round(inhabitants / 8000)));
  for (let k = 0; k < voCount; k++) schools.push({ brin: newBrin(), naam: voNames[k], soorten: voSoorten[k] });

  schools.push({ brin: newBrin(), naam: 'ROC Rivierenland', soorten: ['MBO'] });
  schools.push({ brin: newBrin(), naam: 'Groen College', soorten: ['MBO'] });
  return schools;
}
