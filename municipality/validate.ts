/**
 * The invariants every synthetic municipality keeps, as executable checks. The tests run them
 * against several seeds and reference dates; a stand-in seeded from a JSON file (or mutated by a
 * test) can run them to learn that its world still makes sense.
 *
 * Problems name records by their identifiers and persons by their index in `inhabitants`,
 * never by name or BSN: the habit of keeping personal data out of messages holds here too.
 */
import { isValidBsn } from '../lib/bsn';
import { JEUGD_PRODUCTS, WMO_PRODUCTS } from './catalog';
import { addYears, ageOn, day, parseIso } from './dates';
import type { Inhabitant, Municipality, PartialDate } from './types';

/** At most this many problems per check: the first few tell what is wrong. */
const LIMIT = 5;

const EENHEDEN = new Set(['01', '04', '14', '16', '82', '83', '84']);
const FREQUENTIES = new Set(['1', '2', '4', '6']);
const VERWIJZERS = new Set(['01', '02', '03', '04', '05', '06', '08']);
const GEZAG_HOLDERS = { GezamenlijkOuderlijkGezag: 2, EenhoofdigOuderlijkGezag: 1, Voogdij: 0 } as const;

interface Index {
  ref: string;
  refDay: number;
  byBsn: Map<string, Inhabitant>;
  position: Map<string, number>;
  age: (bsn: string) => number | null;
  /** The earliest day the (possibly partial) birth date allows. */
  earliestBirth: (bsn: string) => number;
}

function indexOf(m: Municipality): Index {
  const byBsn = new Map(m.inhabitants.map((p) => [p.bsn, p]));
  const position = new Map(m.inhabitants.map((p, i) => [p.bsn, i]));
  const ages = new Map<string, number | null>();
  const age = (bsn: string): number | null => {
    if (!ages.has(bsn)) {
      const p = byBsn.get(bsn);
      ages.set(bsn, p ? ageOn(p.geboortedatum, m.referenceDate) : null);
    }
    return ages.get(bsn)!;
  };
  const earliestBirth = (bsn: string): number => {
    const d: PartialDate | undefined = byBsn.get(bsn)?.geboortedatum;
    return d?.year === undefined ? -Infinity : day(d.year, d.month ?? 1, d.day ?? 1);
  };
  return { ref: m.referenceDate, refDay: parseIso(m.referenceDate), byBsn, position, age, earliestBirth };
}

function collect<T>(items: readonly T[], check: (item: T, i: number) => string | false | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length && out.length < LIMIT; i++) {
    const problem = check(items[i], i);
    if (problem) out.push(problem);
  }
  return out;
}

function validIso(s: string | undefined): boolean {
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  try {
    parseIso(s);
    return true;
  } catch {
    return false;
  }
}

function isCurrent(r: { ingangsdatum?: string; einddatum?: string }, ref: string): boolean {
  return r.ingangsdatum !== undefined && r.ingangsdatum <= ref && (r.einddatum === undefined || r.einddatum >= ref);
}

type Check = (m: Municipality, x: Index) => string[];

