import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiefactiedatum } from './archiefactiedatum';
import { RetentionEngine } from './engine';
import { addDuration, loadRetentionTerms } from './selectielijst';

const SHARED = join(__dirname, '..', '..', 'shared', 'reference', 'selectielijst-2020', 'resultaten.json');

describe('Selectielijst 2020', () => {
  const terms = loadRetentionTerms();

  it('is an unchanged copy of the shared reference', () => {
    if (!existsSync(SHARED)) return; // a clone without ../shared has only the shipped copy
    expect(readFileSync(join(__dirname, 'selectielijst-2020', 'resultaten.json'))).toEqual(readFileSync(SHARED));
  });

  it('gives each social-domain record its term from the list', () => {
    expect(terms.get('WMO_VOORZIENING')).toMatchObject({ categorie: '8.1.1', bewaartermijn: 'P15Y', start: 'AFSLUITING' });
    expect(terms.get('JEUGDHULP')).toMatchObject({ categorie: '8.1.2', bewaartermijn: 'P20Y' });
    expect(terms.get('UITKERING')).toMatchObject({ categorie: '8.1', bewaartermijn: 'P10Y', start: 'EINDE_UITKERING' });
    expect(terms.get('VERZUIMMELDING')).toMatchObject({ categorie: '12.1.3', bewaartermijn: 'P19Y', start: 'GEBOORTEDATUM' });
    expect(terms.get('VRIJSTELLING')).toMatchObject({ categorie: '11.1.8', bewaartermijn: 'P19Y' });
  });

  it('refuses a list whose term starts otherwise than the mapping assumes', () => {
    const list = JSON.parse(readFileSync(join(__dirname, 'selectielijst-2020', 'resultaten.json'), 'utf8')) as Array<Record<string, unknown>>;
    const altered = list.map((r) => (r.volledigNummer === '8.1.1' ? { ...r, procestermijn: 'bestaansduur_procesobject' } : r));
    const path = join(require('node:os').tmpdir(), `selectielijst-${process.pid}.json`);
    require('node:fs').writeFileSync(path, JSON.stringify(altered));
    expect(() => loadRetentionTerms(path)).toThrow(/8\.1\.1 starts its term at bestaansduur_procesobject/);
  });

  it('adds durations on the calendar', () => {
    expect(addDuration('2004-06-30', 'P15Y')).toBe('2019-06-30');
    expect(addDuration('2008-02-29', 'P1Y')).toBe('2009-02-28');
    expect(addDuration('2026-01-31', 'P42D')).toBe('2026-03-14');
  });

  it('computes the archiefactiedatum from closure, end of benefit or birth', () => {
    const wmo = { burgerservicenummer: '999990111', toewijzingNummer: 'x', productCategorie: '01', productCode: '01A01', omschrijving: null, ingangsdatum: '2001-01-01', einddatum: '2004-03-01', omvang: null, leveringsvorm: 'ZIN' as const };
    expect(archiefactiedatum(terms.get('WMO_VOORZIENING')!, wmo)).toBe('2019-03-01');
    expect(archiefactiedatum(terms.get('WMO_VOORZIENING')!, { ...wmo, einddatum: null })).toBeNull();
    const refused = { burgerservicenummer: '999990068', dossierNummer: 'd', soort: 'BIJZONDERE_BIJSTAND', omschrijving: null, ingangsdatum: null, einddatum: null, besluiten: [{ soort: 'AFWIJZING', datum: '2012-05-01', toelichting: null }] };
    expect(archiefactiedatum(terms.get('UITKERING')!, refused)).toBe('2022-05-01');
    const melding = { burgerservicenummer: '999990044', meldingId: 'm', datum: '2020-01-01', soort: 'ONGEOORLOOFD', brin: null, schoolNaam: null, afhandeling: null };
    expect(archiefactiedatum(terms.get('VERZUIMMELDING')!, melding, { geboortedatum: '2001-04-02', onvolledig: null })).toBe('2020-04-02');
    expect(archiefactiedatum(terms.get('VERZUIMMELDING')!, melding, { geboortedatum: null, onvolledig: { jaar: 2001, maand: 2 } })).toBe('2020-02-28');
    expect(archiefactiedatum(terms.get('VERZUIMMELDING')!, melding, { geboortedatum: null, onvolledig: { jaar: 2001, maand: null } })).toBe('2020-12-31');
    expect(archiefactiedatum(terms.get('VERZUIMMELDING')!, melding, null)).toBeNull();
  });

  it('keeps records whose term has not passed or cannot be established', () => {
    const base = { burgerservicenummer: '999990111', productCategorie: '01', productCode: '01A01', omschrijving: null, ingangsdatum: '2001-01-01', omvang: null, leveringsvorm: 'ZIN' as const };
    const records = [
      { ...base, toewijzingNummer: 'old', einddatum: '2004-03-01' },
      { ...base, toewijzingNummer: 'recent', einddatum: '2020-03-01' },
      { ...base, toewijzingNummer: 'open', einddatum: null },
    ];
    const engine = new RetentionEngine(terms);
    expect(records.filter((r) => !engine.isExpired('WMO_VOORZIENING', r, null, '2026-11-23')).map((r) => r.toewijzingNummer)).toEqual(['recent', 'open']);
    expect(engine.expiresOn('WMO_VOORZIENING', records[0], null)).toBe('2019-03-01');
    // The archiefactiedatum itself is the first day the record may no longer be kept.
    expect(engine.isExpired('WMO_VOORZIENING', records[0], null, '2019-02-28')).toBe(false);
    expect(engine.isExpired('WMO_VOORZIENING', records[0], null, '2019-03-01')).toBe(true);
  });
});
