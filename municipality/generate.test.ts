import { isValidBsn } from '../lib/bsn';
import { TEST_BSN_CAPACITY, testBsns } from './bsn-pool';
import { WOONPLAATSEN } from './catalog';
import { parseArgs } from './cli';
import { addYears, ageOn, parseIso } from './dates';
import { generateMunicipality } from './generate';
import { SHOWCASE_BSNS } from './showcase';
import { summarize } from './summary';
import type { Inhabitant, Municipality } from './types';
import { checkMunicipality, validateMunicipality, WORLD_CHECKS } from './validate';

// One 20k world for the whole file: the default size, generated once (about half a second).
const N = 20_000;
const m: Municipality = generateMunicipality({ inhabitants: N });
const ref = m.referenceDate;
const refDay = parseIso(ref);
const byBsn = new Map(m.inhabitants.map((p) => [p.bsn, p]));
const age = (p: Inhabitant): number | null => ageOn(p.geboortedatum, ref);
const ageOfBsn = (bsn: string): number | null => age(byBsn.get(bsn)!);
const isCurrent = (r: { ingangsdatum?: string; einddatum?: string }): boolean =>
  r.ingangsdatum !== undefined && r.ingangsdatum <= ref && (r.einddatum === undefined || r.einddatum >= ref);
const households = new Map<string, Inhabitant[]>();
for (const p of m.inhabitants) households.set(p.adresseerbaarObjectId, [...(households.get(p.adresseerbaarObjectId) ?? []), p]);

describe('determinism', () => {
  it('gives byte-identical JSON for the same options', () => {
    expect(JSON.stringify(generateMunicipality({ inhabitants: N }))).toBe(JSON.stringify(m));
  });

  it('gives a different municipality for another seed, with the same showcase', () => {
    const a = generateMunicipality({ inhabitants: 2000, seed: 1 });
    const b = generateMunicipality({ inhabitants: 2000, seed: 2 });
    expect(JSON.stringify(a.inhabitants)).not.toBe(JSON.stringify(b.inhabitants));
    expect(JSON.stringify(a.wmo)).not.toBe(JSON.stringify(b.wmo));
    expect(a.inhabitants.slice(0, SHOWCASE_BSNS.length)).toEqual(b.inhabitants.slice(0, SHOWCASE_BSNS.length));
    expect(a.seed).toBe(1);
  });

  it('uses the documented defaults', () => {
    expect(m).toMatchObject({ gemeenteCode: '9999', gemeenteNaam: 'Ontschotten', referenceDate: '2026-11-01', seed: 2015 });
    expect(m.inhabitants).toHaveLength(N);
  });
});

