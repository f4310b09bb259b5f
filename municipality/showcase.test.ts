import { isValidBsn } from '../lib/bsn';
import { addMonths, addYears, ageOn, parseIso, parts } from './dates';
import { generateMunicipality } from './generate';
import { SHOWCASE_AGES, SHOWCASE_BSN, SHOWCASE_BSNS, SHOWCASE_HOUSEHOLDS } from './showcase';
import { STREET_NAMES } from './names';
import type { Municipality } from './types';

const m: Municipality = generateMunicipality();
const ref = m.referenceDate;
const refDay = parseIso(ref);
const person = (bsn: string) => {
  const p = m.inhabitants.find((i) => i.bsn === bsn);
  if (!p) throw new Error(`showcase person ${bsn} missing`);
  return p;
};
const livingAt = (adresseerbaarObjectId: string) => m.inhabitants.filter((p) => p.adresseerbaarObjectId === adresseerbaarObjectId).map((p) => p.bsn);
const isCurrent = (r: { ingangsdatum?: string; einddatum?: string }, on = ref): boolean =>
  r.ingangsdatum !== undefined && r.ingangsdatum <= on && (r.einddatum === undefined || r.einddatum >= on);
const S = SHOWCASE_BSN;

/** The showcase part of a world: the showcase persons, their dwellings and every record about them. */
function showcaseOf(world: Municipality) {
  const mine = new Set(SHOWCASE_BSNS);
  const about = <T extends { bsn: string }>(list: T[]) => list.filter((r) => mine.has(r.bsn));
  const inhabitants = about(world.inhabitants);
  const addressIds = new Set(inhabitants.map((p) => p.adresseerbaarObjectId));
  return {
    inhabitants,
    addresses: world.addresses.filter((a) => addressIds.has(a.adresseerbaarObjectId)),
    wmo: about(world.wmo),
    jeugd: about(world.jeugd),
    uitkeringen: about(world.uitkeringen),
    leerlingen: about(world.leerlingen),
    inschrijvingen: about(world.inschrijvingen),
    verzuimmeldingen: about(world.verzuimmeldingen),
    vrijstellingen: about(world.vrijstellingen),
  };
}

