/**
 * Households, persons and the dwellings they live in.
 *
 * Households are drawn from a mix close to the Dutch one (CBS: ~39 % one person, ~33 % two,
 * average ~2.1): singles (many of them elderly), couples, families with one to four children,
 * single parents (often with the other parent living elsewhere in town), and a few large
 * families, three-generation households, student houses, beschermd-wonen group homes and one
 * or two homes for unaccompanied minors. Relations (ouders, partner, gezag) are planned per
 * household before BSNs are handed out, so that a plan that does not fit the remaining count
 * can be dropped without leaving holes.
 */
import type { BsnPool } from './bsn-pool';
import { SHOWCASE_POSTCODE_AREA, WOONPLAATSEN, type Woonplaats } from './catalog';
import { addYears, ageInYears, parts } from './dates';
import type { IdSequences } from './ids';
import type { DatePrecision, Household, HouseholdKind, Person } from './model';
import { INCOMPLETE_DATE_ORIGINS, ORIGIN_WEIGHTS, STREET_NAMES, surnameFor, voornamenFor, type Origin, type Surname } from './names';
import type { Rng } from './random';
import type { Address, Geslacht, GezagType } from './types';

interface Draft {
  geslacht: Geslacht;
  birth: number;
  origin: Origin;
  /** Take the geslachtsnaam of this (earlier) draft: children get a parent's name. */
  surnameFrom?: number;
  ouders: number[];
  partner?: number;
  /** Applied only when the person is a minor on the reference date. */
  gezag?: { type: GezagType; holders: number[] };
}

interface Plan {
  drafts: Draft[];
  households: { kind: HouseholdKind; members: number[] }[];
}

interface Population {
  households: Household[];
  persons: Person[];
  addresses: Address[];
}

const HOUSEHOLD_MIX: readonly (readonly [HouseholdKind, number])[] = [
  ['single', 37],
  ['couple', 29.5],
  ['family', 20],
  ['singleParent', 7],
  ['students', 2],
  ['multigenerational', 1],
  ['largeFamily', 0.5],
  ['groupHome', 0.25],
  ['amvHome', 0.02],
];

type Band = readonly [min: number, max: number, weight: number];
/** Ages of people living alone: young adults, and many widowed elderly. */
const SINGLE_AGES: readonly Band[] = [[18, 24, 9], [25, 34, 17], [35, 49, 14], [50, 64, 20], [65, 74, 15], [75, 84, 15], [85, 99, 10]];
/** Age of the older partner of a couple without children at home. */
const COUPLE_AGES: readonly Band[] = [[20, 29, 11], [30, 44, 9], [45, 54, 10], [55, 64, 22], [65, 74, 27], [75, 84, 17], [85, 96, 4]];
/** Years between siblings. */
const SIBLING_GAPS: readonly (readonly [number, number])[] = [[1, 20], [2, 40], [3, 25], [4, 15]];
const GROUP_HOME_AGES: readonly Band[] = [[19, 29, 30], [30, 49, 40], [50, 69, 30]];

/** PostNL leaves out F, I, O, Q, U and Y (too easily confused), and the pairs SA, SD and SS. */
const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';
const HUISLETTERS = 'ABCDEFGH';
const FORBIDDEN_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);

interface Slot {
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
}

interface Street {
  name: string;
  slots: Slot[];
  pos: number;
  /** House numbers per postcode, per side of the street. */
  block: number;
  postcodes: Map<number, string>;
}

interface PlaceState {
  place: Woonplaats;
  /** Postcode areas this woonplaats owns: [postcodeBase, areaLimit). */
  areaLimit: number;
  area: number;
  letterIndex: number;
  perArea: number;
  names: string[];
  nameIndex: number;
  round: number;
  used: Set<string>;
  street?: Street;
}

/**
 * Hands out dwellings street by street. A street gets its house numbers and postcodes when it is
 * laid out; a postcode covers one side of a stretch of 10–24 numbers, as PostNL assigns them.
 * About 3 % of dwellings stay empty: they are in the BAG but nobody is registered there.
 */
class AddressAllocator {
  private readonly places: PlaceState[];

