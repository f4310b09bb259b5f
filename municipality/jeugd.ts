/**
 * Jeugdhulp toewijzingen as the Jeugd/CJG registration holds them (iJw JW301, with the
 * provider's start JW305 and stop JW307).
 *
 * About one minor in ten has youth care (CBS: roughly one in ten under 18 each year), more
 * often in households that need help elsewhere too. Dates obey the iJw order: ingangsdatum ≤
 * startZorg ≤ stopZorg ≤ einddatum; start and stop are reports, so they are never after the
 * reference date, and a provider sometimes never reports a stop (or never starts at all).
 * Youth care ends at 18; young adults show up only with ended toewijzingen (verlengde jeugdhulp
 * at most to 21). Nothing predates the Jeugdwet (2015): earlier youth care was not the
 * municipality's and is not in this registration.
 */
import { JEUGD_PRODUCTS } from './catalog';
import { addMonths, addYears, iso, nextWorkday } from './dates';
import { ageOf, between, DECENTRALISATIE, earlier, later, YEAR, type DomainContext } from './domain-context';
import type { Person } from './model';
import type { JeugdToewijzing } from './types';

type Table = readonly (readonly [string, number])[];

const TODDLER: Table = [['45', 45], ['50', 20], ['40', 10], ['41', 10], ['54', 8], ['48', 5], ['46', 2]];
const CHILD: Table = [['45', 45], ['54', 18], ['51', 8], ['41', 6], ['52', 5], ['48', 4], ['44', 3], ['40', 3], ['42', 3], ['43', 2], ['46', 1], ['50', 2], ['55', 0.5]];
const TEEN: Table = [['45', 40], ['54', 18], ['51', 8], ['52', 8], ['48', 5], ['47', 4], ['43', 4], ['44', 3], ['46', 2], ['41', 2], ['42', 2], ['55', 1]];

/** Who refers for what (COD327): the court for jeugdreclassering, GPs for ggz, and so on. */
const VERWIJZERS: Readonly<Record<string, Table>> = {
  '47': [['08', 1]],
  '48': [['08', 70], ['04', 30]],
  '46': [['01', 50], ['04', 30], ['02', 20]],
  '43': [['01', 50], ['04', 30], ['05', 20]],
  '44': [['01', 50], ['04', 30], ['05', 20]],
  '50': [['03', 70], ['01', 30]],
  '51': [['02', 60], ['05', 25], ['03', 5], ['01', 10]],
  '52': [['02', 60], ['05', 25], ['03', 5], ['01', 10]],
  '54': [['02', 60], ['05', 25], ['03', 5], ['01', 10]],
};
const DEFAULT_VERWIJZERS: Table = [['01', 40], ['02', 30], ['03', 10], ['05', 12], ['06', 5], ['04', 3]];

/** Months a toewijzing runs, per category. */
const TERM: Readonly<Record<string, readonly [number, number]>> = {
  '46': [1, 3],
  '51': [3, 9],
  '52': [6, 18],
  '47': [12, 12],
  '48': [12, 12],
};
/** Categories whose toewijzing always has an einddatum. */
const ALWAYS_TERMED = new Set(['46', '47', '48', '51', '52']);
/** Minimum age for a category (jeugdreclassering from 12, ggz treatment from 3). */
const MIN_AGE: Readonly<Record<string, number>> = { '47': 12, '51': 3, '52': 3, '54': 3 };

