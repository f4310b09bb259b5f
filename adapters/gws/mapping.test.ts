/**
 * Mapping on hand-written fixtures (__fixtures__/*.xml), never on stand-in output: what the
 * adapter must understand is StUF, not whatever the stand-in happens to write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAntwoord, readFout } from './mapping';
import { SourceError } from './source-error';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const WVZ = fixture('wvz-la01.xml');
const UIT = fixture('uit-la01.xml');

/** Everything personal in the fixtures: no error may repeat any of it. */
const PII = ['012345672', '999990007', '999990111', '999990068', '999990135', '999990032', 'Begeleiding', 'Vermogen', 'de Vries'];

function protocolError(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    const e = error as SourceError;
    expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
    expect(e.source).toBe('GWS');
    for (const value of PII) expect(`${e.message} ${String(e.cause ?? '')}`).not.toContain(value);
    return e;
  }
  throw new Error('expected a SourceError, got none');
}

describe('parseAntwoord (wvzLa01)', () => {
  const answer = parseAntwoord(WVZ, 'WVZ', 'REF-FIXTURE');

  it('maps a ZIN voorziening with omvang, an open einddatum (noValue + nil) and a BSN with a leading zero', () => {
    expect(answer.records[0]).toEqual({
      burgerservicenummer: '012345672',
      toewijzingNummer: 'T-0001',
      productCategorie: '02',
      productCode: '02A01',
      omschrijving: 'Begeleiding individueel',
      ingangsdatum: '2024-03-01',
      einddatum: null,
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
      leveringsvorm: 'ZIN',
    });
  });

  it('maps a PGB voorziening without omvang or einddatum elements, decoding named and numeric entities', () => {
    expect(answer.records[1]).toMatchObject({
      burgerservicenummer: '999990007',
      productCategorie: '13',
      productCode: '13005',
      omschrijving: 'Woonvoorziening: lichtsignalering & deurbel met flitser, café – test',
      einddatum: null,
      omvang: null,
      leveringsvorm: 'PGB',
    });
  });

  it('reads noValue without xsi:nil as null, an incomplete date as unknown, a missing leveringsvorm as null', () => {
    expect(answer.records[2]).toMatchObject({
      toewijzingNummer: 'T-0003',
      productCategorie: '01',
      omschrijving: null,
      ingangsdatum: null,
      einddatum: '2004-12-31',
      omvang: null,
      leveringsvorm: null,
    });
  });

  it('reports the vervolg indicator and the key to continue from', () => {
    expect(answer.vervolg).toBe(true);
    expect(answer.laatsteSleutel).toBe('T-0003');
  });

  it('says when GWS answered: the tijdstipBericht as sent', () => {
    expect(answer.tijdstipBericht).toBe('20250115112030456');
  });

  it('keeps codes as strings everywhere (no numeric coercion)', () => {
    for (const r of answer.records) {
      expect(typeof r.productCategorie).toBe('string');
      expect(typeof r.burgerservicenummer).toBe('string');
      if (r.omvang) expect(typeof r.omvang.eenheid).toBe('string');
    }
  });
});

describe('parseAntwoord (uitLa01)', () => {
  const answer = parseAntwoord(UIT, 'UIT', 'REF-UIT');

  it('maps several besluiten in order, CDATA and noValue toelichting included', () => {
    expect(answer.records[0]).toEqual({
      burgerservicenummer: '999990068',
      dossierNummer: '0042',
      soort: 'BIJZONDERE_BIJSTAND',
      omschrijving: 'Bijzondere bijstand kinderopvang',
      ingangsdatum: '2024-09-01',
      einddatum: '2024-12-31',
      besluiten: [
        { soort: 'AFWIJZING', datum: '2024-06-12', toelichting: 'Vermogen > grens & geen uitzondering' },
        { soort: 'TOEKENNING', datum: '2024-08-20', toelichting: null },
        { soort: 'BEEINDIGING', datum: '2024-12-31', toelichting: null },
      ],
    });
  });

  it('maps exactly one besluit as a list of one, and none as an empty list', () => {
    expect(answer.records[1].besluiten).toEqual([{ soort: 'TOEKENNING', datum: '2021-12-15', toelichting: 'Norm alleenstaande' }]);
    expect(answer.records[1].einddatum).toBeNull();
    expect(answer.records[2]).toMatchObject({ dossierNummer: '0044', omschrijving: null, ingangsdatum: null, besluiten: [] });
    expect(answer.vervolg).toBe(false);
  });

  it('takes a tijdstipBericht in whole seconds', () => {
    expect(answer.tijdstipBericht).toBe('20250115112030');
  });
});

