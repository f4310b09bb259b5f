/**
 * The leerplicht administration (LAS): leerlingen, inschrijvingen, verzuimmeldingen and
 * vrijstellingen.
 *
 * Every child of 4–17 is a Leerling (kwalificatieplichtig from 16). School careers follow the
 * Dutch system: basisschool from the fourth birthday, secondary from about twelve (vmbo four
 * years, havo five, vwo six), mbo after vmbo; a few percent in SBO, SO and VSO. Each pupil has a
 * current inschrijving and, when they changed school, the one before (ended at the summer
 * holidays). The exception is a pupil with a current vrijstelling: exempt from leerplicht means
 * not enrolled (5a unfit for school, 5b objection to every school's direction, 5c at a school
 * abroad), so they have a Leerling entry and a vrijstelling, but no inschrijving.
 *
 * About 3 % of pupils have a verzuimmelding: mostly ongeoorloofd verzuim, luxeverzuim around the
 * holidays, signaalverzuim, and now and then absoluut verzuim, which is told as a story: the
 * pupil left a school, was enrolled nowhere for some weeks (the melding), and then enrolled at
 * another one.
 */
import type { School } from './catalog';
import { addMonths, addYears, day, firstOfMonth, iso, nextWorkday, parts, previousWorkday, schoolYearOf, schoolYearStart, voEntryYear } from './dates';
import { ageOf, between, later, type DomainContext } from './domain-context';
import type { Household, Person } from './model';
import type { Rng } from './random';
import type { Afhandeling, Inschrijving, Leerling, Onderwijssoort, Verzuimmelding, VerzuimSoort, Vrijstelling } from './types';

interface LeerplichtRecords {
  leerlingen: Leerling[];
  inschrijvingen: Inschrijving[];
  verzuimmeldingen: Verzuimmelding[];
  vrijstellingen: Vrijstelling[];
}

/** Years of secondary school per track (VSO pupils stay until about eighteen or later). */
const VO_YEARS: Readonly<Partial<Record<Onderwijssoort, number>>> = { VMBO: 4, HAVO: 5, VWO: 6, VSO: 7 };

interface Enrolment {
  school: School;
  soort: Onderwijssoort;
  ingang: number;
  eind?: number;
}