describe('BSNs', () => {
  it('are unique, elfproef-valid test BSNs starting with 999', () => {
    const bsns = m.inhabitants.map((p) => p.bsn);
    expect(new Set(bsns).size).toBe(N);
    expect(bsns.filter((b) => !isValidBsn(b) || !b.startsWith('999'))).toEqual([]);
  });

  it('has exactly the documented capacity of test BSNs', () => {
    expect(testBsns()).toHaveLength(TEST_BSN_CAPACITY);
    expect(TEST_BSN_CAPACITY).toBe(90_909);
  });

  it('refuses more inhabitants than test BSNs, saying how many exist and what was asked', () => {
    expect(() => generateMunicipality({ inhabitants: TEST_BSN_CAPACITY + 1 })).toThrow(RangeError);
    expect(() => generateMunicipality({ inhabitants: 100_000 })).toThrow(/asked for 100000, but only 90909 test BSNs exist/);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateMunicipality({ inhabitants: 10 })).toThrow(RangeError);
    expect(() => generateMunicipality({ inhabitants: 12.5 })).toThrow(RangeError);
    expect(() => generateMunicipality({ seed: -1 })).toThrow(RangeError);
    expect(() => generateMunicipality({ referenceDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateMunicipality({ referenceDate: '1-11-2026' })).toThrow(RangeError);
  });

  it('can hold the showcase alone', () => {
    const tiny = generateMunicipality({ inhabitants: SHOWCASE_BSNS.length });
    expect(tiny.inhabitants.map((p) => p.bsn)).toEqual([...SHOWCASE_BSNS]);
  });
});

describe('world invariants (validate.ts)', () => {
  it.each(WORLD_CHECKS)('%s holds for the default world', (name) => {
    expect(checkMunicipality(m, name)).toEqual([]);
  });

  it.each([
    ['seed 1', { inhabitants: 3000, seed: 1 }],
    ['seed 2', { inhabitants: 3000, seed: 2 }],
    ['seed 4242, later reference date', { inhabitants: 3000, seed: 4242, referenceDate: '2031-03-15' }],
    ['a leap day as reference date', { inhabitants: 3000, seed: 5, referenceDate: '2028-02-29' }],
    ['the earliest reference date', { inhabitants: 3000, seed: 6, referenceDate: '2016-01-01' }],
    ['a tiny municipality', { inhabitants: 40, seed: 7 }],
  ] as const)('all hold for %s', (_, options) => {
    expect(validateMunicipality(generateMunicipality(options))).toEqual([]);
  });

  it('catch a broken world', () => {
    const broken: Municipality = structuredClone(generateMunicipality({ inhabitants: 500, seed: 3 }));
    const minor = broken.inhabitants.findIndex((p) => p.gezag && p.ouders.length > 0);
    delete broken.inhabitants[minor].gezag;
    broken.inhabitants[0].bsn = '999990008';
    broken.wmo[0].einddatum = '1990-01-01';
    broken.jeugd[0].stopZorg = '2099-01-01';
    broken.uitkeringen.push({ ...broken.uitkeringen[0] });
    const found = validateMunicipality(broken).join('\n');
    expect(found).toContain(`gezag: inhabitants[${minor}]: minor without gezag`);
    expect(found).toContain('bsns: inhabitants[0]: not a valid test BSN');
    expect(found).toMatch(/wmo: wmo \d+: einddatum/);
    expect(found).toMatch(/jeugd: jeugd \d+: stopZorg/);
    expect(found).toContain('identifiers: dossierNummer: duplicates');
    expect(found).not.toMatch(/999\d{6}/);
  });
});

describe('addresses and persons', () => {
  it('has house letters, toevoegingen, and some dwellings standing empty', () => {
    expect(m.addresses.some((a) => a.huisletter)).toBe(true);
    expect(m.addresses.some((a) => a.huisnummertoevoeging)).toBe(true);
    expect(households.size).toBeLessThan(m.addresses.length);
    expect(households.size).toBeGreaterThan(m.addresses.length * 0.9);
    expect(new Set(m.addresses.map((a) => a.woonplaats))).toEqual(new Set(WOONPLAATSEN.map((w) => w.naam)));
  });

  it('have Dutch names with voorvoegsels and a geslacht', () => {
    expect(m.inhabitants.every((p) => p.voornamen.length > 0 && p.geslachtsnaam.length > 0)).toBe(true);
    const voorvoegsels = new Set(m.inhabitants.map((p) => p.voorvoegsel).filter(Boolean));
    for (const v of ['van', 'de', 'van der', 'van den']) expect(voorvoegsels.has(v)).toBe(true);
    expect(new Set(m.inhabitants.map((p) => p.geslacht))).toEqual(new Set(['M', 'V', 'O']));
  });

  it('has the BRP realism the adapters must cope with', () => {
    const minors = m.inhabitants.filter((p) => (age(p) ?? 99) < 18);
    const gezagTypes = new Set(minors.map((p) => p.gezag?.type));
    expect(gezagTypes).toEqual(new Set(['GezamenlijkOuderlijkGezag', 'EenhoofdigOuderlijkGezag', 'Voogdij']));
    const joint = minors.filter((p) => p.gezag?.type === 'GezamenlijkOuderlijkGezag').length / minors.length;
    expect(joint).toBeGreaterThan(0.7);
    expect(minors.filter((p) => p.ouders.length === 1).length).toBeGreaterThan(0);
    const incomplete = m.inhabitants.filter((p) => p.geboortedatum.year !== undefined && p.geboortedatum.day === undefined).length / N;
    expect(incomplete).toBeGreaterThan(0.002);
    expect(incomplete).toBeLessThan(0.009);
    expect(m.inhabitants.some((p) => p.geboortedatum.year !== undefined && p.geboortedatum.month === undefined)).toBe(true);
    expect(m.inhabitants.some((p) => p.geboortedatum.month !== undefined && p.geboortedatum.day === undefined)).toBe(true);
    const unknown = m.inhabitants.filter((p) => p.geboortedatum.year === undefined).length;
    expect(unknown).toBeGreaterThan(0);
    expect(unknown).toBeLessThan(N * 0.001);
    const secret = m.inhabitants.filter((p) => p.geheimhouding).length / N;
    expect(secret).toBeGreaterThan(0.0015);
    expect(secret).toBeLessThan(0.006);
  });

  it('has a Dutch-like household mix', () => {
    const sizes = [...households.values()].map((h) => h.length);
    const avg = N / households.size;
    expect(avg).toBeGreaterThan(2.0);
    expect(avg).toBeLessThan(2.3);
    const share = (f: (s: number) => boolean) => sizes.filter(f).length / sizes.length;
    expect(share((s) => s === 1)).toBeGreaterThan(0.33);
    expect(share((s) => s === 1)).toBeLessThan(0.45);
    expect(share((s) => s >= 5)).toBeGreaterThan(0.02);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(12);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(8);
    const ages = m.inhabitants.map(age).filter((a): a is number => a !== null);
    const minors = ages.filter((a) => a < 18).length / ages.length;
    expect(minors).toBeGreaterThan(0.16);
    expect(minors).toBeLessThan(0.24);
    const over65 = ages.filter((a) => a >= 65).length / ages.length;
    expect(over65).toBeGreaterThan(0.15);
    expect(over65).toBeLessThan(0.25);
    // Many of those living alone are elderly.
    const singles = [...households.values()].filter((h) => h.length === 1).map((h) => age(h[0]) ?? 0);
    expect(singles.filter((a) => a >= 65).length / singles.length).toBeGreaterThan(0.3);
  });
});

describe('domain records', () => {
  it('Wmo: about 5 % of adults, a quarter of the over-75s, with ended and long-ended voorzieningen', () => {
    const clients = new Set(m.wmo.map((w) => w.bsn));
    const adults = m.inhabitants.filter((p) => (age(p) ?? 40) >= 18);
    const rate = adults.filter((p) => clients.has(p.bsn)).length / adults.length;
    expect(rate).toBeGreaterThan(0.035);
    expect(rate).toBeLessThan(0.09);
    const old = m.inhabitants.filter((p) => (age(p) ?? 0) >= 75);
    const oldRate = old.filter((p) => clients.has(p.bsn)).length / old.length;
    expect(oldRate).toBeGreaterThan(0.17);
    expect(oldRate).toBeLessThan(0.35);
    const fifteenYearsAgo = addYears(refDay, -15);
    const longEnded = m.wmo.filter((w) => w.einddatum !== undefined && parseIso(w.einddatum) < fifteenYearsAgo);
    expect(longEnded.length).toBeGreaterThan(5);
    expect(longEnded.length).toBeLessThan(m.wmo.length * 0.06);
    expect(m.wmo.filter((w) => w.einddatum !== undefined && w.einddatum < ref && parseIso(w.einddatum) > addYears(refDay, -3)).length).toBeGreaterThan(20);
    const pgb = m.wmo.filter((w) => w.leveringsvorm === 'PGB').length / m.wmo.length;
    expect(pgb).toBeGreaterThan(0.03);
    expect(pgb).toBeLessThan(0.2);
    for (const c of ['01', '02', '11', '12', '13']) expect(m.wmo.some((w) => w.productCategorie === c)).toBe(true);
  });

  it('Jeugd: about one minor in ten, with current and ended toewijzingen', () => {
    const clients = new Set(m.jeugd.map((j) => j.bsn));
    const minors = m.inhabitants.filter((p) => (age(p) ?? 99) < 18);
    const rate = minors.filter((p) => clients.has(p.bsn)).length / minors.length;
    expect(rate).toBeGreaterThan(0.07);
    expect(rate).toBeLessThan(0.14);
    expect(m.jeugd.some((j) => j.stopZorg !== undefined)).toBe(true);
    expect(m.jeugd.some((j) => j.einddatum !== undefined && j.einddatum < ref && j.stopZorg === undefined)).toBe(true);
    expect(m.jeugd.some((j) => isCurrent(j) && j.startZorg === undefined)).toBe(true);
    for (const c of ['45', '54', '43', '44', '51', '52']) expect(m.jeugd.some((j) => j.productCategorie === c)).toBe(true);
  });

  it('Werk en inkomen: bijstand for 3–4 % of households, and every kind of record', () => {
    const onBijstand = new Set(m.uitkeringen.filter((u) => u.soort === 'ALGEMENE_BIJSTAND' && isCurrent(u)).map((u) => u.bsn));
    const rate = [...households.values()].filter((h) => h.some((p) => onBijstand.has(p.bsn))).length / households.size;
    expect(rate).toBeGreaterThan(0.025);
    expect(rate).toBeLessThan(0.05);
    for (const bsn of onBijstand) {
      const a = ageOfBsn(bsn);
      if (a !== null) expect(a).toBeLessThan(67);
    }
    for (const soort of ['ALGEMENE_BIJSTAND', 'BIJZONDERE_BIJSTAND', 'REINTEGRATIE_TRAJECT', 'SCHULDHULPVERLENING']) {
      expect(m.uitkeringen.some((u) => u.soort === soort)).toBe(true);
    }
    const soorten = new Set(m.uitkeringen.flatMap((u) => u.besluiten.map((b) => b.soort)));
    expect(soorten).toEqual(new Set(['TOEKENNING', 'AFWIJZING', 'WIJZIGING', 'BEEINDIGING']));
    expect(m.uitkeringen.some((u) => u.besluiten[0]?.soort === 'AFWIJZING' && u.besluiten[1]?.soort === 'TOEKENNING')).toBe(true);
    const tenYearsAgo = addYears(refDay, -10);
    expect(m.uitkeringen.some((u) => u.einddatum !== undefined && parseIso(u.einddatum) < tenYearsAgo)).toBe(true);
  });

  it('Leerplicht: every kind of school, history, and exempt pupils without an enrolment', () => {
    const currentSoorten = new Set(m.inschrijvingen.filter(isCurrent).map((i) => i.onderwijssoort));
    expect(currentSoorten).toEqual(new Set(['BAO', 'SBO', 'SO', 'VSO', 'VMBO', 'HAVO', 'VWO', 'MBO']));
    const special = m.inschrijvingen.filter((i) => isCurrent(i) && ['SBO', 'SO', 'VSO'].includes(i.onderwijssoort)).length / m.leerlingen.length;
    expect(special).toBeGreaterThan(0.01);
    expect(special).toBeLessThan(0.08);
    // Ended enrolments from a change of school are kept.
    expect(m.inschrijvingen.filter((i) => i.einddatum !== undefined).length).toBeGreaterThan(m.leerlingen.length * 0.2);
    const enrolled = new Set(m.inschrijvingen.filter(isCurrent).map((i) => i.bsn));
    const exempt = m.vrijstellingen.filter(isCurrent);
    expect(exempt.length).toBeGreaterThan(0);
    expect(exempt.every((v) => !enrolled.has(v.bsn))).toBe(true);
  });

  it('Leerplicht: verzuim for about 3 % of pupils, of several kinds', () => {
    const pupils = new Set(m.verzuimmeldingen.map((v) => v.bsn));
    const rate = pupils.size / m.leerlingen.length;
    expect(rate).toBeGreaterThan(0.015);
    expect(rate).toBeLessThan(0.05);
    expect(new Set(m.verzuimmeldingen.map((v) => v.soort)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(m.verzuimmeldingen.map((v) => v.afhandeling)).size).toBeGreaterThanOrEqual(4);
  });

  it('Leerplicht: vrijstellingen are rare', () => {
    expect(m.vrijstellingen.length).toBeGreaterThan(0);
    expect(m.vrijstellingen.length).toBeLessThan(m.leerlingen.length * 0.01);
  });

  it('problems cluster: some households appear in three or more domains', () => {
    const domains = [m.wmo, m.jeugd, m.uitkeringen, m.verzuimmeldingen].map((list) => new Set(list.map((r) => r.bsn)));
    const multi = [...households.values()].filter((h) => domains.filter((d) => h.some((p) => d.has(p.bsn))).length >= 3).length;
    expect(multi).toBeGreaterThan(0);
  });
});

describe('summary and CLI', () => {
  it('summarizes without personal data', () => {
    const s = summarize(m);
    expect(s.inhabitants).toBe(N);
    expect(s.households).toBe(households.size);
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/999\d{6}/);
    expect(text).not.toContain('Bakker');
  });

  it('parses its arguments and rejects unknown ones', () => {
    expect(parseArgs(['--inhabitants', '500', '--seed', '7', '--out', 'x.json'])).toEqual({ inhabitants: 500, seed: 7, out: 'x.json', pretty: false });
    expect(parseArgs(['--reference-date', '2027-01-01', '--pretty'])).toEqual({ referenceDate: '2027-01-01', pretty: true });
    expect(() => parseArgs(['--inhabitants', 'many'])).toThrow(/whole number/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/unknown argument/);
  });
});