export function generateJeugd(ctx: DomainContext): JeugdToewijzing[] {
  const { ref, ids } = ctx;
  const r = ctx.rng;
  const out: JeugdToewijzing[] = [];

  /**
   * One toewijzing with consistent dates. `ingang` is given; the term, the provider's reports
   * and the status (current or ended) follow from it.
   */
  const push = (p: Person, categorie: string, ingang: number, endCap: number, verwijzer?: string): void => {
    const spec = r.pick(JEUGD_PRODUCTS[categorie]);
    let eind: number | undefined;
    if (ALWAYS_TERMED.has(categorie) || r.chance(0.8)) {
      const [min, max] = TERM[categorie] ?? [3, 24];
      eind = addMonths(ingang, r.int(min, max)) - 1;
    }
    // Youth care stops at 18 (or at the end of verlengde jeugdhulp).
    if (eind === undefined ? endCap < ingang + 3 * YEAR : eind > endCap) eind = endCap;
    if (eind !== undefined && eind < ingang) return;
    let startZorg: number | undefined;
    let stopZorg: number | undefined;
    const reported = nextWorkday(ingang + r.int(3, 42));
    if (eind !== undefined && eind < ref) {
      // Ended. Now and then the care never started (waiting list, family declined).
      if (!r.chance(0.05)) {
        startZorg = reported <= eind ? reported : ingang;
        // Providers forget the JW307 for some.
        if (r.chance(0.85)) stopZorg = eind - r.int(0, Math.min(60, eind - startZorg));
      }
    } else {
      startZorg = reported < ref ? reported : undefined;
      // A few stop early: the provider reports the stop and the municipality ends the toewijzing.
      if (startZorg !== undefined && r.chance(0.04) && ref - 1 > startZorg + 14) {
        stopZorg = between(r, startZorg + 14, ref - 1);
        eind = stopZorg;
      }
    }
    out.push({
      bsn: p.bsn,
      toewijzingNummer: ids.jeugd(),
      productCategorie: categorie,
      productCode: spec.code,
      omschrijving: spec.omschrijving,
      verwijzer: verwijzer ?? r.weighted(VERWIJZERS[categorie] ?? DEFAULT_VERWIJZERS),
      ingangsdatum: iso(ingang),
      ...(eind !== undefined ? { einddatum: iso(eind) } : {}),
      ...(startZorg !== undefined ? { startZorg: iso(startZorg) } : {}),
      ...(stopZorg !== undefined ? { stopZorg: iso(stopZorg) } : {}),
      ...(spec.omvang ? { omvang: spec.omvang(r) } : {}),
    });
  };

  /** An ingangsdatum `meanYears` ago on average, not before `earliest` nor after yesterday. */
  const startBetween = (earliest: number, meanYears: number): number => later(earliest, ref - 1 - Math.round(r.exponential(meanYears) * YEAR));

  for (const h of ctx.households) {
    // Unaccompanied minors are under Nidos and the COA, not in the municipality's youth care.
    if (h.kind === 'amvHome') continue;
    for (const p of h.members) {
      const age = ageOf(p, ref);
      const adult = addYears(p.birth, 18);
      if (age < 18) {
        if (p.gezag?.type === 'Voogdij') {
          // A foster child under voogdij of a gecertificeerde instelling: pleegzorg plus the measure.
          const ingang = startBetween(later(p.birth + 30, DECENTRALISATIE), 3);
          push(p, '44', ingang, adult - 1, '04');
          push(p, '48', ingang, adult - 1, '08');
          continue;
        }
        const ageFactor = age < 4 ? 0.45 : age < 12 ? 1 : 1.25;
        if (!r.chance(Math.min(0.9, 0.085 * ageFactor * h.risk))) continue;
        const table = age < 4 ? TODDLER : age < 12 ? CHILD : TEEN;
        const k = r.weighted([[1, 65], [2, 25], [3, 10]] as const);
        const chosen: string[] = [];
        for (let i = 0; i < k; i++) {
          const categorie = r.weighted(table.filter(([c]) => !chosen.includes(c)));
          chosen.push(categorie);
          const earliest = later(later(p.birth + 60, addYears(p.birth, MIN_AGE[categorie] ?? 0)), DECENTRALISATIE);
          if (earliest >= ref) continue;
          push(p, categorie, startBetween(earliest, i === 0 ? 0.8 : 1.5), adult - 1);
        }
      } else if (age <= 22 && r.chance(Math.min(0.5, 0.035 * h.risk))) {
        // Youth care that ended around their eighteenth birthday, or verlengde jeugdhulp.
        const earliest = later(addYears(p.birth, 12), DECENTRALISATIE);
        const latest = adult - 60;
        if (latest <= earliest) continue;
        const cap = earlier(ref - 1, r.chance(0.25) ? addYears(p.birth, 21) - 1 : adult - 1);
        push(p, r.weighted(TEEN.filter(([c]) => c !== '47' && c !== '48')), between(r, earliest, latest), cap);
      }
    }
  }
  return out;
}