export function generateLeerplicht(ctx: DomainContext, schools: readonly School[]): LeerplichtRecords {
  const { ref, ids } = ctx;
  const r = ctx.rng;
  const out: LeerplichtRecords = { leerlingen: [], inschrijvingen: [], verzuimmeldingen: [], vrijstellingen: [] };
  const sy = schoolYearOf(ref);

  const bySoort = new Map<Onderwijssoort, School[]>();
  for (const s of schools) for (const soort of s.soorten) bySoort.set(soort, [...(bySoort.get(soort) ?? []), s]);
  const schoolFor = (soort: Onderwijssoort, h: Household, not?: School): School => {
    let options = bySoort.get(soort) ?? [];
    if (soort === 'BAO') {
      const near = options.filter((s) => s.woonplaats === h.address.woonplaats);
      if (near.length > 0) options = near;
    }
    if (not && options.length > 1) options = options.filter((s) => s !== not);
    if (options.length === 0) throw new Error(`generator bug: no school offers ${soort}`);
    return r.pick(options);
  };
  const summerEnd = (year: number): number => previousWorkday(day(year, 7, 10));

  const vrijstelling = (p: Person, artikel: Vrijstelling['artikel'], ingang: number, eind?: number): void => {
    out.vrijstellingen.push({ bsn: p.bsn, vrijstellingId: ids.vrijstelling(), artikel, ingangsdatum: iso(ingang), ...(eind !== undefined ? { einddatum: iso(eind) } : {}) });
  };

  /** The pupil's school career up to today: the current enrolment and the one before it. */
  const career = (p: Person, h: Household): { previous?: Enrolment; current: Enrolment } => {
    const riskFactor = Math.min(3, h.risk);
    const primary = r.weighted<Onderwijssoort>([['SO', 1.5 * riskFactor], ['SBO', 2.5 * riskFactor], ['BAO', 100]]);
    const track = primary === 'SO' ? 'VSO' : primary === 'SBO' ? (r.chance(0.3) ? 'VSO' : 'VMBO') : r.weighted<Onderwijssoort>([['VMBO', 50], ['HAVO', 25], ['VWO', 21], ['VSO', 1.5 * riskFactor]]);
    const fourth = addYears(p.birth, 4);
    const baoStart = nextWorkday(fourth) <= ref ? nextWorkday(fourth) : fourth;
    // Special primary school usually follows a few years of basisschool.
    let primaryEnrolment: Enrolment = { school: schoolFor(primary, h), soort: primary, ingang: baoStart };
    let beforePrimary: Enrolment | undefined;
    if (primary !== 'BAO') {
      const switchDay = schoolYearStart(parts(p.birth).year + r.int(6, 9));
      if (switchDay <= ref && switchDay > baoStart + 180) {
        beforePrimary = { school: schoolFor('BAO', h), soort: 'BAO', ingang: baoStart, eind: summerEnd(parts(switchDay).year) };
        primaryEnrolment = { ...primaryEnrolment, ingang: switchDay };
      }
    }
    // One pupil in eight takes a year longer (kleuterverlenging or a repeated year).
    const entry = voEntryYear(p.birth) + (r.chance(0.12) ? 1 : 0);
    if (entry > sy) return { previous: beforePrimary, current: primaryEnrolment };
    const voStart = schoolYearStart(entry);
    const primaryEnded = { ...primaryEnrolment, eind: summerEnd(entry) };
    const years = VO_YEARS[track] ?? 6;
    if (track !== 'VSO' && sy - entry + 1 > years) {
      const vo: Enrolment = { school: schoolFor(track, h), soort: track, ingang: voStart, eind: summerEnd(entry + years) };
      return { previous: vo, current: { school: schoolFor('MBO', h), soort: 'MBO', ingang: schoolYearStart(entry + years) } };
    }
    return { previous: primaryEnded, current: { school: schoolFor(track, h), soort: track, ingang: voStart } };
  };

  const emit = (p: Person, e: Enrolment): void => {
    out.inschrijvingen.push({ bsn: p.bsn, brin: e.school.brin, schoolNaam: e.school.naam, onderwijssoort: e.soort, ingangsdatum: iso(e.ingang), ...(e.eind !== undefined ? { einddatum: iso(e.eind) } : {}) });
  };

  const melding = (p: Person, d: number, soort: VerzuimSoort, school: School): void => {
    out.verzuimmeldingen.push({ bsn: p.bsn, meldingId: ids.melding(), datum: iso(d), soort, brin: school.brin, schoolNaam: school.naam, afhandeling: afhandeling(r, soort, ref - d, ageOf(p, d)) });
  };

  /** A school day in [from, to], outside the summer holidays; undefined when there is none. */
  const schoolDay = (from: number, to: number): number | undefined => {
    if (to <= from) return undefined;
    let d = between(r, from, to);
    const { year } = parts(d);
    if (d > day(year, 7, 17) && d < schoolYearStart(year)) d = schoolYearStart(year) + r.int(3, 40);
    d = previousWorkday(d);
    return d >= from && d <= to ? d : undefined;
  };

  /** The last school day before a holiday: when parents take their children out early. */
  const beforeHoliday = (from: number, to: number): number | undefined => {
    const anchors: number[] = [];
    for (let y = parts(from).year; y <= parts(to).year; y++) {
      for (const [m, dd] of [[2, 13], [4, 24], [7, 10], [10, 16], [12, 18]]) {
        const a = previousWorkday(day(y, m, dd) - r.int(0, 1));
        if (a >= from && a <= to) anchors.push(a);
      }
    }
    return anchors.length > 0 ? r.pick(anchors) : undefined;
  };

  for (const h of ctx.households) {
    for (const p of h.members) {
      const age = ageOf(p, ref);
      if (age < 4 || age > 17) continue;
      out.leerlingen.push({ bsn: p.bsn, kwalificatieplichtig: age >= 16 });

      // Leerplicht starts on the first of the month after the fifth birthday.
      const leerplichtStart = firstOfMonth(addMonths(addYears(p.birth, 5), 1));
      let returnedFromAbroad: number | undefined;
      if (age >= 5 && age <= 15 && leerplichtStart < ref - 30) {
        const roll = r.next();
        const yearEnd = day(sy + 1, 7, 31);
        if (roll < 0.003) {
          // 5a: granted for the rest of the leerplicht, or for a term that must be renewed.
          const ingang = between(r, leerplichtStart, ref - 30);
          vrijstelling(p, '5a', ingang, r.chance(0.5) ? day(schoolYearOf(addYears(p.birth, 16)) + 1, 7, 31) : undefined);
          continue;
        }
        if (roll < 0.0034) {
          vrijstelling(p, '5b', later(leerplichtStart, schoolYearStart(sy)), yearEnd);
          continue;
        }
        if (roll < 0.0039) {
          vrijstelling(p, '5c', later(leerplichtStart, schoolYearStart(sy - r.int(0, 2))), yearEnd);
          continue;
        }
        if (roll < 0.0044) {
          // 5c in the past: a year or two at a school abroad, now back and enrolled here.
          const back = sy - r.int(0, 2);
          const ingang = schoolYearStart(back - r.int(1, 2));
          if (ingang >= leerplichtStart) {
            vrijstelling(p, '5c', ingang, day(back, 7, 31));
            returnedFromAbroad = schoolYearStart(back);
          }
        }
      }

      let { previous, current } = career(p, h);
      if (returnedFromAbroad !== undefined) {
        previous = undefined;
        current = { ...current, ingang: later(current.ingang, returnedFromAbroad) };
      }

      // Verzuim: more among teenagers, and clustered in households with more problems.
      const extra: Enrolment[] = [];
      if (age >= 5 && r.chance(Math.min(0.6, 0.03 * (age >= 12 ? 1.5 : 0.6) * h.risk))) {
        const count = r.chance(0.8) ? 1 : 2;
        let absoluutDone = false;
        for (let i = 0; i < count; i++) {
          const soort = r.weighted<VerzuimSoort>([['ONGEOORLOOFD', 62], ['LUXEVERZUIM', 20], ['SIGNAALVERZUIM', 14], ['ABSOLUUT', absoluutDone ? 0 : 4]]);
          if (soort === 'ABSOLUUT') {
            // Left the old school, enrolled nowhere for a few weeks, then a new school.
            const newStart = nextWorkday(ref - r.int(30, 100));
            const gap = r.int(20, 50);
            const leftOld = previousWorkday(newStart - gap);
            if (current.ingang < leftOld - 30 && newStart < ref) {
              const old = { ...current, eind: leftOld };
              extra.push(old);
              current = { school: schoolFor(current.soort, h, current.school), soort: current.soort, ingang: newStart };
              melding(p, nextWorkday(leftOld + r.int(5, gap - 10)), 'ABSOLUUT', old.school);
              absoluutDone = true;
              continue;
            }
          }
          const from = later(current.ingang + 10, ref - 420);
          const d = (soort === 'LUXEVERZUIM' ? beforeHoliday(from, ref - 1) : undefined) ?? schoolDay(from, ref - 1);
          if (d !== undefined) melding(p, d, soort === 'ABSOLUUT' ? 'ONGEOORLOOFD' : soort, current.school);
        }
      }
      if (previous) emit(p, previous);
      for (const e of extra) emit(p, e);
      emit(p, current);
    }
  }
  return out;
}

/** How the leerplichtambtenaar dealt with a melding; recent ones are still being handled. */
function afhandeling(r: Rng, soort: VerzuimSoort, daysAgo: number, ageAtMelding: number): Afhandeling {
  if (daysAgo < 35) return r.chance(0.75) ? 'IN_BEHANDELING' : 'GESPREK';
  if (soort === 'LUXEVERZUIM') return r.weighted<Afhandeling>([['WAARSCHUWING', 40], ['PROCES_VERBAAL', 30], ['GESPREK', 30]]);
  // HALT is for pupils of twelve and older.
  return r.weighted<Afhandeling>([['GESPREK', 50], ['WAARSCHUWING', 24], ['HALT', ageAtMelding >= 12 ? 12 : 0], ['PROCES_VERBAAL', 8], ['IN_BEHANDELING', 6]]);
}