describe('defensive parsing', () => {
  it.each<[string, (xml: string) => string, RegExp]>([
    ['another crossRefnummer', (x) => x.replace('REF-FIXTURE', 'REF-OTHER'), /expected crossRefnummer/],
    ['another berichtcode', (x) => x.replace('>La01<', '>Fo02<'), /expected berichtcode La01, got Fo02/],
    ['an unknown berichtcode, not echoed', (x) => x.replace('>La01<', '>999990019<'), /got an unknown code \(a value of 9 characters\)/],
    ['another entiteittype', (x) => x.replace('<ns0:entiteittype>WVZ<', '<ns0:entiteittype>UIT<'), /expected entiteittype WVZ/],
    ['no tijdstipBericht', (x) => x.replace(/<ns0:tijdstipBericht>[^<]*<\/ns0:tijdstipBericht>/, ''), /expected a value in <StUF:tijdstipBericht> of <SOC:stuurgegevens>, got none/],
    ['a tijdstipBericht that names no time', (x) => x.replace('>20250115112030456<', '>20251315112030456<'), /expected tijdstipBericht as yyyyMMddHHmmss\[SSS\], got a value of 17 characters that is not one/],
    ['a tijdstipBericht in ISO form', (x) => x.replace('>20250115112030456<', '>2025-01-15T11:20:30<'), /expected tijdstipBericht as yyyyMMddHHmmss\[SSS\]/],
    ['an impossible date', (x) => x.replace('20240301', '20241345'), /expected a StUF date \(yyyyMMdd\) in <SOC:ingangsdatum>, got a value of 8 characters/],
    ['an ISO date', (x) => x.replace('20240301', '2024-03-01'), /expected a StUF date/],
    ['a BSN of eight digits', (x) => x.replace('012345672', '12345672'), /expected nine digits in <SOC:inp.bsn>, got a value of 8 characters/],
    ['an unknown leveringsvorm', (x) => x.replace('>PGB<', '>MIX<'), /expected ZIN or PGB in <SOC:leveringsvorm>/],
    ['an omvang without eenheid', (x) => x.replace('<eenheid>04</eenheid>', ''), /expected a value in <SOC:eenheid>/],
    ['a volume that is no number', (x) => x.replace('<volume>4</volume>', '<volume>vier</volume>'), /expected a non-negative number in <SOC:volume>/],
    ['no toewijzingNummer', (x) => x.replace('<toewijzingNummer>T-0002</toewijzingNummer>', ''), /object 2: expected a value in <SOC:toewijzingNummer> of <SOC:object>, got none/],
    ['two einddatum elements', (x) => x.replace('<einddatum>20041231</einddatum>', '<einddatum>20041231</einddatum><einddatum>20051231</einddatum>'), /expected at most one <SOC:einddatum>/],
    ['a client without relation entity type', (x) => x.replace('ns0:entiteittype="WVZNPS"', ''), /expected StUF:entiteittype="WVZNPS"/],
    ['an object of another type', (x) => x.replace('ns0:entiteittype="WVZ" ns0:sleutelVerzendend', 'ns0:entiteittype="ZAK" ns0:sleutelVerzendend'), /expected StUF:entiteittype="WVZ" on <SOC:object>, got an unknown one/],
    ['the StUF 2 namespace', (x) => x.replace('http://www.egem.nl/StUF/StUF0301', 'http://www.egem.nl/StUF/StUF0204'), /expected <StUF:berichtcode>|expected berichtcode/],
    ['an undeclared prefix', (x) => x.replace('<antwoord>', '<antwoord><x:extra/>'), /undeclared/],
    ['a DTD', (x) => x.replace('<soapenv:Envelope', '<!DOCTYPE x [<!ENTITY a "b">]><soapenv:Envelope'), /with a DTD/],
    ['broken XML', (x) => x.slice(0, x.length - 40), /not \(line \d+\)|expected well-formed XML/],
    ['two roots', (x) => `${x}<extra/>`, /one root element, got 2/],
    ['no envelope', () => '<wvzLa01/>', /expected <soap:Envelope> \(SOAP 1.1\), got <wvzLa01>/],
    ['an empty body', () => '', /expected an XML document, got an empty body/],
    ['an indicatorVervolgvraag that is no boolean', (x) => x.replace('>true</ns0:indicatorVervolgvraag>', '>ja</ns0:indicatorVervolgvraag>'), /expected true or false/],
  ])('refuses %s with a protocol error that names no data', (_case, change, message) => {
    const e = protocolError(() => parseAntwoord(change(WVZ), 'WVZ', 'REF-FIXTURE'));
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/^GWS: /);
  });

  it('refuses a besluit without datum', () => {
    const e = protocolError(() => parseAntwoord(UIT.replace('<soc:datum>20240820</soc:datum>', ''), 'UIT', 'REF-UIT'));
    expect(e.message).toMatch(/object 1, besluit 2: expected a date in <SOC:datum> of a besluit/);
  });
});

describe('readFout', () => {
  it('reads code and plek from a Fo02 in a SOAP Fault, and nothing of its free text', () => {
    const fout = readFout(fixture('fo02-client.xml'));
    expect(fout).toEqual({ berichtcode: 'Fo02', code: 'StUF055', plek: 'client' });
    expect(JSON.stringify(fout)).not.toMatch(/999990019|Vries/);
  });

  it('returns null for anything that is not a StUF foutbericht', () => {
    expect(readFout(WVZ)).toBeNull();
    expect(readFout('<html>502 Bad Gateway</html>')).toBeNull();
    expect(readFout('not xml at all')).toBeNull();
  });
});
