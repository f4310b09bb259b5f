/**
 * Test helper: a tiny hand-built Municipality for the BRP stand-in and round-trip tests.
 * (The real generator lives in municipality/; these tests must not depend on its output.)
 *
 * Clock: tests run the stand-in with `now` fixed at FIXTURE_NOW, so ages are stable.
 */
import { bsnCheckDigit } from '../../../lib/bsn';
import type { Address, Inhabitant, Municipality } from '../../../municipality/types';

export const FIXTURE_NOW = new Date('2025-06-15T10:00:00Z');

/** The n-th elfproef-valid test BSN in the 9999xxxxx range above the showcase numbers. */
function testBsn(n: number): string {
  let found = 0;
  for (let prefix = 99_995_000; ; prefix++) {
    const digit = bsnCheckDigit(String(prefix));
    if (digit === null) continue;
    if (found++ === n) return `${prefix}${digit}`;
  }
}

export function address(n: number, overrides: Partial<Address> = {}): Address {
  const id = String(n).padStart(4, '0');
  return {
    adresseerbaarObjectId: `059901000000${id}`,
    nummeraanduidingId: `059920000000${id}`,
    straat: 'Lange Nieuwstraat',
    huisnummer: n,
    postcode: '3512PH',
    woonplaats: 'Utrecht',
    ...overrides,
  };
}

export function inhabitant(bsn: string, overrides: Partial<Inhabitant> = {}): Inhabitant {
  return {
    bsn,
    voornamen: 'Kim',
    geslachtsnaam: 'Jansen',
    geslacht: 'O',
    geboortedatum: { year: 1990, month: 4, day: 1 },
    adresseerbaarObjectId: address(99).adresseerbaarObjectId,
    geheimhouding: false,
    ouders: [],
    ...overrides,
  };
}

/** Showcase BSNs (docs/CONTRACT.md) the fixture reuses. */
export const BSN = {
  vaderA: '999990007',
  moederA: '999990019',
  dochterA17: '999990032',
  dochterA12: '999990044',
  dochterZelfstandig: '999990020',
  weduwe84: '999990111',
  geheim: '999990135',
  /** A minor under one parent's authority. */
  eenhoofdigKind: testBsn(0),
  eenhoofdigOuder: testBsn(1),
  /** A minor under guardianship of an institution (no person named). */
  voogdijKind: testBsn(2),
  /** A minor under guardianship of a person living elsewhere. */
  voogdijKind2: testBsn(3),
  voogd: testBsn(4),
  /** Someone whose dwelling the world does not know. */
  zonderAdres: testBsn(5),
  /** Born in a known year and month. */
  jaarMaand: testBsn(6),
} as const;

export const AOID = {
  huishoudenA: address(1).adresseerbaarObjectId,
  huishoudenC: address(3, { huisletter: 'a', huisnummertoevoeging: 'bis' }).adresseerbaarObjectId,
  huishoudenD: address(4).adresseerbaarObjectId,
  huishoudenE: address(5).adresseerbaarObjectId,
  leeg: address(6).adresseerbaarObjectId,
} as const;

