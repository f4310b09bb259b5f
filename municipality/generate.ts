/**
 * The synthetic municipality: a deterministic "real world" of inhabitants, dwellings and
 * social-domain records that the legacy stand-ins are seeded from.
 *
 * Same options → byte-identical JSON. Every random draw comes from a seeded PRNG (random.ts),
 * each part of the world from its own stream, and nothing depends on the clock, the locale or
 * iteration order of hash maps.
 */
import { BsnPool, TEST_BSN_CAPACITY } from './bsn-pool';
import { GEMEENTE_CODE, GEMEENTE_NAAM, schoolCatalog } from './catalog';
import { parseIso, parts } from './dates';
import type { DomainContext } from './domain-context';
import { IdSequences } from './ids';
import { generateJeugd } from './jeugd';
import { generateLeerplicht } from './leerplicht';
import type { Person } from './model';
import { generatePopulation } from './population';
import { Rng } from './random';
import { buildShowcase, SHOWCASE_BSNS } from './showcase';
import type { Inhabitant, Municipality, PartialDate } from './types';
import { generateWerkEnInkomen } from './werk-inkomen';
import { generateWmo } from './wmo';

export interface GenerateOptions {
  /**
   * Number of inhabitants, the showcase persons included. At least the number of showcase
   * persons (11), at most the number of test BSNs (90,909).
   * @defaultValue 20000
   */
  inhabitants?: number;
  /**
   * Seed of the PRNG: any integer 0 … 2³²−1.
   * @defaultValue 2015
   */
  seed?: number;
  /**
   * The date the world treats as "today" (ISO YYYY-MM-DD): ages, open and ended records and the
   * showcase stories are relative to it.
   * @defaultValue '2026-11-01'
   */
  referenceDate?: string;
}

const DEFAULT_INHABITANTS = 20_000;
const DEFAULT_SEED = 2015;
const DEFAULT_REFERENCE_DATE = '2026-11-01';

/**
 * Generates the municipality. Throws a RangeError when the options are out of range — notably
 * when more inhabitants are asked than there are test BSNs (see bsn-pool.ts).
 */
export function generateMunicipality(options: GenerateOptions = {}): Municipality {
  const inhabitants = options.inhabitants ?? DEFAULT_INHABITANTS;
  const seed = options.seed ?? DEFAULT_SEED;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;

  if (!Number.isInteger(inhabitants)) throw new RangeError(`inhabitants must be a whole number, got ${inhabitants}`);
  if (inhabitants > TEST_BSN_CAPACITY) {
    throw new RangeError(
      `inhabitants: asked for ${inhabitants}, but only ${TEST_BSN_CAPACITY} test BSNs exist (999-prefixed and elfproef-valid); ` +
        `the synthetic municipality uses test BSNs only`,
    );
  }
  if (inhabitants < SHOWCASE_BSNS.length) {
    throw new RangeError(`inhabitants: asked for ${inhabitants}, but the ${SHOWCASE_BSNS.length} showcase persons are always present`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer 0 … 4294967295, got ${seed}`);
  const ref = parseIso(referenceDate);
  const refYear = parts(ref).year;
  if (refYear < 2016 || refYear > 2100) throw new RangeError(`referenceDate must lie in 2016–2100 (after the decentralisation of 2015), got ${referenceDate}`);

  const ids = new IdSequences(GEMEENTE_CODE);
  const showcase = buildShowcase(ref, ids);
  const root = new Rng(seed);
  const pool = new BsnPool(root.derive('bsn'), new Set(SHOWCASE_BSNS));
  const population = generatePopulation({ count: inhabitants - showcase.inhabitants.length, ref, rng: root.derive('population'), pool, ids });

  const context = (label: string): DomainContext => ({ ref, ids, households: population.households, rng: root.derive(label) });
  const wmo = generateWmo(context('wmo'));
  const jeugd = generateJeugd(context('jeugd'));
  const uitkeringen = generateWerkEnInkomen(context('werk-inkomen'));
  const leerplicht = generateLeerplicht(context('leerplicht'), schoolCatalog(inhabitants));

  return {
    gemeenteCode: GEMEENTE_CODE,
    gemeenteNaam: GEMEENTE_NAAM,
    referenceDate,
    seed,
    addresses: [...showcase.addresses, ...population.addresses],
    inhabitants: [...showcase.inhabitants, ...population.persons.map(toInhabitant)],
    wmo: [...showcase.wmo, ...wmo],
    jeugd: [...showcase.jeugd, ...jeugd],
    uitkeringen: [...showcase.uitkeringen, ...uitkeringen],
    leerlingen: [...showcase.leerlingen, ...leerplicht.leerlingen],
    inschrijvingen: [...showcase.inschrijvingen, ...leerplicht.inschrijvingen],
    verzuimmeldingen: [...showcase.verzuimmeldingen, ...leerplicht.verzuimmeldingen],
    vrijstellingen: [...showcase.vrijstellingen, ...leerplicht.vrijstellingen],
  };
}

function toInhabitant(p: Person): Inhabitant {
  const full = parts(p.birth);
  const geboortedatum: PartialDate =
    p.precision === 'full' ? full : p.precision === 'month' ? { year: full.year, month: full.month } : p.precision === 'year' ? { year: full.year } : {};
  return {
    bsn: p.bsn,
    voornamen: p.voornamen,
    ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
    geslachtsnaam: p.geslachtsnaam,
    geslacht: p.geslacht,
    geboortedatum,
    adresseerbaarObjectId: p.household.address.adresseerbaarObjectId,
    geheimhouding: p.geheimhouding,
    ouders: p.ouders,
    ...(p.gezag ? { gezag: p.gezag } : {}),
    ...(p.partner ? { partner: p.partner } : {}),
  };
}