const checks = {
  /** Unique, 999-prefixed, elfproef-valid. */
  bsns: (m) => {
    const seen = new Set<string>();
    return collect(m.inhabitants, (p, i) => {
      if (!isValidBsn(p.bsn) || !p.bsn.startsWith('999')) return `inhabitants[${i}]: not a valid test BSN`;
      if (seen.has(p.bsn)) return `inhabitants[${i}]: duplicate BSN`;
      seen.add(p.bsn);
      return undefined;
    });
  },

  /** BAG-like identifiers, PostNL-style postcodes, unique addresses; everyone lives at one of them. */
  addresses: (m) => {
    const ao = new Set<string>();
    const na = new Set<string>();
    const keys = new Set<string>();
    const problems = collect(m.addresses, (a, i) => {
      if (!/^\d{16}$/.test(a.adresseerbaarObjectId) || /^0+$/.test(a.adresseerbaarObjectId) || !/^\d{16}$/.test(a.nummeraanduidingId)) return `addresses[${i}]: BAG identification`;
      if (!/^[1-9]\d{3}[A-EGHJ-NPRSTVWXZ]{2}$/.test(a.postcode) || ['SA', 'SD', 'SS'].includes(a.postcode.slice(4))) return `addresses[${i}]: postcode ${a.postcode}`;
      if (!Number.isInteger(a.huisnummer) || a.huisnummer < 1) return `addresses[${i}]: huisnummer`;
      if (a.huisletter !== undefined && !/^[A-Z]$/.test(a.huisletter)) return `addresses[${i}]: huisletter`;
      if (a.huisnummertoevoeging !== undefined && !/^[0-9A-Za-z]{1,4}$/.test(a.huisnummertoevoeging)) return `addresses[${i}]: huisnummertoevoeging`;
      const key = `${a.postcode} ${a.huisnummer}${a.huisletter ?? ''}-${a.huisnummertoevoeging ?? ''}`;
      if (ao.has(a.adresseerbaarObjectId) || na.has(a.nummeraanduidingId) || keys.has(key)) return `addresses[${i}]: duplicate`;
      ao.add(a.adresseerbaarObjectId);
      na.add(a.nummeraanduidingId);
      keys.add(key);
      return undefined;
    });
    return [...problems, ...collect(m.inhabitants, (p, i) => !ao.has(p.adresseerbaarObjectId) && `inhabitants[${i}]: address does not exist`)];
  },

  /** Parts known from the year down, never after the reference date. */
  birthDates: (m, x) =>
    collect(m.inhabitants, ({ bsn, geboortedatum: d }, i) =>
      ((d.month !== undefined && d.year === undefined) || (d.day !== undefined && d.month === undefined) || x.earliestBirth(bsn) > x.refDay) && `inhabitants[${i}]: geboortedatum`),

  /** Ouders and partners exist; parents are at least 16 years older; partnership is mutual. */
  relations: (m, x) =>
    collect(m.inhabitants, (p, i) => {
      if (p.ouders.length > 2 || new Set(p.ouders).size !== p.ouders.length || p.ouders.includes(p.bsn)) return `inhabitants[${i}]: ouders`;
      for (const o of p.ouders) {
        const parent = x.byBsn.get(o);
        if (!parent) return `inhabitants[${i}]: ouder does not exist`;
        if (parent.geboortedatum.year !== undefined && p.geboortedatum.year !== undefined && p.geboortedatum.year - parent.geboortedatum.year < 16) return `inhabitants[${i}]: ouder ${x.position.get(o)} too young`;
      }
      if (p.partner !== undefined) {
        const partner = x.byBsn.get(p.partner);
        if (partner?.partner !== p.bsn || partner.adresseerbaarObjectId !== p.adresseerbaarObjectId) return `inhabitants[${i}]: partner not mutual or not living together`;
        if ((x.age(p.bsn) ?? 99) < 18) return `inhabitants[${i}]: minor with a partner`;
      }
      return undefined;
    }),

  /** Every minor, and only a minor, has gezag, held by as many adult legal parents as its type says. */
  gezag: (m, x) =>
    collect(m.inhabitants, (p, i) => {
      const a = x.age(p.bsn);
      if (a === null || a >= 18) return p.gezag !== undefined && `inhabitants[${i}]: adult with gezag`;
      const g = p.gezag;
      if (!g) return `inhabitants[${i}]: minor without gezag`;
      if (g.ouders.length !== GEZAG_HOLDERS[g.type]) return `inhabitants[${i}]: ${g.type} held by ${g.ouders.length}`;
      if (g.ouders.some((o) => !p.ouders.includes(o) || (x.age(o) ?? 99) < 18)) return `inhabitants[${i}]: gezag holder not an adult parent`;
      return undefined;
    }),

  /** Every record is about an inhabitant. */
  references: (m, x) => {
    const records: { bsn: string }[] = [...m.wmo, ...m.jeugd, ...m.uitkeringen, ...m.leerlingen, ...m.inschrijvingen, ...m.verzuimmeldingen, ...m.vrijstellingen];
    return collect(records, (r, i) => !x.byBsn.has(r.bsn) && `record ${i}: unknown person`);
  },

  /** Identifiers are unique (toewijzingnummers across Wmo and Jeugd). */
  identifiers: (m) => {
    const unique = (label: string, values: string[]): string[] => (new Set(values).size === values.length ? [] : [`${label}: duplicates`]);
    return [
      ...unique('toewijzingNummer', [...m.wmo, ...m.jeugd].map((r) => r.toewijzingNummer)),
      ...unique('dossierNummer', m.uitkeringen.map((u) => u.dossierNummer)),
      ...unique('meldingId', m.verzuimmeldingen.map((v) => v.meldingId)),
      ...unique('vrijstellingId', m.vrijstellingen.map((v) => v.vrijstellingId)),
      ...unique('leerling', m.leerlingen.map((l) => l.bsn)),
    ];
  },

  /** Wmo: code lists, omvang encoding, ingang ≤ eind, nothing before the eighteenth birthday or in the future. */
  wmo: (m, x) =>
    collect(m.wmo, (w) => {
      const id = `wmo ${w.toewijzingNummer}`;
      if (!(w.productCategorie in WMO_PRODUCTS) || !w.productCode.startsWith(w.productCategorie) || w.productCode.length !== 5) return `${id}: product`;
      if (w.leveringsvorm !== 'ZIN' && w.leveringsvorm !== 'PGB') return `${id}: leveringsvorm`;
      if (!validIso(w.ingangsdatum) || w.ingangsdatum > x.ref) return `${id}: ingangsdatum`;
      if (w.einddatum !== undefined && (!validIso(w.einddatum) || w.einddatum < w.ingangsdatum)) return `${id}: einddatum`;
      if (w.omvang && (!EENHEDEN.has(w.omvang.eenheid) || !FREQUENTIES.has(w.omvang.frequentie) || !(w.omvang.volume > 0))) return `${id}: omvang`;
      if (parseIso(w.ingangsdatum) < addYears(x.earliestBirth(w.bsn), 18)) return `${id}: before the eighteenth birthday`;
      return undefined;
    }),

  /** Jeugd: code lists and ingang ≤ startZorg ≤ stopZorg ≤ einddatum; reports never in the future. */
  jeugd: (m, x) =>
    collect(m.jeugd, (j) => {
      const id = `jeugd ${j.toewijzingNummer}`;
      if (!(j.productCategorie in JEUGD_PRODUCTS) || !j.productCode.startsWith(j.productCategorie)) return `${id}: product`;
      if (!VERWIJZERS.has(j.verwijzer)) return `${id}: verwijzer`;
      if (![j.ingangsdatum, j.einddatum, j.startZorg, j.stopZorg].every((d) => d === undefined || validIso(d))) return `${id}: date format`;
      if (j.ingangsdatum > x.ref || parseIso(j.ingangsdatum) <= x.earliestBirth(j.bsn)) return `${id}: ingangsdatum`;
      if (j.einddatum !== undefined && j.einddatum < j.ingangsdatum) return `${id}: einddatum before ingangsdatum`;
      if (j.startZorg !== undefined && (j.startZorg < j.ingangsdatum || j.startZorg > x.ref)) return `${id}: startZorg`;
      if (j.stopZorg !== undefined && (j.startZorg === undefined || j.stopZorg < j.startZorg || j.stopZorg > x.ref || j.einddatum === undefined || j.stopZorg > j.einddatum)) return `${id}: stopZorg`;
      return undefined;
    }),

  /** Werk en inkomen: besluiten in date order and never in the future; what was refused has no ingang. */
  werkEnInkomen: (m, x) =>
    collect(m.uitkeringen, (u) => {
      const id = `uitkering ${u.dossierNummer}`;
      const dates = u.besluiten.map((b) => b.datum);
      const soorten = u.besluiten.map((b) => b.soort);
      if (dates.some((d, i) => !validIso(d) || d > x.ref || (i > 0 && d < dates[i - 1]))) return `${id}: besluit dates`;
      if (u.ingangsdatum !== undefined && (!validIso(u.ingangsdatum) || u.ingangsdatum > x.ref)) return `${id}: ingangsdatum`;
      if (u.einddatum !== undefined && (u.ingangsdatum === undefined || !validIso(u.einddatum) || u.einddatum < u.ingangsdatum)) return `${id}: einddatum`;
      if (u.ingangsdatum === undefined && soorten.join() !== 'AFWIJZING') return `${id}: no ingang but ${soorten.join()}`;
      if (soorten.includes('BEEINDIGING') && !(u.einddatum !== undefined && u.einddatum < x.ref)) return `${id}: beëindigd but running`;
      if (u.ingangsdatum !== undefined && u.besluiten.length > 0 && !soorten.includes('TOEKENNING')) return `${id}: no toekenning`;
      // For adults; only a re-integration intake may start at seventeen (the 18-/18+ transition).
      const minAge = u.soort === 'REINTEGRATIE_TRAJECT' ? 17 : 18;
      if (u.ingangsdatum !== undefined && parseIso(u.ingangsdatum) < addYears(x.earliestBirth(u.bsn), minAge)) return `${id}: before age ${minAge}`;
      return undefined;
    }),

  /**
   * Leerplicht: the leerlingen are exactly the children of 4–17; each has one current
   * inschrijving unless a vrijstelling is in force (then none); enrolments do not overlap and
   * fit the child's age.
   */
  leerplicht: (m, x) => {
    const leerlingen = new Map(m.leerlingen.map((l) => [l.bsn, l]));
    const exempt = new Set(m.vrijstellingen.filter((v) => isCurrent(v, x.ref)).map((v) => v.bsn));
    const byPupil = new Map<string, typeof m.inschrijvingen>();
    for (const i of m.inschrijvingen) byPupil.set(i.bsn, [...(byPupil.get(i.bsn) ?? []), i]);
    return [
      ...collect(m.leerlingen, (l, i) => {
        const a = x.age(l.bsn);
        return (a === null || a < 4 || a > 17) && `leerlingen[${i}]: not aged 4–17`;
      }),
      ...collect(m.inschrijvingen, (i, k) => !leerlingen.has(i.bsn) && `inschrijvingen[${k}]: not a leerling`),
      ...collect(m.inhabitants, (p, k) => {
        const a = x.age(p.bsn);
        if (a === null || a < 4 || a > 17) return undefined;
        const leerling = leerlingen.get(p.bsn);
        if (!leerling) return `inhabitants[${k}]: child without Leerling`;
        if (leerling.kwalificatieplichtig !== a >= 16) return `inhabitants[${k}]: kwalificatieplichtig at ${a}`;
        const list = byPupil.get(p.bsn) ?? [];
        const current = list.filter((i) => isCurrent(i, x.ref));
        if (current.length !== (exempt.has(p.bsn) ? 0 : 1)) return `inhabitants[${k}]: ${current.length} current inschrijvingen`;
        const sorted = [...list].sort((a1, b1) => (a1.ingangsdatum < b1.ingangsdatum ? -1 : 1));
        for (let n = 1; n < sorted.length; n++) if (!(sorted[n - 1].einddatum !== undefined && sorted[n - 1].einddatum! < sorted[n].ingangsdatum)) return `inhabitants[${k}]: overlapping inschrijvingen`;
        for (const i of list) {
          if (!/^\d{2}[A-Z]{2}$/.test(i.brin)) return `inhabitants[${k}]: brin`;
          if (!validIso(i.ingangsdatum) || i.ingangsdatum > x.ref || parseIso(i.ingangsdatum) < addYears(x.earliestBirth(p.bsn), 4)) return `inhabitants[${k}]: inschrijving ingangsdatum`;
          if (i.einddatum !== undefined && i.einddatum < i.ingangsdatum) return `inhabitants[${k}]: inschrijving einddatum`;
        }
        const soort = current[0]?.onderwijssoort;
        if ((soort === 'BAO' || soort === 'SBO' || soort === 'SO') && a > 13) return `inhabitants[${k}]: ${soort} at ${a}`;
        if ((soort === 'VMBO' || soort === 'HAVO' || soort === 'VWO') && a < 11) return `inhabitants[${k}]: ${soort} at ${a}`;
        if (soort === 'MBO' && a < 15) return `inhabitants[${k}]: MBO at ${a}`;
        return undefined;
      }),
    ];
  },

  /**
   * Verzuim: reported by the school the pupil was enrolled at that day — except absoluut
   * verzuim, when the pupil was enrolled nowhere and the melding names the school they left.
   */
  verzuim: (m, x) => {
    const enrolments = new Map<string, typeof m.inschrijvingen>();
    for (const i of m.inschrijvingen) enrolments.set(i.bsn, [...(enrolments.get(i.bsn) ?? []), i]);
    return collect(m.verzuimmeldingen, (v) => {
      const id = `verzuimmelding ${v.meldingId}`;
      if (!validIso(v.datum) || v.datum > x.ref) return `${id}: datum`;
      const list = enrolments.get(v.bsn) ?? [];
      const enrolled = list.filter((i) => i.ingangsdatum <= v.datum && (i.einddatum === undefined || i.einddatum >= v.datum));
      if (v.soort === 'ABSOLUUT') {
        if (enrolled.length > 0) return `${id}: absoluut verzuim while enrolled`;
        if (!list.some((i) => i.brin === v.brin && i.einddatum !== undefined && i.einddatum < v.datum)) return `${id}: absoluut verzuim without a school left`;
      } else if (!enrolled.some((i) => i.brin === v.brin)) return `${id}: not enrolled at that school that day`;
      // HALT is for twelve and older.
      const p = x.byBsn.get(v.bsn);
      if (v.afhandeling === 'HALT' && p && (ageOn(p.geboortedatum, v.datum) ?? 0) < 12) return `${id}: HALT under twelve`;
      return undefined;
    });
  },

  /** Vrijstellingen: art. 5a/b/c, from leerplicht age (5), ingang before eind. */
  vrijstellingen: (m, x) =>
    collect(m.vrijstellingen, (v) => {
      const p = x.byBsn.get(v.bsn);
      const id = `vrijstelling ${v.vrijstellingId}`;
      if (!['5a', '5b', '5c'].includes(v.artikel)) return `${id}: artikel`;
      if (!validIso(v.ingangsdatum) || v.ingangsdatum > x.ref || (v.einddatum !== undefined && (!validIso(v.einddatum) || v.einddatum <= v.ingangsdatum))) return `${id}: dates`;
      if (p && (ageOn(p.geboortedatum, v.ingangsdatum) ?? 0) < 5) return `${id}: before leerplicht age`;
      return undefined;
    }),
} satisfies Record<string, Check>;

type WorldCheckName = keyof typeof checks;
export const WORLD_CHECKS: readonly WorldCheckName[] = Object.keys(checks) as WorldCheckName[];

/** Problems found by one named check (at most five). */
export function checkMunicipality(m: Municipality, name: WorldCheckName): string[] {
  return checks[name](m, indexOf(m));
}

/** Every problem found (at most five per check); empty when the world is consistent. */
export function validateMunicipality(m: Municipality): string[] {
  const x = indexOf(m);
  return WORLD_CHECKS.flatMap((name) => checks[name](m, x).map((p) => `${name}: ${p}`));
}