  constructor(private readonly r: Rng, private readonly ids: IdSequences, private readonly out: Address[]) {
    this.places = WOONPLAATSEN.map((place, i) => {
      const next = WOONPLAATSEN[i + 1];
      return {
        place,
        areaLimit: next ? next.postcodeBase : place.postcodeBase + 99,
        area: place.postcodeBase,
        letterIndex: 0,
        perArea: r.int(20, 60),
        names: r.shuffle([...STREET_NAMES]),
        nameIndex: 0,
        round: 0,
        used: new Set<string>(),
      };
    });
    if (WOONPLAATSEN.some((w) => w.postcodeBase === SHOWCASE_POSTCODE_AREA)) throw new Error('postcode area of the showcase reused');
  }

  private readonly placeWeights = WOONPLAATSEN.map((w, i) => [i, w.weight] as const);

  pickPlace(): number {
    return this.r.weighted(this.placeWeights);
  }

  next(placeIndex: number): Address {
    const state = this.places[placeIndex];
    for (;;) {
      if (!state.street || state.street.pos >= state.street.slots.length) state.street = this.layOutStreet(state);
      const street = state.street;
      const slot = street.slots[street.pos++];
      const key = (slot.huisnummer % 2) * 100000 + Math.floor((slot.huisnummer - 1) / street.block);
      let postcode = street.postcodes.get(key);
      if (!postcode) {
        postcode = this.nextPostcode(state);
        street.postcodes.set(key, postcode);
      }
      const { adresseerbaarObjectId, nummeraanduidingId } = this.ids.nextAddress();
      const address: Address = {
        adresseerbaarObjectId,
        nummeraanduidingId,
        straat: street.name,
        huisnummer: slot.huisnummer,
        ...(slot.huisletter ? { huisletter: slot.huisletter } : {}),
        ...(slot.huisnummertoevoeging ? { huisnummertoevoeging: slot.huisnummertoevoeging } : {}),
        postcode,
        woonplaats: state.place.naam,
      };
      this.out.push(address);
      if (!this.r.chance(0.03)) return address;
    }
  }

  private nextPostcode(state: PlaceState): string {
    for (;;) {
      if (state.letterIndex >= state.perArea) {
        state.area++;
        state.letterIndex = 0;
        state.perArea = this.r.int(20, 60);
        if (state.area >= state.areaLimit) {
          throw new RangeError(`postcode areas of ${state.place.naam} exhausted; the municipality is larger than the address plan allows`);
        }
      }
      const i = state.letterIndex++;
      const n = POSTCODE_LETTERS.length;
      const letters = POSTCODE_LETTERS[Math.floor(i / n)] + POSTCODE_LETTERS[i % n];
      if (!FORBIDDEN_POSTCODE_LETTERS.has(letters)) return `${state.area}${letters}`;
    }
  }

  private streetName(state: PlaceState): string {
    // When a woonplaats runs out of names, new quarters get "Korte", "Lange", … variants, as
    // Dutch towns do; names that already carry such a word are skipped in those rounds.
    const prefixes = ['', 'Korte ', 'Lange ', 'Nieuwe ', 'Oude ', 'Hoge ', 'Lage '];
    for (;;) {
      if (state.nameIndex >= state.names.length) {
        state.nameIndex = 0;
        state.round++;
        if (state.round >= prefixes.length) throw new RangeError(`street names of ${state.place.naam} exhausted`);
      }
      const base = state.names[state.nameIndex++];
      if (state.round > 0 && /^(Korte|Lange|Nieuwe|Oude|Hoge|Lage) /.test(base)) continue;
      const name = prefixes[state.round] + base;
      if (state.used.has(name)) continue;
      state.used.add(name);
      return name;
    }
  }

