/** Kennisgeving parsing and answers, on hand-written fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  KennisgevingError,
  bevestiging,
  foutbericht,
  ontvangKennisgeving,
  parseKennisgeving,
  type Kennisgeving,
} from './kennisgeving';
import { SourceError } from './source-error';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const W = fixture('wvz-lk01-w.xml');
const V = fixture('uit-lk01-v.xml');
/** The W fixture turned into a T: only the nieuw object, verwerkingssoort T. */
const T = W.replace(/<SOC:object[\s\S]*?<\/SOC:object>/, '')
  .replace('<StUF:mutatiesoort>W<', '<StUF:mutatiesoort>T<')
  .replace('StUF:verwerkingssoort="W"', 'StUF:verwerkingssoort="T"');

const HUB = { organisatie: '0999', applicatie: 'ONTSCHOT' };
const GWS = { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' };
const NOW = () => new Date('2025-01-15T10:20:30.456Z');
const PII = ['999990019', '999990032', 'Begeleiding', 'Re-integratie'];

const reader = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false });

function kennisgevingError(xml: string): KennisgevingError {
  try {
    parseKennisgeving(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(KennisgevingError);
    expect(error).toBeInstanceOf(SourceError);
    const e = error as KennisgevingError;
    expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
    for (const value of PII) expect(e.message).not.toContain(value);
    return e;
  }
  throw new Error('expected a KennisgevingError, got none');
}

describe('parseKennisgeving', () => {
  it('reads a W with oud as vorige and nieuw as record', () => {
    const k = parseKennisgeving(W);
    expect(k).toMatchObject({
      referentienummer: 'LK-2001',
      tijdstipBericht: '20250115112030456',
      zender: { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' },
      ontvanger: HUB,
      entiteittype: 'WVZ',
      soort: 'W',
      sleutel: 'T-0001',
    });
    expect(k.vorige).toMatchObject({ einddatum: null, leveringsvorm: 'ZIN', burgerservicenummer: '999990019' });
    expect(k.record).toEqual({
      burgerservicenummer: '999990019',
      toewijzingNummer: 'T-0001',
      productCategorie: '02',
      productCode: '02A01',
      omschrijving: 'Begeleiding individueel',
      ingangsdatum: '2024-03-01',
      einddatum: '2025-06-30',
      omvang: { volume: 4, eenheid: '04', frequentie: '2' },
      leveringsvorm: 'PGB',
    });
  });

  it('reads a T with the new record and no vorige', () => {
    const k = parseKennisgeving(T);
    expect(k).toMatchObject({ soort: 'T', sleutel: 'T-0001', vorige: null });
    expect(k.record).toMatchObject({ einddatum: '2025-06-30' });
  });

  it('reads a V of an uitkering with no record and the removed one as vorige', () => {
    const k: Kennisgeving = parseKennisgeving(V);
    expect(k).toMatchObject({ entiteittype: 'UIT', soort: 'V', sleutel: '0044', record: null, referentienummer: 'LK-2002' });
    expect(k.vorige).toEqual({
      burgerservicenummer: '999990032',
      dossierNummer: '0044',
      soort: 'REINTEGRATIE_TRAJECT',
      omschrijving: 'Re-integratie intake',
      ingangsdatum: '2025-01-01',
      einddatum: null,
      besluiten: [],
    });
  });

  it.each<[string, string, RegExp]>([
    ['a W with one object', W.replace(/<SOC:object[\s\S]*?<\/SOC:object>/, ''), /expected 2 <SOC:object> for mutatiesoort W, got 1/],
    ['a verwerkingssoort that does not match', W.replace('StUF:verwerkingssoort="W"', 'StUF:verwerkingssoort="T"'), /expected StUF:verwerkingssoort="W" on object 1, got T/],
    ['oud and nieuw with different keys', W.replace('<SOC:toewijzingNummer>T-0001<', '<SOC:toewijzingNummer>T-0009<'), /two different keys/],
    ['a mutatiesoort it does not handle', W.replace('<StUF:mutatiesoort>W<', '<StUF:mutatiesoort>F<'), /expected mutatiesoort T, W or V, got F/],
    ['a bad record inside', W.replace('<SOC:inp.bsn>999990019</SOC:inp.bsn>', '<SOC:inp.bsn>99999001</SOC:inp.bsn>'), /wvzLk01, oud: expected nine digits/],
    ['an La01', W.replace('<StUF:berichtcode>Lk01<', '<StUF:berichtcode>La01<'), /expected berichtcode Lk01, got La01/],
  ])('refuses %s, keeping what is needed to address a Fo01', (_case, xml, message) => {
    const e = kennisgevingError(xml);
    expect(e.message).toMatch(message);
    expect(e.referentienummer).toBe('LK-2001');
    expect(e.zender).toMatchObject({ organisatie: '0999', applicatie: 'GWS4all' });
    expect(e.foutcode).toBe('StUF055');
  });

  it('refuses another message or garbage, with StUF028 for an unknown entity kennisgeving', () => {
    expect(kennisgevingError(W.replace(/wvzLk01/g, 'zakLk01')).foutcode).toBe('StUF028');
    const garbage = kennisgevingError('<<not xml');
    expect(garbage.referentienummer).toBeNull();
    expect(garbage.zender).toBeNull();
  });
});

describe('bevestiging', () => {
  it('answers with a Bv01 from us to the zender, cross-referencing the kennisgeving', () => {
    const k = parseKennisgeving(W);
    const doc = reader.parse(bevestiging(k, HUB, { now: NOW }));
    expect(doc.Envelope.Body.Bv01Bericht.stuurgegevens).toEqual({
      berichtcode: 'Bv01',
      zender: HUB,
      ontvanger: { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' },
      referentienummer: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tijdstipBericht: '20250115112030456',
      crossRefnummer: 'LK-2001',
    });
  });
});

describe('foutbericht', () => {
  it('answers a bad kennisgeving with a Fo01 (plek client) addressed back, naming no data', () => {
    const bad = W.replace('<SOC:inp.bsn>999990019</SOC:inp.bsn>', '<SOC:inp.bsn>99999001</SOC:inp.bsn>');
    const xml = foutbericht(kennisgevingError(bad), HUB, { now: NOW });
    const doc = reader.parse(xml);
    expect(doc.Envelope.Body.Fault.faultcode).toBe('soap:Client');
    const fo = doc.Envelope.Body.Fault.detail.Fo01Bericht;
    expect(fo.stuurgegevens).toMatchObject({ berichtcode: 'Fo01', zender: HUB, crossRefnummer: 'LK-2001', ontvanger: { applicatie: 'GWS4all' } });
    expect(fo.body).toMatchObject({ code: 'StUF055', plek: 'client', details: expect.stringContaining('<SOC:inp.bsn>') });
    for (const value of [...PII, '99999001']) expect(xml).not.toContain(value);
  });

  it('answers our own failure with StUF058 (plek server) so GWS retries, without our error text', () => {
    const xml = foutbericht(new Error('insert failed for BSN 999990019'), HUB, { now: NOW });
    const fo = reader.parse(xml).Envelope.Body.Fault.detail.Fo01Bericht;
    expect(fo.body).toMatchObject({ code: 'StUF058', plek: 'server' });
    expect(fo.stuurgegevens.crossRefnummer).toBeUndefined();
    expect(xml).not.toContain('999990019');
    expect(xml).not.toContain('insert failed');
  });
});

describe('ontvangKennisgeving', () => {
  it('hands a kennisgeving to verwerk and answers 200 with a Bv01', async () => {
    const seen: Kennisgeving[] = [];
    const answer = await ontvangKennisgeving(W, { ontvanger: HUB, zender: GWS, verwerk: async (k) => void seen.push(k), now: NOW });
    expect(answer.status).toBe(200);
    expect(reader.parse(answer.body).Envelope.Body.Bv01Bericht.stuurgegevens.crossRefnummer).toBe('LK-2001');
    expect(seen.map((k) => k.sleutel)).toEqual(['T-0001']);
  });

  it('refuses a kennisgeving for another ontvanger with StUF010, and does not process it', async () => {
    const verwerk = jest.fn();
    const answer = await ontvangKennisgeving(W, { ontvanger: { organisatie: '0363', applicatie: 'ONTSCHOT' }, zender: GWS, verwerk });
    expect(answer.status).toBe(500);
    expect(reader.parse(answer.body).Envelope.Body.Fault.detail.Fo01Bericht.body).toMatchObject({ code: 'StUF010', plek: 'client' });
    expect(answer.geweigerd).toEqual({ foutcode: 'StUF010', zender: GWS });
    expect(verwerk).not.toHaveBeenCalled();
  });

  it.each([
    ['another organisatie', { ...GWS, organisatie: '0363' }],
    ['another applicatie', { ...GWS, applicatie: 'SUITE4' }],
    ['another administratie', { ...GWS, administratie: 'BELASTING' }],
  ])('refuses a kennisgeving whose zender names %s with StUF013, and does not process it', async (_what, known) => {
    const verwerk = jest.fn();
    const answer = await ontvangKennisgeving(W, { ontvanger: HUB, zender: known, verwerk });
    expect(answer.status).toBe(500);
    const fo01 = reader.parse(answer.body).Envelope.Body.Fault.detail.Fo01Bericht;
    expect(fo01.body).toMatchObject({ code: 'StUF013', plek: 'client' });
    expect(fo01.stuurgegevens.crossRefnummer).toBe('LK-2001');
    expect(answer.geweigerd).toEqual({ foutcode: 'StUF013', zender: GWS });
    expect(verwerk).not.toHaveBeenCalled();
  });

  it('takes a zender without administratie when organisatie and applicatie are the known GWS', async () => {
    const verwerk = jest.fn(async () => undefined);
    const answer = await ontvangKennisgeving(W.replace('<StUF:administratie>SOCIAAL</StUF:administratie></StUF:zender>', '</StUF:zender>'), { ontvanger: HUB, zender: GWS, verwerk });
    expect(answer.status).toBe(200);
    expect(verwerk).toHaveBeenCalledTimes(1);
  });

  it('answers 500 with StUF058 when verwerk fails, so GWS keeps it', async () => {
    const answer = await ontvangKennisgeving(W, {
      ontvanger: HUB,
      zender: GWS,
      verwerk: async () => {
        throw new Error('database down');
      },
    });
    expect(answer.status).toBe(500);
    expect(reader.parse(answer.body).Envelope.Body.Fault.detail.Fo01Bericht.body).toMatchObject({ code: 'StUF058', plek: 'server' });
  });
});
