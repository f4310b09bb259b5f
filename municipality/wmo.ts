/**
 * Wmo maatwerkvoorzieningen as GWS holds them.
 *
 * Incidence rises steeply with age: a few percent of adults under 65, about a quarter of those
 * over 75 (most of them huishoudelijke hulp, mobility and housing aids). Residents of beschermd-
 * wonen group homes almost all have a beschermd-wonen indication. Besides current voorzieningen,
 * GWS keeps ended ones: some recently closed, and a few closed more than 15 years ago that the
 * retention job must find (Selectielijst 8.1.1/8.3.1: P15Y after closure).
 */
import { pgbOmvang, WMO_PRODUCTS, type ProductSpec } from './catalog';
import { addMonths, addYears, day, firstOfMonth, iso } from './dates';
import { ageOf, between, DECENTRALISATIE, later, YEAR, type DomainContext } from './domain-context';
import type { Person } from './model';
import type { Leveringsvorm, WmoVoorziening } from './types';

/** Categories drawn for clients of 65 and over, and under 65. */
const ELDERLY_CATEGORIES: readonly (readonly [string, number])[] = [
  ['01', 45], ['11', 14], ['12', 16], ['08', 22], ['13', 14], ['14', 6], ['07', 8], ['02', 8], ['04', 3], ['03', 2],
];
const ADULT_CATEGORIES: readonly (readonly [string, number])[] = [
  ['02', 45], ['07', 14], ['01', 12], ['08', 6], ['12', 6], ['11', 4], ['13', 8], ['14', 3], ['16', 3], ['15', 2], ['04', 2], ['03', 2],
];
/** Services are granted for a term; aids are lent until returned. */
const SERVICES = new Set(['01', '02', '03', '04', '07', '08', '15', '16']);
/** Share of PGB per category: common for care, rare for aids, never for transport and shelter. */
const PGB_SHARE: Readonly<Record<string, number>> = { '01': 0.15, '02': 0.15, '03': 0.15, '04': 0.1, '07': 0.12, '15': 0.1, '11': 0.03, '12': 0.03, '13': 0.03, '14': 0.03 };

/** Earliest voorziening GWS still holds: data converted from the Wvg era. */
const GWS_HISTORY_START = day(1999, 1, 1);

export function generateWmo(ctx: DomainContext): WmoVoorziening[] {
  const { ref, ids } = ctx;
  const r = ctx.rng;
  const out: WmoVoorziening[] = [];

  const push = (p: Person, categorie: string, ingang: number, eind: number | undefined): void => {
    const spec: ProductSpec = r.pick(WMO_PRODUCTS[categorie]);
    const leveringsvorm: Leveringsvorm = r.chance(PGB_SHARE[categorie] ?? 0) ? 'PGB' : 'ZIN';
    // Records converted from before the iWmo standard often lack an omvang.
    const legacy = ingang < DECENTRALISATIE && r.chance(0.5);
    const omvang = legacy ? undefined : leveringsvorm === 'PGB' ? pgbOmvang(r) : spec.omvang?.(r);
    out.push({
      bsn: p.bsn,
      toewijzingNummer: ids.wmo(),
      productCategorie: categorie,
      productCode: spec.code,
      omschrijving: spec.omschrijving,
      ingangsdatum: iso(ingang),
      ...(eind !== undefined ? { einddatum: iso(eind) } : {}),
      ...(omvang ? { omvang } : {}),
      leveringsvorm,
    });
  };

  /** Start of a voorziening that runs today: mostly recent, some for many years. */
  const currentStart = (earliest: number): number => {
    const start = ref - 1 - Math.round(r.exponential(2.5) * YEAR);
    const d = later(start, earliest);
    // Half of the toewijzingen start on the first of a month, the rest on the decision date.
    return r.chance(0.5) && firstOfMonth(d) >= earliest ? firstOfMonth(d) : d;
  };

  const addCurrent = (p: Person, categorie: string, earliest: number): void => {
    const ingang = currentStart(earliest);
    let eind: number | undefined;
    if (SERVICES.has(categorie) && r.chance(0.45)) {
      // A term that ends in the future (prolonged if the first term has passed).
      eind = addMonths(ingang, r.int(12, 60)) - 1;
      if (eind < ref) eind = ref + r.int(20, 400);
    }
    push(p, categorie, ingang, eind);
  };

  /** An ended voorziening whose einddatum lies in [endFrom, endTo]. */
  const addEnded = (p: Person, categorie: string, earliest: number, endFrom: number, endTo: number): void => {
    const eind = between(r, endFrom, endTo);
    const ingang = eind - r.int(60, 4 * 365);
    if (ingang < earliest || eind >= ref) return;
    push(p, categorie, ingang, eind);
  };

  const drawCategories = (table: readonly (readonly [string, number])[], k: number): string[] => {
    const chosen: string[] = [];
    while (chosen.length < k) {
      const c = r.weighted(table.filter(([cat]) => !chosen.includes(cat)));
      chosen.push(c);
    }
    return chosen;
  };

  for (const h of ctx.households) {
    for (const p of h.members) {
      const age = ageOf(p, ref);
      if (age < 18) continue;
      const adultFrom = later(addYears(p.birth, 18), GWS_HISTORY_START);
      if (h.kind === 'groupHome') {
        // Beschermd wonen is why they live there; many also go to dagbesteding.
        if (r.chance(0.85)) {
          addCurrent(p, '15', later(adultFrom, DECENTRALISATIE));
          if (r.chance(0.4)) addCurrent(p, '07', later(adultFrom, DECENTRALISATIE));
        }
        continue;
      }
      const base = age < 65 ? 0.014 : age < 75 ? 0.05 : age < 85 ? 0.19 : 0.38;
      // Need clusters in households, but among the very old it is mostly age.
      const factor = age >= 75 ? 0.6 + 0.4 * h.risk : h.risk;
      if (r.chance(Math.min(0.95, base * factor))) {
        const k = r.weighted([[1, 55], [2, 30], [3, 12], [4, 3]] as const);
        const categories = drawCategories(age >= 65 ? ELDERLY_CATEGORIES : ADULT_CATEGORIES, k);
        categories.forEach((categorie, i) => {
          if (i === 0 || r.chance(0.65)) addCurrent(p, categorie, adultFrom);
          else addEnded(p, categorie, adultFrom, ref - Math.round(12 * YEAR), ref - 1);
        });
        // Some long-standing clients also had a voorziening that closed more than 15 years ago.
        if (age >= 45 && r.chance(0.04)) addEnded(p, r.weighted(ADULT_CATEGORIES), adultFrom, addYears(ref, -19), addYears(ref, -15) - 30);
      } else if (age >= 30 && r.chance(0.004)) {
        // A former client: one voorziening, closed anywhere from months to twenty years ago.
        addEnded(p, r.weighted(age >= 65 ? ELDERLY_CATEGORIES : ADULT_CATEGORIES), adultFrom, addYears(ref, -20), ref - 90);
      }
    }
  }
  return out;
}