  private layOutStreet(state: PlaceState): Street {
    const r = this.r;
    const slots: Slot[] = [];
    if (r.chance(0.7)) {
      // Houses: one dwelling per number, now and then a split-off one (12A) or a "bis".
      const length = r.int(12, 140);
      for (let n = 1; n <= length; n++) {
        slots.push({ huisnummer: n });
        if (r.chance(0.04)) slots.push({ huisnummer: n, huisletter: 'A' });
        else if (r.chance(0.005)) slots.push({ huisnummer: n, huisnummertoevoeging: 'bis' });
      }
    } else {
      // Flats: several dwellings behind one number, told apart by toevoeging or huisletter.
      const buildings = r.int(3, 30);
      for (let n = 1; n <= buildings; n++) {
        const units = r.int(2, 8);
        const style = r.weighted([['number', 60], ['letter', 25], ['hs', 15]] as const);
        for (let u = 0; u < units; u++) {
          if (style === 'number') slots.push({ huisnummer: n, huisnummertoevoeging: String(u + 1) });
          else if (style === 'letter') slots.push({ huisnummer: n, huisletter: HUISLETTERS[u] });
          else slots.push({ huisnummer: n, huisnummertoevoeging: u === 0 ? 'hs' : String(u) });
        }
      }
    }
    return { name: this.streetName(state), slots, pos: 0, block: r.int(10, 24), postcodes: new Map() };
  }
}

/**
 * Draws `count` inhabitants in households. BSNs come from `pool`; dwellings from the BAG-like
 * address plan, with identifiers from `ids`.
 */
