/**
 * Participatiewet records as GWS holds them: algemene bijstand (about 3–4 % of households, far
 * more among single parents), bijzondere bijstand, re-integratie trajecten, schuldhulpverlening,
 * and a little IOAW, IOAZ and Bbz.
 *
 * A couple's bijstand is recorded per partner (each is entitled to half the gehuwdennorm and
 * each has a dossier of their own). Besluiten are in date order: an AFWIJZING sometimes precedes
 * the TOEKENNING, a running benefit gets WIJZIGINGen, and an ended one a BEEINDIGING. Ended
 * benefits go back up to eighteen years, so that some are past the 10-year retention term
 * (Selectielijst 8.1: P10Y from the end of the benefit). A rejected application has no
 * ingangsdatum at all: nothing was granted.
 */
import { addMonths, addYears, day, firstOfMonth, iso, nextWorkday, previousWorkday } from './dates';
import { ageOf, between, earlier, later, YEAR, type DomainContext } from './domain-context';
import type { Household, Person } from './model';
import { INCOMPLETE_DATE_ORIGINS } from './names';
import type { Besluit, BesluitSoort, Uitkering, UitkeringSoort } from './types';

/** AOW age: bijstand stops, the SVB takes over. */
const AOW_AGE = 67;
/** GWS holds benefit history from the WWB (2004) on. */
const GWS_BENEFIT_HISTORY = day(2004, 1, 1);

/** Base chance of algemene bijstand per benefit unit, by household kind (multiplied by risk). */
const BIJSTAND_BASE: Readonly<Record<Household['kind'], number>> = {
  single: 0.04,
  singleParent: 0.14,
  couple: 0.01,
  family: 0.015,
  multigenerational: 0.025,
  largeFamily: 0.04,
  students: 0.008,
  groupHome: 0.25,
  amvHome: 0,
};

interface BijzondereKind {
  omschrijving: string;
  /** Months for a periodic grant; absent for a one-off payment. */
  months?: readonly [number, number];
  needsChildren?: boolean;
}
const BIJZONDERE_KINDS: readonly (readonly [BijzondereKind, number])[] = [
  [{ omschrijving: 'Bijzondere bijstand kosten bewindvoering', months: [6, 24] }, 25],
  [{ omschrijving: 'Bijzondere bijstand inrichtingskosten' }, 15],
  [{ omschrijving: 'Bijzondere bijstand eigen bijdrage rechtsbijstand' }, 15],
  [{ omschrijving: 'Bijzondere bijstand medische kosten' }, 15],
  [{ omschrijving: 'Bijzondere bijstand kosten kinderopvang', months: [2, 6], needsChildren: true }, 8],
  [{ omschrijving: 'Bijzondere bijstand woonkostentoeslag', months: [3, 12] }, 8],
  [{ omschrijving: 'Individuele inkomenstoeslag' }, 14],
];

const AFWIJZING_REDENEN = ['Vermogen boven de vermogensgrens', 'Inkomen boven de bijstandsnorm', 'Onvoldoende inlichtingen verstrekt', 'Kosten zijn niet noodzakelijk'];
const WIJZIGING_REDENEN = ['Wijziging woonsituatie', 'Verrekening inkomsten uit deeltijdwerk', 'Wijziging kostendelersnorm', 'Verlaging wegens schending arbeidsverplichting'];
const BEEINDIGING_REDENEN = ['Inkomen uit arbeid', 'Samenwonen met partner met inkomen', 'Niet meer verschenen na oproep', 'Einde recht'];
const SOORT_ORDER: Readonly<Record<BesluitSoort, number>> = { AFWIJZING: 0, TOEKENNING: 1, WIJZIGING: 2, BEEINDIGING: 3 };