/** Households A, C and D of the showcase plus a few cases the spec distinguishes. */
export function municipalityFixture(extra: Inhabitant[] = []): Municipality {
  const addresses = [
    address(1),
    address(2, { straat: 'Oudegracht aan de Werf bij de Bakkerbrug', postcode: '3511AL' }),
    address(3, { huisletter: 'a', huisnummertoevoeging: 'bis' }),
    address(4),
    address(5),
    address(6),
  ];
  const a = AOID.huishoudenA;
  const inhabitants: Inhabitant[] = [
    inhabitant(BSN.vaderA, {
      voornamen: 'Johannes Pieter',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      geslacht: 'M',
      geboortedatum: { year: 1973, month: 3, day: 12 },
      adresseerbaarObjectId: a,
      partner: BSN.moederA,
    }),
    inhabitant(BSN.moederA, {
      voornamen: 'Maria',
      geslachtsnaam: 'Bakker',
      geslacht: 'V',
      geboortedatum: { year: 1977, month: 5, day: 26 },
      adresseerbaarObjectId: a,
      partner: BSN.vaderA,
    }),
    inhabitant(BSN.dochterA17, {
      voornamen: 'Sanne',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      geslacht: 'V',
      geboortedatum: { year: 2008, month: 1, day: 20 },
      adresseerbaarObjectId: a,
      ouders: [BSN.vaderA, BSN.moederA],
      gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: [BSN.vaderA, BSN.moederA] },
    }),
    inhabitant(BSN.dochterA12, {
      voornamen: 'Fleur Anne',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      geslacht: 'V',
      geboortedatum: { year: 2013, month: 9, day: 2 },
      adresseerbaarObjectId: a,
      ouders: [BSN.vaderA, BSN.moederA],
      gezag: { type: 'GezamenlijkOuderlijkGezag', ouders: [BSN.vaderA, BSN.moederA] },
    }),
    inhabitant(BSN.dochterZelfstandig, {
      voornamen: 'Eva',
      voorvoegsel: 'de',
      geslachtsnaam: 'Vries',
      geslacht: 'V',
      geboortedatum: { year: 2005, month: 2, day: 14 },
      adresseerbaarObjectId: address(2).adresseerbaarObjectId,
      ouders: [BSN.vaderA, BSN.moederA],
    }),
    inhabitant(BSN.weduwe84, {
      voornamen: 'Geertruida',
      geslachtsnaam: 'Smit',
      geslacht: 'V',
      // Only the year is known: JaarDatum, no leeftijd.
      geboortedatum: { year: 1941 },
      adresseerbaarObjectId: AOID.huishoudenC,
    }),
    inhabitant(BSN.geheim, {
      voornamen: 'Alex',
      geslachtsnaam: 'Visser',
      geslacht: 'O',
      // Entirely unknown: DatumOnbekend.
      geboortedatum: {},
      adresseerbaarObjectId: AOID.huishoudenD,
      geheimhouding: true,
    }),
    inhabitant(BSN.eenhoofdigOuder, {
      voornamen: 'Petra',
      geslachtsnaam: 'Mulder',
      geslacht: 'V',
      geboortedatum: { year: 1990, month: 11, day: 3 },
      adresseerbaarObjectId: AOID.huishoudenE,
    }),
    inhabitant(BSN.eenhoofdigKind, {
      voornamen: 'Daan',
      geslachtsnaam: 'Mulder',
      geslacht: 'M',
      geboortedatum: { year: 2019, month: 6, day: 15 },
      adresseerbaarObjectId: AOID.huishoudenE,
      ouders: [BSN.eenhoofdigOuder],
      gezag: { type: 'EenhoofdigOuderlijkGezag', ouders: [BSN.eenhoofdigOuder] },
    }),
    inhabitant(BSN.voogdijKind, {
      voornamen: 'Noor',
      geslachtsnaam: 'Yilmaz',
      geslacht: 'V',
      geboortedatum: { year: 2015, month: 12, day: 31 },
      adresseerbaarObjectId: AOID.huishoudenE,
      gezag: { type: 'Voogdij', ouders: [] },
    }),
    inhabitant(BSN.voogdijKind2, {
      voornamen: 'Milan',
      geslachtsnaam: 'Bos',
      geslacht: 'M',
      geboortedatum: { year: 2012, month: 7, day: 1 },
      adresseerbaarObjectId: AOID.huishoudenE,
      gezag: { type: 'Voogdij', ouders: [BSN.voogd] },
    }),
    inhabitant(BSN.zonderAdres, {
      voornamen: 'Robin',
      geslachtsnaam: 'Dekker',
      geslacht: 'M',
      geboortedatum: { year: 1985, month: 8, day: 8 },
      adresseerbaarObjectId: '0599010000009999',
    }),
    inhabitant(BSN.jaarMaand, {
      voornamen: 'IJsbrand Olaf',
      voorvoegsel: 'van der',
      geslachtsnaam: 'Berg',
      geslacht: 'M',
      // Year and month known; June is the current month at FIXTURE_NOW, so no leeftijd.
      geboortedatum: { year: 1983, month: 6 },
      adresseerbaarObjectId: address(2).adresseerbaarObjectId,
    }),
    ...extra,
  ];
  return {
    gemeenteCode: '0344',
    gemeenteNaam: 'Utrecht',
    referenceDate: '2025-06-15',
    seed: 1,
    addresses,
    inhabitants,
    wmo: [],
    jeugd: [],
    uitkeringen: [],
    leerlingen: [],
    inschrijvingen: [],
    verzuimmeldingen: [],
    vrijstellingen: [],
  };
}

/** `count` more adults at address 6, for batching tests. */
export function manyInhabitants(count: number): Inhabitant[] {
  return Array.from({ length: count }, (_, i) =>
    inhabitant(testBsn(100 + i), { geslachtsnaam: 'Veen', adresseerbaarObjectId: AOID.leeg }),
  );
}