export function generatePopulation(args: { count: number; ref: number; rng: Rng; pool: BsnPool; ids: IdSequences }): Population {
  const { count, ref, pool, ids } = args;
  const r = args.rng;
  const addresses: Address[] = [];
  const allocator = new AddressAllocator(r.derive('addresses'), ids, addresses);
  const households: Household[] = [];
  const persons: Person[] = [];

  // Exact-age births: somewhere in the year that ends on the reference date.
  const birthAt = (age: number): number => {
    const hi = addYears(ref, -age);
    const lo = addYears(ref, -(age + 1)) + 1;
    return lo + r.int(0, hi - lo);
  };
  const ageFrom = (bands: readonly Band[]): number => {
    const [min, max] = r.weighted(bands.map((b) => [b, b[2]] as const));
    return r.int(min, max);
  };
  const pickOrigin = (): Origin => r.weighted(ORIGIN_WEIGHTS);
  const partnerOrigin = (origin: Origin): Origin => (origin === 'NL' ? (r.chance(0.04) ? pickOrigin() : 'NL') : r.chance(0.88) ? origin : 'NL');
  const randomSex = (): Geslacht => (r.chance(0.5) ? 'M' : 'V');

  const single = (): Plan => {
    const age = ageFrom(SINGLE_AGES);
    // Widows outnumber widowers; young singles are more often men.
    const pWoman = age >= 75 ? 0.72 : age >= 65 ? 0.6 : 0.45;
    return { drafts: [{ geslacht: r.chance(pWoman) ? 'V' : 'M', birth: birthAt(age), origin: pickOrigin(), ouders: [] }], households: [{ kind: 'single', members: [0] }] };
  };

  /** Two partners; returns their draft indices (man first in a mixed-sex couple). */
  const addCouple = (drafts: Draft[], olderAge: number, origin: Origin, sexes: readonly [Geslacht, Geslacht]): [number, number] => {
    const youngerAge = Math.max(18, olderAge - r.int(-2, 6));
    const a = drafts.length;
    drafts.push({ geslacht: sexes[0], birth: birthAt(olderAge), origin, ouders: [], partner: a + 1 });
    drafts.push({ geslacht: sexes[1], birth: birthAt(youngerAge), origin: partnerOrigin(origin), ouders: [], partner: a });
    return [a, a + 1];
  };

  const couple = (): Plan => {
    const drafts: Draft[] = [];
    const sameSex = r.chance(0.02);
    const sexes: [Geslacht, Geslacht] = sameSex ? (r.chance(0.5) ? ['M', 'M'] : ['V', 'V']) : ['M', 'V'];
    const [a, b] = addCouple(drafts, ageFrom(COUPLE_AGES), pickOrigin(), sexes);
    return { drafts, households: [{ kind: 'couple', members: [a, b] }] };
  };

  /**
   * Children's ages: the youngest 0–20 (grown-up children often still live at home), siblings
   * one to four years apart, none older than 24.
   */
  const childAges = (n: number, maxGap: number): number[] => {
    const ages = [r.int(0, 20)];
    for (let i = 1; i < n; i++) {
      const next = ages[i - 1] + r.weighted(SIBLING_GAPS.filter(([gap]) => gap <= maxGap));
      if (next > 24) break;
      ages.push(next);
    }
    return ages;
  };
  /** Mother's age given the children's ages: first child at 23–38, last before 46. */
  const motherAgeFor = (ages: number[]): number => {
    const oldest = Math.max(...ages);
    const youngest = Math.min(...ages);
    return Math.min(oldest + r.int(23, 30) + r.int(0, 8), youngest + 45);
  };

  const addChildren = (drafts: Draft[], ages: number[], origin: Origin, ouders: number[], surnameFrom: number): number[] => {
    const out: number[] = [];
    for (const age of ages) {
      out.push(drafts.length);
      drafts.push({
        geslacht: randomSex(),
        birth: birthAt(age),
        origin,
        surnameFrom,
        ouders,
        gezag: { type: ouders.length === 2 ? 'GezamenlijkOuderlijkGezag' : 'EenhoofdigOuderlijkGezag', holders: ouders },
      });
    }
    return out;
  };

  const family = (kind: 'family' | 'largeFamily' | 'multigenerational'): Plan => {
    const drafts: Draft[] = [];
    const n = kind === 'largeFamily' ? r.int(5, 9) : r.weighted([[1, 40], [2, 42], [3, 13], [4, 5]] as const);
    const ages = childAges(n, kind === 'largeFamily' ? 2 : 4);
    const motherAge = motherAgeFor(ages);
    const origin = pickOrigin();
    const roll = r.next();
    // Most couples with children are a man and a woman; a few are two mothers or two fathers,
    // both legal parents (duo-moederschap, adoption).
    const sexes: [Geslacht, Geslacht] = roll < 0.015 ? ['V', 'V'] : roll < 0.02 ? ['M', 'M'] : ['M', 'V'];
    const fatherAge = Math.max(18, motherAge + r.int(-2, 6));
    drafts.push({ geslacht: sexes[0], birth: birthAt(fatherAge), origin, ouders: [], partner: 1 });
    drafts.push({ geslacht: sexes[1], birth: birthAt(motherAge), origin: partnerOrigin(origin), ouders: [], partner: 0 });
    const parents = [0, 1];
    const surnameParent = sexes[0] === 'M' ? 0 : 1;
    const kids = addChildren(drafts, ages, origin, parents, surnameParent);
    // Now and then the eldest is from an earlier relationship of the mother, father unknown:
    // one known parent, and she alone holds authority.
    if (kids.length > 1 && sexes[1] === 'V' && r.chance(0.04)) {
      const eldest = drafts[kids[kids.length - 1]];
      eldest.ouders = [1];
      eldest.surnameFrom = 1;
      eldest.gezag = { type: 'EenhoofdigOuderlijkGezag', holders: [1] };
    }
    const members = [...parents, ...kids];
    // A foster child: legal parents unknown to us, authority with a gecertificeerde instelling.
    if (kind === 'family' && r.chance(0.008)) {
      members.push(drafts.length);
      drafts.push({ geslacht: randomSex(), birth: birthAt(r.int(1, 16)), origin: pickOrigin(), ouders: [], gezag: { type: 'Voogdij', holders: [] } });
    }
    if (kind === 'multigenerational') {
      const grandmaAge = motherAge + r.int(20, 34);
      if (grandmaAge <= 97) {
        members.push(drafts.length);
        drafts[1].ouders = [drafts.length];
        drafts.push({ geslacht: 'V', birth: birthAt(grandmaAge), origin: drafts[1].origin, ouders: [] });
      }
    }
    return { drafts, households: [{ kind, members }] };
  };

  const singleParent = (): Plan => {
    const drafts: Draft[] = [];
    const parentSex: Geslacht = r.chance(0.85) ? 'V' : 'M';
    const ages = childAges(r.weighted([[1, 50], [2, 35], [3, 15]] as const), 4);
    const parentAge = Math.max(18, motherAgeFor(ages) + (parentSex === 'M' ? r.int(0, 4) : 0));
    const origin = pickOrigin();
    drafts.push({ geslacht: parentSex, birth: birthAt(parentAge), origin, ouders: [] });
    const scenario = r.weighted([['exHere', 45], ['exElsewhere', 35], ['unknown', 20]] as const);
    const households: Plan['households'] = [];
    let ouders = [0];
    let surnameFrom = 0;
    let exIndex: number | undefined;
    if (scenario === 'exHere') {
      // The other parent lives elsewhere in town, alone or with a new partner.
      exIndex = drafts.length;
      // Old enough to be the parent of the eldest child.
      const exAge = Math.max(18 + Math.max(...ages), parentAge + r.int(-3, 5));
      drafts.push({ geslacht: parentSex === 'V' ? 'M' : 'V', birth: birthAt(exAge), origin: partnerOrigin(origin), ouders: [] });
      ouders = parentSex === 'V' ? [0, exIndex] : [exIndex, 0];
      surnameFrom = parentSex === 'V' ? exIndex : 0;
    }
    const kids = addChildren(drafts, ages, origin, ouders, surnameFrom);
    // After a divorce both parents keep authority; sometimes the court gave it to one.
    const joint = scenario === 'exHere' && r.chance(0.85);
    for (const k of kids) drafts[k].gezag = joint ? { type: 'GezamenlijkOuderlijkGezag', holders: ouders } : { type: 'EenhoofdigOuderlijkGezag', holders: [0] };
    households.push({ kind: 'singleParent', members: [0, ...kids] });
    if (exIndex !== undefined) {
      if (r.chance(0.3)) {
        const newPartner = drafts.length;
        drafts[exIndex].partner = newPartner;
        const exAge = ageInYears(drafts[exIndex].birth, ref);
        drafts.push({ geslacht: drafts[exIndex].geslacht === 'M' ? 'V' : 'M', birth: birthAt(Math.max(18, exAge - r.int(-3, 6))), origin: pickOrigin(), ouders: [], partner: exIndex });
        households.push({ kind: 'couple', members: [exIndex, newPartner] });
      } else {
        households.push({ kind: 'single', members: [exIndex] });
      }
    }
    return { drafts, households };
  };

  const students = (): Plan => {
    const n = r.int(2, 4);
    const drafts: Draft[] = [];
    for (let i = 0; i < n; i++) drafts.push({ geslacht: randomSex(), birth: birthAt(r.int(18, 26)), origin: pickOrigin(), ouders: [] });
    return { drafts, households: [{ kind: 'students', members: drafts.map((_, i) => i) }] };
  };

  const groupHome = (): Plan => {
    const n = r.int(5, 12);
    const drafts: Draft[] = [];
    for (let i = 0; i < n; i++) drafts.push({ geslacht: r.chance(0.6) ? 'M' : 'V', birth: birthAt(ageFrom(GROUP_HOME_AGES)), origin: pickOrigin(), ouders: [] });
    return { drafts, households: [{ kind: 'groupHome', members: drafts.map((_, i) => i) }] };
  };

  const amvHome = (): Plan => {
    const n = r.int(4, 6);
    const drafts: Draft[] = [];
    for (let i = 0; i < n; i++) {
      drafts.push({
        geslacht: r.chance(0.85) ? 'M' : 'V',
        birth: birthAt(r.int(15, 17)),
        origin: r.pick(['ER', 'SY', 'AF', 'SO'] as const),
        ouders: [],
        // Nidos holds voogdij over unaccompanied minors: an institution, no parent.
        gezag: { type: 'Voogdij', holders: [] },
      });
    }
    return { drafts, households: [{ kind: 'amvHome', members: drafts.map((_, i) => i) }] };
  };

  const planFor = (kind: HouseholdKind): Plan => {
    switch (kind) {
      case 'single':
        return single();
      case 'couple':
        return couple();
      case 'family':
      case 'largeFamily':
      case 'multigenerational':
        return family(kind);
      case 'singleParent':
        return singleParent();
      case 'students':
        return students();
      case 'groupHome':
        return groupHome();
      case 'amvHome':
        return amvHome();
    }
  };

  const precisionFor = (origin: Origin, age: number): DatePrecision => {
    if (age < 18) return 'full';
    // People born where births were not registered often have only a year (or year and month)
    // in the BRP; a very few have no date at all.
    if (INCOMPLETE_DATE_ORIGINS.has(origin) && age >= 30) {
      if (age >= 45 && r.chance(0.02)) return 'unknown';
      if (r.chance(0.15)) return r.chance(0.6) ? 'year' : 'month';
      return 'full';
    }
    if ((origin === 'TR' || origin === 'MA') && age >= 55) return r.chance(0.05) ? 'year' : 'full';
    return r.chance(0.0003) ? 'year' : 'full';
  };

  const riskFor = (kind: HouseholdKind): number => {
    if (kind === 'groupHome') return r.chance(0.5) ? 2 : 6;
    if (kind === 'amvHome') return 2;
    if (kind === 'singleParent') return r.weighted([[0.7, 60], [2, 28], [6, 12]] as const);
    return r.weighted([[0.7, 85], [2, 12], [6, 3]] as const);
  };

  const commit = (plan: Plan): void => {
    const committed: Person[] = [];
    const bsns = plan.drafts.map(() => pool.take());
    const owner = new Map<number, Household>();
    // Geheimhouding: mostly asked for a whole household (people fleeing violence), sometimes
    // by one member only, which gives households where one member must be withheld.
    const secretHousehold = new Set<Household>();
    for (const h of plan.households) {
      const household: Household = { kind: h.kind, address: allocator.next(allocator.pickPlace()), members: [], risk: riskFor(h.kind) };
      households.push(household);
      if (r.chance(0.003)) secretHousehold.add(household);
      for (const m of h.members) owner.set(m, household);
    }
    plan.drafts.forEach((d, i) => {
      const household = owner.get(i);
      if (!household) throw new Error('generator bug: a planned person without a household');
      const age = ageInYears(d.birth, ref);
      const surname: Surname = d.surnameFrom !== undefined
        ? { ...(committed[d.surnameFrom].voorvoegsel ? { voorvoegsel: committed[d.surnameFrom].voorvoegsel } : {}), geslachtsnaam: committed[d.surnameFrom].geslachtsnaam }
        : surnameFor(d.origin, () => r.next());
      // A very few adults have geslacht onbekend in the BRP.
      const geslacht: Geslacht = age >= 18 && r.chance(0.0002) ? 'O' : d.geslacht;
      const person: Person = {
        bsn: bsns[i],
        voornamen: voornamenFor(d.origin, geslacht, parts(d.birth).year, () => r.next()),
        ...(surname.voorvoegsel ? { voorvoegsel: surname.voorvoegsel } : {}),
        geslachtsnaam: surname.geslachtsnaam,
        geslacht,
        birth: d.birth,
        precision: precisionFor(d.origin, age),
        origin: d.origin,
        household,
        geheimhouding: secretHousehold.has(household) || r.chance(0.0008),
        ouders: d.ouders.map((o) => bsns[o]),
        ...(d.partner !== undefined ? { partner: bsns[d.partner] } : {}),
      };
      if (age < 18) {
        // Every minor has someone with authority; if the plan named nobody, the parents do.
        const g = d.gezag ?? { type: d.ouders.length === 2 ? 'GezamenlijkOuderlijkGezag' : d.ouders.length === 1 ? 'EenhoofdigOuderlijkGezag' : 'Voogdij', holders: d.ouders };
        person.gezag = { type: g.type, ouders: g.holders.map((o) => bsns[o]) };
      }
      committed.push(person);
      household.members.push(person);
      persons.push(person);
    });
  };

  let remaining = count;
  while (remaining > 0) {
    let plan = planFor(r.weighted(HOUSEHOLD_MIX));
    // Near the end a drawn household may not fit; whoever is left lives alone.
    if (plan.drafts.length > remaining) plan = single();
    commit(plan);
    remaining -= plan.drafts.length;
  }
  return { households, persons, addresses };
}