describe('showcase persons', () => {
  it('are the eleven BSNs of the contract, all valid test BSNs', () => {
    expect([...SHOWCASE_BSNS].sort()).toEqual(
      ['999990007', '999990019', '999990032', '999990044', '999990020', '999990056', '999990068', '999990081', '999990093', '999990111', '999990135'].sort(),
    );
    expect(SHOWCASE_BSNS.every(isValidBsn)).toBe(true);
    expect(Object.values(SHOWCASE_HOUSEHOLDS).flat().sort()).toEqual([...SHOWCASE_BSNS].sort());
  });

  it('are present in every world, whatever its size and seed, and identical there', () => {
    const small = generateMunicipality({ inhabitants: 300, seed: 99 });
    const alone = generateMunicipality({ inhabitants: SHOWCASE_BSNS.length, seed: 1 });
    expect(showcaseOf(small)).toEqual(showcaseOf(m));
    expect(showcaseOf(alone)).toEqual(showcaseOf(m));
    // They count toward the total.
    expect(small.inhabitants).toHaveLength(300);
  });

  it('have the ages of the contract on the reference date, for any reference date', () => {
    for (const world of [m, generateMunicipality({ inhabitants: 100, referenceDate: '2029-06-15' }), generateMunicipality({ inhabitants: 100, referenceDate: '2028-02-29' })]) {
      for (const bsn of SHOWCASE_BSNS) {
        const p = world.inhabitants.find((i) => i.bsn === bsn)!;
        expect({ bsn, age: ageOn(p.geboortedatum, world.referenceDate) }).toEqual({ bsn, age: SHOWCASE_AGES[bsn] });
      }
    }
    expect(SHOWCASE_AGES).toMatchObject({ '999990007': 52, '999990019': 48, '999990032': 17, '999990044': 12, '999990020': 20, '999990111': 84 });
  });

  it('999990032 turns 18 within two months of the reference date', () => {
    const d = person(S.A_DAUGHTER_17).geboortedatum;
    const eighteenth = addYears(parseIso(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`), 18);
    expect(eighteenth).toBeGreaterThan(refDay);
    expect(eighteenth - refDay).toBeLessThanOrEqual(62);
  });

  it('only 999990135 has geheimhouding', () => {
    expect(SHOWCASE_BSNS.filter((b) => person(b).geheimhouding)).toEqual([S.D_GEHEIMHOUDING]);
  });
});

describe('showcase households', () => {
  it('live together exactly as the contract says, each household alone at its address', () => {
    for (const members of Object.values(SHOWCASE_HOUSEHOLDS)) {
      const addresses = new Set(members.map((b) => person(b).adresseerbaarObjectId));
      expect(addresses.size).toBe(1);
      expect(livingAt([...addresses][0]).sort()).toEqual([...members].sort());
    }
    const all = Object.values(SHOWCASE_HOUSEHOLDS).map((members) => person(members[0]).adresseerbaarObjectId);
    expect(new Set(all).size).toBe(Object.keys(SHOWCASE_HOUSEHOLDS).length);
    expect(person(S.A_DAUGHTER_20).adresseerbaarObjectId).not.toBe(person(S.A_FATHER).adresseerbaarObjectId);
  });

  it('live at addresses no generated household can share', () => {
    const showcaseStreets = new Set(SHOWCASE_BSNS.map((b) => m.addresses.find((a) => a.adresseerbaarObjectId === person(b).adresseerbaarObjectId)!.straat));
    expect([...showcaseStreets].filter((s) => STREET_NAMES.includes(s))).toEqual([]);
    const showcaseAddresses = new Set(SHOWCASE_BSNS.map((b) => person(b).adresseerbaarObjectId));
    expect(m.addresses.filter((a) => showcaseStreets.has(a.straat) && !showcaseAddresses.has(a.adresseerbaarObjectId))).toEqual([]);
  });

  it('A and B: the parents are partners, the ouders of the children and hold joint gezag over the minors', () => {
    const families = [
      { parents: [S.A_FATHER, S.A_MOTHER], minors: [S.A_DAUGHTER_17, S.A_DAUGHTER_12] },
      { parents: [S.B_FATHER_1, S.B_FATHER_2], minors: [S.B_SON_3, S.B_DAUGHTER_5] },
    ];
    for (const { parents, minors } of families) {
      expect(person(parents[0]).partner).toBe(parents[1]);
      expect(person(parents[1]).partner).toBe(parents[0]);
      for (const child of minors) {
        expect(person(child).ouders).toEqual(parents);
        expect(person(child).gezag).toEqual({ type: 'GezamenlijkOuderlijkGezag', ouders: parents });
      }
    }
    // The eldest daughter of A: A's parents are her ouders; at 20 nobody holds gezag over her.
    expect(person(S.A_DAUGHTER_20).ouders).toEqual([S.A_FATHER, S.A_MOTHER]);
    expect(person(S.A_DAUGHTER_20).gezag).toBeUndefined();
    expect(person(S.A_DAUGHTER_20).partner).toBeUndefined();
    expect(person(S.B_FATHER_1).geslacht).toBe('M');
    expect(person(S.B_FATHER_2).geslacht).toBe('M');
    expect(person(S.C_WOMAN_84).geslacht).toBe('V');
  });
});

describe('showcase records', () => {
  const count = (list: { bsn: string }[]) => Object.fromEntries(SHOWCASE_BSNS.map((b) => [b, list.filter((r) => r.bsn === b).length]).filter(([, n]) => n !== 0));

  it('are exactly the stories of the contract, nothing generated on top', () => {
    expect(count(m.wmo)).toEqual({ [S.A_FATHER]: 1, [S.A_MOTHER]: 2, [S.A_DAUGHTER_20]: 1, [S.B_FATHER_1]: 1, [S.C_WOMAN_84]: 4, [S.D_GEHEIMHOUDING]: 2 });
    expect(count(m.jeugd)).toEqual({ [S.A_DAUGHTER_17]: 1, [S.A_DAUGHTER_12]: 1, [S.B_SON_3]: 1 });
    expect(count(m.uitkeringen)).toEqual({ [S.A_DAUGHTER_17]: 1, [S.B_FATHER_2]: 1, [S.D_GEHEIMHOUDING]: 1 });
    expect(count(m.leerlingen)).toEqual({ [S.A_DAUGHTER_17]: 1, [S.A_DAUGHTER_12]: 1, [S.B_DAUGHTER_5]: 1 });
    expect(count(m.inschrijvingen)).toEqual({ [S.A_DAUGHTER_17]: 1, [S.A_DAUGHTER_12]: 1, [S.B_DAUGHTER_5]: 1 });
    expect(count(m.verzuimmeldingen)).toEqual({ [S.A_DAUGHTER_12]: 1 });
    expect(count(m.vrijstellingen)).toEqual({});
  });

  it('household A: woonvoorziening, begeleiding, huishoudelijke hulp, youth care, intake, school', () => {
    const father = m.wmo.filter((w) => w.bsn === S.A_FATHER);
    expect(father).toEqual([expect.objectContaining({ productCategorie: '13', leveringsvorm: 'ZIN' })]);
    expect(father[0].omschrijving).toMatch(/[Ll]ichtsignalering/);
    expect(isCurrent(father[0])).toBe(true);

    const mother = m.wmo.filter((w) => w.bsn === S.A_MOTHER);
    expect(mother.map((w) => w.productCategorie).sort()).toEqual(['01', '02']);
    expect(mother.find((w) => w.productCategorie === '02')).toMatchObject({ leveringsvorm: 'ZIN', omschrijving: 'Begeleiding individueel' });
    expect(mother.every((w) => isCurrent(w))).toBe(true);

    const j17 = m.jeugd.find((j) => j.bsn === S.A_DAUGHTER_17)!;
    expect(j17).toMatchObject({ productCategorie: '45' });
    expect(isCurrent(j17)).toBe(true);
    const intake = m.uitkeringen.find((u) => u.bsn === S.A_DAUGHTER_17)!;
    expect(intake.soort).toBe('REINTEGRATIE_TRAJECT');
    expect(intake.omschrijving).toMatch(/[Ii]ntake/);
    expect(m.leerlingen.find((l) => l.bsn === S.A_DAUGHTER_17)).toEqual({ bsn: S.A_DAUGHTER_17, kwalificatieplichtig: true });
    const school17 = m.inschrijvingen.find((i) => i.bsn === S.A_DAUGHTER_17)!;
    expect(['MBO', 'VSO']).toContain(school17.onderwijssoort);
    expect(isCurrent(school17)).toBe(true);

    const j12 = m.jeugd.find((j) => j.bsn === S.A_DAUGHTER_12)!;
    expect(j12.productCategorie).toBe('54');
    expect(isCurrent(j12)).toBe(true);
    const school12 = m.inschrijvingen.find((i) => i.bsn === S.A_DAUGHTER_12)!;
    expect(school12.onderwijssoort).toBe('SO');
    expect(isCurrent(school12)).toBe(true);
    const verzuim = m.verzuimmeldingen.find((v) => v.bsn === S.A_DAUGHTER_12)!;
    expect(verzuim.brin).toBe(school12.brin);
    expect(verzuim.datum < ref && verzuim.datum >= school12.ingangsdatum).toBe(true);
    expect(m.leerlingen.find((l) => l.bsn === S.A_DAUGHTER_12)?.kwalificatieplichtig).toBe(false);

    expect(m.wmo.find((w) => w.bsn === S.A_DAUGHTER_20)).toMatchObject({ productCategorie: '02' });
  });

  it('household B: begeleiding, four months of bijzondere bijstand after a refusal, SMI childcare, basisschool', () => {
    expect(m.wmo.find((w) => w.bsn === S.B_FATHER_1)).toMatchObject({ productCategorie: '02' });

    const bb = m.uitkeringen.find((u) => u.bsn === S.B_FATHER_2)!;
    expect(bb.soort).toBe('BIJZONDERE_BIJSTAND');
    expect(bb.omschrijving).toMatch(/kinderopvang/);
    // Exactly four months: from the first of a month to the last day of the fourth month.
    const ingang = parseIso(bb.ingangsdatum!);
    expect(parts(ingang).day).toBe(1);
    expect(parseIso(bb.einddatum!)).toBe(addMonths(ingang, 4) - 1);
    expect(bb.besluiten.map((b) => b.soort)).toEqual(['AFWIJZING', 'TOEKENNING']);
    expect(bb.besluiten[0].datum < bb.besluiten[1].datum).toBe(true);
    expect(bb.besluiten[1].datum <= bb.ingangsdatum!).toBe(true);

    const smi = m.jeugd.find((j) => j.bsn === S.B_SON_3)!;
    expect(smi).toMatchObject({ productCategorie: '50', verwijzer: '03' });
    expect(smi.omschrijving).toMatch(/sociaal-medische indicatie/);
    expect(isCurrent(smi)).toBe(true);

    const school5 = m.inschrijvingen.find((i) => i.bsn === S.B_DAUGHTER_5)!;
    expect(school5.onderwijssoort).toBe('BAO');
    expect(isCurrent(school5)).toBe(true);
  });

  it('household C: current huishoudelijke hulp (ZIN), wheelchair and regiotaxi, and one voorziening closed in 2004', () => {
    const c = m.wmo.filter((w) => w.bsn === S.C_WOMAN_84);
    const current = c.filter((w) => isCurrent(w));
    expect(current.map((w) => w.productCategorie).sort()).toEqual(['01', '08', '11']);
    expect(current.find((w) => w.productCategorie === '01')!.leveringsvorm).toBe('ZIN');
    expect(current.find((w) => w.productCategorie === '08')!.omschrijving).toMatch(/[Rr]egiotaxi/);
    const closed = c.filter((w) => !isCurrent(w));
    expect(closed).toHaveLength(1);
    expect(closed[0].einddatum!.startsWith('2004-')).toBe(true);
    // Past the 15-year Wmo retention term on the reference date.
    expect(parseIso(closed[0].einddatum!)).toBeLessThan(addYears(refDay, -15));
  });

  it('household D: geheimhouding with Wmo and W&I records', () => {
    expect(m.wmo.filter((w) => w.bsn === S.D_GEHEIMHOUDING).some((w) => isCurrent(w))).toBe(true);
    expect(m.uitkeringen.filter((u) => u.bsn === S.D_GEHEIMHOUDING).map((u) => u.soort)).toEqual(['ALGEMENE_BIJSTAND']);
  });

  it('keep their stories (current, ended, the 2004 record) for a later reference date', () => {
    const later = generateMunicipality({ inhabitants: 100, referenceDate: '2030-05-20' });
    const l = showcaseOf(later);
    expect(l.wmo.filter((w) => w.bsn === S.C_WOMAN_84 && !isCurrent(w, later.referenceDate)).map((w) => w.einddatum!.slice(0, 4))).toEqual(['2004']);
    expect(l.jeugd.every((j) => isCurrent(j, later.referenceDate))).toBe(true);
    expect(l.inschrijvingen.every((i) => isCurrent(i, later.referenceDate))).toBe(true);
    const bb = l.uitkeringen.find((u) => u.bsn === S.B_FATHER_2)!;
    expect(isCurrent(bb, later.referenceDate)).toBe(true);
  });
});