export function generateWerkEnInkomen(ctx: DomainContext): Uitkering[] {
  const { ref, ids } = ctx;
  const r = ctx.rng;
  const out: Uitkering[] = [];

  /** Decisions are taken on workdays and are never in the future. */
  const besluitDag = (d: number): number => previousWorkday(earlier(d, ref - 1));
  const besluit = (soort: BesluitSoort, d: number, toelichting?: string): Besluit => ({ soort, datum: iso(besluitDag(d)), ...(toelichting ? { toelichting } : {}) });
  const sorted = (besluiten: Besluit[]): Besluit[] => besluiten.sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : SOORT_ORDER[a.soort] - SOORT_ORDER[b.soort]));

  const push = (p: Person, soort: UitkeringSoort, omschrijving: string, ingang: number | undefined, eind: number | undefined, besluiten: Besluit[]): void => {
    out.push({
      bsn: p.bsn,
      dossierNummer: ids.dossier(),
      soort,
      omschrijving,
      ...(ingang !== undefined ? { ingangsdatum: iso(ingang) } : {}),
      ...(eind !== undefined ? { einddatum: iso(eind) } : {}),
      besluiten: sorted(besluiten),
    });
  };

  /** Toekenning, the yearly chance of a wijziging, and a beëindiging when it has ended. */
  const lifecycle = (ingang: number, eind: number | undefined, earliest: number, allowAfwijzing: boolean): Besluit[] => {
    const besluiten: Besluit[] = [];
    if (allowAfwijzing && r.chance(0.1)) {
      const earlierApplication = ingang - r.int(60, 365);
      if (earlierApplication > earliest) besluiten.push(besluit('AFWIJZING', earlierApplication, r.pick(AFWIJZING_REDENEN)));
    }
    const toekenning = ingang + r.int(-14, 40);
    besluiten.push(besluit('TOEKENNING', toekenning));
    const last = eind !== undefined ? earlier(eind, ref - 1) : ref - 1;
    for (let y = 1, n = 0; n < 3 && ingang + y * YEAR < last - 60; y++) {
      if (r.chance(0.35)) {
        const d = ingang + Math.round(y * YEAR) + r.int(-60, 60);
        if (d > toekenning && d < last) {
          besluiten.push(besluit('WIJZIGING', d, r.pick(WIJZIGING_REDENEN)));
          n++;
        }
      }
    }
    if (eind !== undefined && eind < ref) besluiten.push(besluit('BEEINDIGING', later(eind - r.int(0, 30), toekenning + 1), r.pick(BEEINDIGING_REDENEN)));
    return besluiten;
  };

  const adultFrom = (p: Person): number => addYears(p.birth, 18);

  const addBijstand = (unit: Person[], norm: string): number => {
    const earliest = later(Math.max(...unit.map(adultFrom)), GWS_BENEFIT_HISTORY);
    const ingang = later(earliest, ref - 1 - Math.round(r.exponential(3.5) * YEAR));
    // Both partners get the same decisions on the same days.
    const besluiten = lifecycle(ingang, undefined, earliest, true);
    for (const p of unit) push(p, 'ALGEMENE_BIJSTAND', `Algemene bijstand, norm ${norm}`, ingang, undefined, besluiten.map((b) => ({ ...b })));
    return ingang;
  };

  const addEndedBijstand = (p: Person): void => {
    const earliest = later(adultFrom(p), GWS_BENEFIT_HISTORY);
    const eind = between(r, later(earliest + 120, addYears(ref, -18)), ref - 30);
    const ingang = later(earliest, eind - r.int(120, 6 * 365));
    if (eind - ingang < 30 || eind >= ref) return;
    push(p, 'ALGEMENE_BIJSTAND', 'Algemene bijstand, norm alleenstaande', ingang, eind, lifecycle(ingang, eind, earliest, true));
  };

  const addReintegratie = (p: Person, notBefore: number): void => {
    const ingang = nextWorkday(notBefore + r.int(30, 180));
    if (ingang >= ref) return;
    const planned = addMonths(ingang, r.int(6, 18)) - 1;
    const eind = planned < ref || r.chance(0.5) ? planned : undefined;
    const omschrijving = INCOMPLETE_DATE_ORIGINS.has(p.origin) && r.chance(0.5)
      ? 'Taaltraject en werk (inburgering)'
      : r.pick(['Re-integratietraject werkfit', 'Re-integratietraject begeleiding naar werk', 'Participatietraject met tegenprestatie', 'Jobcoaching bij plaatsing']);
    const besluiten = [besluit('TOEKENNING', ingang - r.int(0, 20))];
    if (eind !== undefined && eind < ref) besluiten.push(besluit('BEEINDIGING', later(eind, ingang + 1), r.pick(['Traject afgerond', 'Uitgestroomd naar werk', 'Traject voortijdig beëindigd'])));
    push(p, 'REINTEGRATIE_TRAJECT', omschrijving, ingang, eind, besluiten);
  };

  const addBijzondere = (p: Person, hasChildren: boolean): void => {
    const kind = r.weighted(BIJZONDERE_KINDS.filter(([k]) => hasChildren || !k.needsChildren));
    const earliest = later(adultFrom(p), GWS_BENEFIT_HISTORY);
    const applied = later(earliest + 60, ref - 1 - Math.round(r.exponential(1.5) * YEAR));
    if (applied >= ref - 14) return;
    const outcome = r.weighted([['granted', 72], ['refused', 18], ['refusedThenGranted', 10]] as const);
    const besluiten: Besluit[] = [];
    if (outcome === 'refused') {
      besluiten.push(besluit('AFWIJZING', applied + r.int(14, 56), r.pick(AFWIJZING_REDENEN)));
      push(p, 'BIJZONDERE_BIJSTAND', kind.omschrijving, undefined, undefined, besluiten);
      return;
    }
    if (outcome === 'refusedThenGranted') {
      const first = applied - r.int(60, 200);
      if (first > earliest) besluiten.push(besluit('AFWIJZING', first, r.pick(AFWIJZING_REDENEN)));
    }
    const decided = besluitDag(applied + r.int(10, 40));
    besluiten.push(besluit('TOEKENNING', decided));
    if (kind.months) {
      const ingang = firstOfMonth(applied);
      push(p, 'BIJZONDERE_BIJSTAND', kind.omschrijving, ingang, addMonths(ingang, r.int(kind.months[0], kind.months[1])) - 1, besluiten);
    } else {
      // A one-off payment: granted and paid on the day of the decision.
      push(p, 'BIJZONDERE_BIJSTAND', kind.omschrijving, decided, decided, besluiten);
    }
  };

  const addSchuldhulp = (p: Person): void => {
    const earliest = later(adultFrom(p), day(2012, 7, 1)); // Wet gemeentelijke schuldhulpverlening
    const applied = later(earliest, ref - 1 - Math.round(r.exponential(2) * YEAR));
    if (applied >= ref - 7) return;
    if (r.chance(0.08)) {
      push(p, 'SCHULDHULPVERLENING', 'Verzoek om schuldhulpverlening', undefined, undefined, [besluit('AFWIJZING', applied + r.int(14, 56), 'Niet toegelaten: schulden uit fraude')]);
      return;
    }
    const ingang = nextWorkday(applied + r.int(7, 30));
    if (ingang >= ref) return;
    const planned = addMonths(ingang, r.int(18, 42)) - 1;
    const eind = planned < ref ? planned : undefined;
    const besluiten = [besluit('TOEKENNING', ingang)];
    if (eind !== undefined) besluiten.push(besluit('BEEINDIGING', eind, r.pick(['Schuldregeling afgerond', 'Traject voortijdig beëindigd'])));
    push(p, 'SCHULDHULPVERLENING', r.pick(['Schuldhulpverlening: minnelijke schuldregeling', 'Schuldhulpverlening: budgetbeheer', 'Schuldhulpverlening: stabilisatie']), ingang, eind, besluiten);
  };

  /** IOAW/IOAZ: from the age the law allows until AOW; Bbz: a year at a time. */
  const addOther = (p: Person, soort: 'IOAW' | 'IOAZ' | 'BBZ', omschrijving: string, fromAge: number): void => {
    const earliest = later(addYears(p.birth, fromAge), GWS_BENEFIT_HISTORY);
    const ingang = later(earliest, ref - 1 - Math.round(r.exponential(2) * YEAR));
    if (ingang >= ref) return;
    const eind = soort === 'BBZ' ? addMonths(ingang, 12) - 1 : addYears(p.birth, AOW_AGE) - 1;
    push(p, soort, omschrijving, ingang, eind, lifecycle(ingang, eind, earliest, false));
  };

  for (const h of ctx.households) {
    if (h.kind === 'amvHome') continue;
    const adults = h.members.filter((p) => ageOf(p, ref) >= 18);
    if (adults.length === 0) continue;
    const hasChildren = h.members.some((p) => ageOf(p, ref) < 18);
    // Benefit units: a couple together, otherwise each adult who heads the household alone.
    let units: Person[][];
    if (h.kind === 'students' || h.kind === 'groupHome') units = adults.map((p) => [p]);
    else {
      const head = h.members[0];
      const partner = head.partner ? h.members.find((m) => m.bsn === head.partner) : undefined;
      units = [partner ? [head, partner] : [head]];
    }
    const onBijstand = new Set<Person>();
    for (const unit of units) {
      const ages = unit.map((p) => ageOf(p, ref));
      if (ages.some((a) => a < 18 || a >= AOW_AGE)) continue;
      const young = ages.every((a) => a < 21) ? 0.4 : 1;
      if (!r.chance(Math.min(0.9, BIJSTAND_BASE[h.kind] * young * h.risk))) continue;
      const norm = unit.length === 2 ? 'gehuwden' : h.kind === 'singleParent' ? 'alleenstaande ouder' : ages[0] < 21 ? 'jongeren' : 'alleenstaande';
      const ingang = addBijstand(unit, norm);
      for (const p of unit) {
        onBijstand.add(p);
        if (ageOf(p, ref) < 60 && r.chance(0.35)) addReintegratie(p, ingang);
      }
    }
    const applicant = units[0][0];
    if (ageOf(applicant, ref) >= 18) {
      const poor = onBijstand.size > 0;
      if (r.chance(Math.min(0.9, (0.012 + (poor ? 0.12 : 0)) * h.risk))) {
        addBijzondere(applicant, hasChildren);
        if (r.chance(0.25)) addBijzondere(applicant, hasChildren);
      }
      if (r.chance(Math.min(0.9, (0.007 + (poor ? 0.05 : 0)) * h.risk))) addSchuldhulp(applicant);
    }
    for (const p of adults) {
      if (onBijstand.has(p)) continue;
      const age = ageOf(p, ref);
      if (age >= 22 && r.chance(Math.min(0.5, 0.02 * h.risk))) addEndedBijstand(p);
      if (age >= 60 && age < AOW_AGE && r.chance(0.004)) addOther(p, 'IOAW', 'IOAW-uitkering', 50);
      else if (age >= 55 && age < AOW_AGE && r.chance(0.0008)) addOther(p, 'IOAZ', 'IOAZ-uitkering', 55);
      else if (age >= 25 && age < AOW_AGE && r.chance(0.0015)) addOther(p, 'BBZ', 'Bbz levensonderhoud gevestigde zelfstandige', 18);
      if (age < 27 && r.chance(0.003)) addReintegratie(p, later(adultFrom(p), ref - 400));
    }
  }
  return out;
}
