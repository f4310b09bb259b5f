/**
 * The adapter against the stand-in (round trip over real HTTP), and against a scripted fake
 * server for what the stand-in never does: garbage, hangs, 400s.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PersoonRecord } from '../../domain/records';
import { createBrpClient, RAADPLEEG_FIELDS, SourceError, type BrpClientOptions } from './index';
import { startBrpSimulator, type BrpSimulator } from './simulator';
import { AOID, BSN, FIXTURE_NOW, manyInhabitants, municipalityFixture } from './testing/municipality-fixture';
import { specPaths, validateAgainstSpec } from './testing/spec';

type Json = Record<string, any>;

/** Fast resilience settings so failure tests take milliseconds. */
const FAST: Partial<BrpClientOptions> = { initialBackoffMs: 1, maxBackoffMs: 5, timeoutMs: 2000 };

async function caught(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a SourceError, got a result');
}

/** Personal data of the fixture that must never appear in an error message. */
const PII = [...Object.values(BSN), 'Vries', 'Bakker', 'Johannes', 'Lange Nieuwstraat', '3512PH', AOID.huishoudenA];
function expectNoPersonalData(message: string): void {
  for (const pii of PII) expect(message).not.toContain(pii);
}

interface Scripted {
  status?: number;
  body?: string;
  contentType?: string;
  /** Never answer (to test timeouts). */
  hang?: boolean;
  delayMs?: number;
}

/** A scripted BRP: records every request body, answers what `script` says. */
async function fakeBrp(script: (body: Json, n: number) => Scripted): Promise<{
  url: string;
  bodies: Json[];
  headers: IncomingMessage['headers'][];
  maxInFlight: () => number;
  close: () => Promise<void>;
}> {
  const bodies: Json[] = [];
  const headers: IncomingMessage['headers'][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      bodies.push(body);
      headers.push(req.headers);
      const answer = script(body, bodies.length);
      if (answer.hang) return;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(answer.status ?? 200, { 'Content-Type': answer.contentType ?? 'application/json; charset=utf-8' });
        res.end(answer.body ?? '');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    headers,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A spec-valid answer: for Raadpleeg the asked BSNs and nothing else, for a search nobody. */
const echoPersons = (body: Json): Scripted => ({
  body: JSON.stringify({ type: body.type, personen: ((body.burgerservicenummer ?? []) as string[]).map((b) => ({ burgerservicenummer: b })) }),
});

describe('BRP client ↔ stand-in', () => {
  let sim: BrpSimulator;
  beforeAll(async () => {
    sim = await startBrpSimulator({ municipality: municipalityFixture(manyInhabitants(45)), now: () => FIXTURE_NOW });
  });
  afterAll(() => sim.close());

  it('consults a household and maps every person as the world says', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    const records = await client.raadpleeg([BSN.vaderA, BSN.dochterA17, BSN.weduwe84, BSN.geheim, BSN.zonderAdres, BSN.jaarMaand]);
    const by = new Map(records.map((r) => [r.burgerservicenummer, r]));
    expect(by.get(BSN.vaderA)).toEqual<PersoonRecord>({
      burgerservicenummer: BSN.vaderA,
      naam: { voornamen: 'Johannes Pieter', voorvoegsel: 'de', geslachtsnaam: 'Vries', volledigeNaam: 'Johannes Pieter de Vries' },
      geboortedatum: '1973-03-12',
      geboortedatumOnvolledig: null,
      geslacht: 'M',
      leeftijd: 52,
      adres: {
        adresseerbaarObjectId: AOID.huishoudenA,
        straat: 'Lange Nieuwstraat',
        huisnummer: 1,
        huisletter: null,
        huisnummertoevoeging: null,
        postcode: '3512PH',
        woonplaats: 'Utrecht',
      },
      geheimhouding: false,
      ouders: [],
      gezag: [
        { type: 'GezamenlijkOuderlijkGezag', ouders: [BSN.vaderA, BSN.moederA], minderjarige: BSN.dochterA17 },
        { type: 'GezamenlijkOuderlijkGezag', ouders: [BSN.vaderA, BSN.moederA], minderjarige: BSN.dochterA12 },
      ],
      overleden: false,
    });
    expect(by.get(BSN.dochterA17)).toEqual(
      expect.objectContaining({
        leeftijd: 17,
        ouders: [BSN.vaderA, BSN.moederA],
        gezag: [{ type: 'GezamenlijkOuderlijkGezag', ouders: [BSN.vaderA, BSN.moederA], minderjarige: BSN.dochterA17 }],
      }),
    );
    expect(by.get(BSN.weduwe84)).toEqual(
      expect.objectContaining({ geboortedatum: null, geboortedatumOnvolledig: { jaar: 1941, maand: null }, leeftijd: null }),
    );
    expect(by.get(BSN.jaarMaand)).toEqual(
      expect.objectContaining({ geboortedatum: null, geboortedatumOnvolledig: { jaar: 1983, maand: 6 }, leeftijd: null }),
    );
    expect(by.get(BSN.geheim)).toEqual(
      expect.objectContaining({ geheimhouding: true, geboortedatum: null, geboortedatumOnvolledig: { jaar: null, maand: null } }),
    );
    expect(by.get(BSN.zonderAdres)!.adres).toBeNull();
  });

  it('maps sole authority and guardianship from the stand-in', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    const [kind, voogdij, voogdij2] = await client.raadpleeg([BSN.eenhoofdigKind, BSN.voogdijKind, BSN.voogdijKind2]);
    expect(kind.gezag).toEqual([{ type: 'EenhoofdigOuderlijkGezag', ouders: [BSN.eenhoofdigOuder], minderjarige: BSN.eenhoofdigKind }]);
    expect(voogdij.gezag).toEqual([{ type: 'Voogdij', ouders: [], minderjarige: BSN.voogdijKind }]);
    expect(voogdij2.gezag).toEqual([{ type: 'Voogdij', ouders: [BSN.voogd], minderjarige: BSN.voogdijKind2 }]);
  });

  it('returns persons in the order asked, once each, without the unknown', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    const records = await client.raadpleeg([BSN.dochterA12, '123456782', BSN.vaderA, BSN.dochterA12]);
    expect(records.map((r) => r.burgerservicenummer)).toEqual([BSN.dochterA12, BSN.vaderA]);
    expect(await client.raadpleeg([])).toEqual([]);
  });

  it('asks 45 BSNs in 3 requests of at most 20', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    const bsns = manyInhabitants(45).map((i) => i.bsn);
    const before = sim.requests;
    const records = await client.raadpleeg(bsns);
    expect(sim.requests - before).toBe(3);
    expect(records.map((r) => r.burgerservicenummer)).toEqual(bsns);
  });

  it('finds the household at an adresseerbaar object, the deceased left out', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    expect((await client.zoekBsnsOpAdresseerbaarObject(AOID.huishoudenA)).sort()).toEqual(
      [BSN.vaderA, BSN.moederA, BSN.dochterA17, BSN.dochterA12].sort(),
    );
    expect(await client.zoekBsnsOpAdresseerbaarObject(AOID.huishoudenE.replace(/.$/, '9'))).toEqual([]);
    sim.setOverlijden(BSN.moederA, { year: 2025, month: 3 });
    try {
      expect(await client.zoekBsnsOpAdresseerbaarObject(AOID.huishoudenA)).not.toContain(BSN.moederA);
      const [moeder] = await client.raadpleeg([BSN.moederA]);
      expect(moeder).toEqual(expect.objectContaining({ overleden: true, leeftijd: null }));
    } finally {
      sim.setOverlijden(BSN.moederA, undefined);
    }
  });

  it('sends the API key when configured', async () => {
    const keyed = await startBrpSimulator({ municipality: municipalityFixture(), apiKey: 'geheim-sleutel' });
    try {
      expect(await createBrpClient({ baseUrl: keyed.url, apiKey: 'geheim-sleutel' }).raadpleeg([BSN.vaderA])).toHaveLength(1);
      const before = keyed.requests;
      const error = await caught(createBrpClient({ baseUrl: keyed.url, apiKey: 'fout', ...FAST }).raadpleeg([BSN.vaderA]));
      expect(error.code).toBe('SOURCE_UNAVAILABLE');
      expect(error.status).toBe(401);
      expect(keyed.requests - before).toBe(1); // a 4xx is not retried
    } finally {
      await keyed.close();
    }
  });

  it('on 503 retries, then gives SOURCE_UNAVAILABLE without personal data', async () => {
    const client = createBrpClient({ baseUrl: sim.url, retries: 2, ...FAST });
    sim.setAvailable(false);
    const before = sim.requests;
    try {
      const error = await caught(client.raadpleeg([BSN.vaderA, BSN.geheim]));
      expect(error).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'BRP', status: 503 });
      expect(error.message).toBe('BRP unavailable after 3 attempts: last HTTP 503');
      expectNoPersonalData(error.message);
      expect(sim.requests - before).toBe(3);
    } finally {
      sim.setAvailable(true);
    }
  });

  it('recovers when the BRP comes back between retries', async () => {
    let calls = 0;
    const fake = await fakeBrp((body) => (++calls < 3 ? { status: 503, body: '{}', contentType: 'application/problem+json' } : echoPersons(body)));
    try {
      const records = await createBrpClient({ baseUrl: fake.url, retries: 3, ...FAST }).raadpleeg([BSN.vaderA]);
      expect(records.map((r) => r.burgerservicenummer)).toEqual([BSN.vaderA]);
      expect(calls).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it('opens the circuit after repeated failures and stops calling', async () => {
    const client = createBrpClient({ baseUrl: sim.url, retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000, ...FAST });
    sim.setAvailable(false);
    try {
      await caught(client.raadpleeg([BSN.vaderA]));
      await caught(client.raadpleeg([BSN.vaderA]));
      const before = sim.requests;
      const error = await caught(client.raadpleeg([BSN.vaderA]));
      expect(error.code).toBe('SOURCE_UNAVAILABLE');
      expect(error.message).toMatch(/circuit open/);
      expect(sim.requests).toBe(before);
    } finally {
      sim.setAvailable(true);
    }
  });

  it('a wrong base URL (404) is a protocol error, not retried', async () => {
    const before = sim.requests;
    const error = await caught(createBrpClient({ baseUrl: `${sim.url}/haalcentraal/api/brp`, retries: 3, ...FAST }).raadpleeg([BSN.vaderA]));
    expect(error).toMatchObject({ code: 'SOURCE_PROTOCOL_ERROR', status: 404 });
    expect(error.message).toBe('BRP rejected the request: expected HTTP 200, got HTTP 404; code notFound');
    expect(sim.requests - before).toBe(1);
  });

  it('refuses malformed input before calling, without echoing it', async () => {
    const client = createBrpClient({ baseUrl: sim.url });
    await expect(client.raadpleeg([BSN.vaderA, '99999001'])).rejects.toThrow(new RangeError('expected a nine-digit burgerservicenummer at index 1'));
    await expect(client.zoekBsnsOpAdresseerbaarObject('0000000000000000')).rejects.toThrow(RangeError);
  });
});

describe('BRP client ↔ scripted server', () => {
  it('asks only fields the spec allows, never the auto-delivered ones', () => {
    const askable = specPaths('Persoon', { atomic: ['AbstractDatum', 'Gezag'] });
    for (const field of RAADPLEEG_FIELDS) {
      expect(askable).toContain(field);
      expect(field.split('.')).not.toEqual(expect.arrayContaining(['inOnderzoek']));
      expect(['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie']).not.toContain(field.split('.')[0]);
    }
  });

  it('sends spec-valid requests with the right headers, in parallel up to the limit', async () => {
    const fake = await fakeBrp((body) => ({ ...echoPersons(body), delayMs: 20 }));
    try {
      const bsns = manyInhabitants(100).map((i) => i.bsn);
      const records = await createBrpClient({ baseUrl: `${fake.url}/`, apiKey: 'k', concurrency: 2 }).raadpleeg(bsns);
      expect(records).toHaveLength(100);
      expect(fake.bodies).toHaveLength(5);
      expect(fake.maxInFlight()).toBe(2);
      for (const body of fake.bodies) {
        expect(validateAgainstSpec('PersonenQuery', body)).toEqual([]);
        expect(body.burgerservicenummer.length).toBeLessThanOrEqual(20);
        expect(body.fields).toEqual([...RAADPLEEG_FIELDS]);
      }
      expect(fake.headers[0]['content-type']).toBe('application/json; charset=utf-8');
      expect(fake.headers[0]['x-api-key']).toBe('k');

      expect(await createBrpClient({ baseUrl: fake.url }).zoekBsnsOpAdresseerbaarObject(AOID.huishoudenA)).toEqual([]);
      const zoek = fake.bodies[fake.bodies.length - 1];
      expect(validateAgainstSpec('PersonenQuery', zoek)).toEqual([]);
      expect(zoek).toEqual({ type: 'ZoekMetAdresseerbaarObjectIdentificatie', adresseerbaarObjectIdentificatie: AOID.huishoudenA, fields: ['burgerservicenummer'] });
    } finally {
      await fake.close();
    }
  });

  it('a 400 is a protocol error naming the parameters, not retried, without personal data', async () => {
    const fake = await fakeBrp(() => ({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
        title: 'Een of meerdere parameters zijn niet correct.',
        status: 400,
        detail: `De foutieve parameter(s) zijn burgerservicenummer[0] met ${BSN.vaderA}.`,
        code: 'paramsValidation',
        invalidParams: [
          { type: 'https://www.vng.nl/realisatie/api/validaties/pattern', name: 'burgerservicenummer[0]', code: 'pattern', reason: 'Waarde voldoet niet aan patroon.' },
          { name: BSN.vaderA, code: 'pattern' },
          { name: 'fields', code: BSN.moederA },
        ],
      }),
    }));
    try {
      const error = await caught(createBrpClient({ baseUrl: fake.url, retries: 3, ...FAST }).raadpleeg([BSN.vaderA]));
      expect(error).toMatchObject({ code: 'SOURCE_PROTOCOL_ERROR', status: 400 });
      expect(error.message).toBe('BRP rejected the request: expected HTTP 200, got HTTP 400; code paramsValidation; invalid: burgerservicenummer (pattern)');
      expectNoPersonalData(error.message);
      expect(fake.bodies).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('times out a BRP that does not answer, retrying first', async () => {
    const fake = await fakeBrp(() => ({ hang: true }));
    try {
      const error = await caught(createBrpClient({ baseUrl: fake.url, ...FAST, timeoutMs: 50, retries: 1 }).raadpleeg([BSN.vaderA]));
      expect(error.code).toBe('SOURCE_UNAVAILABLE');
      expect(error.message).toBe('BRP unavailable after 2 attempts: last no answer within 50 ms');
      expect(fake.bodies).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it('a BRP that cannot be reached is unavailable', async () => {
    const fake = await fakeBrp(echoPersons);
    const url = fake.url;
    await fake.close();
    const error = await caught(createBrpClient({ baseUrl: url, ...FAST, retries: 1 }).raadpleeg([BSN.vaderA]));
    expect(error.code).toBe('SOURCE_UNAVAILABLE');
    expect(error.message).toBe('BRP unavailable after 2 attempts: last network error');
  });

  it.each<[string, Scripted, RegExp]>([
    ['a redirect (not followed)', { status: 307, body: '' }, /expected HTTP 200, got HTTP 307/],
    ['HTML instead of JSON', { body: '<html>Onderhoud</html>', contentType: 'text/html' }, /expected Content-Type application\/json/],
    ['JSON that does not parse', { body: '{"type":"Raadpleeg' }, /does not parse as JSON/],
    ['a JSON array', { body: '[]' }, /expected a JSON object/],
    ['another response type', { body: JSON.stringify({ type: 'ZoekMetPostcodeEnHuisnummer', personen: [] }) }, /expected type RaadpleegMetBurgerservicenummer, got another type/],
    ['personen not an array', { body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', personen: {} }) }, /expected personen to be an array/],
    [
      'a person not asked for',
      { body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', personen: [{ burgerservicenummer: BSN.moederA }] }) },
      /got one not asked for at personen\[0\]/,
    ],
    [
      'a malformed person',
      { body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', personen: [{ burgerservicenummer: BSN.vaderA, naam: { geslachtsnaam: ['Vries'] } }] }) },
      /expected personen\[0\]\.naam\.geslachtsnaam to be a string, got an array/,
    ],
  ])('garbage: %s is a protocol error', async (_case, answer, message) => {
    const fake = await fakeBrp(() => answer);
    try {
      const error = await caught(createBrpClient({ baseUrl: fake.url, ...FAST }).raadpleeg([BSN.vaderA]));
      expect(error.code).toBe('SOURCE_PROTOCOL_ERROR');
      expect(error.message).toMatch(message);
      expectNoPersonalData(error.message);
      expect(fake.bodies).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('an answer without personen means nobody was found', async () => {
    const fake = await fakeBrp(() => ({ body: JSON.stringify({ type: 'ZoekMetAdresseerbaarObjectIdentificatie' }) }));
    try {
      expect(await createBrpClient({ baseUrl: fake.url }).zoekBsnsOpAdresseerbaarObject(AOID.huishoudenA)).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('a search answer with a malformed BSN is a protocol error', async () => {
    const fake = await fakeBrp(() => ({
      body: JSON.stringify({ type: 'ZoekMetAdresseerbaarObjectIdentificatie', personen: [{ burgerservicenummer: '12345' }] }),
    }));
    try {
      const error = await caught(createBrpClient({ baseUrl: fake.url }).zoekBsnsOpAdresseerbaarObject(AOID.huishoudenA));
      expect(error.message).toMatch(/expected personen\[0\]\.burgerservicenummer to be a string of nine digits/);
      expect(error.message).not.toContain('12345');
    } finally {
      await fake.close();
    }
  });
});
