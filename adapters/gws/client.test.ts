/**
 * The adapter against the stand-in (round trip), and against scripted servers for the failure
 * modes: 503, timeouts, dropped connections, Fo02, unreadable answers, an open circuit.
 */

import type { Uitkering, WmoVoorziening } from '../../municipality/types';
import type { UitkeringRecord, WmoVoorzieningRecord } from '../../domain/records';
import { createGwsClient, type GwsAnswer, type GwsClientOptions } from './client';
import { SourceError } from './source-error';
import { startGwsSimulator, type GwsSimulator } from './simulator';
import { buildMunicipality, manyWmoVoorzieningen, uitkering, wmoVoorziening } from './test-support/municipality-fixture';
import { startScriptedServer, type ScriptedServer } from './test-support/scripted-server';

const HUB = { organisatie: '0999', applicatie: 'ONTSCHOT' };
const GWS = { organisatie: '0999', applicatie: 'GWS4all', administratie: 'SOCIAAL' };
const FAST = { backoff: { initialDelayMs: 1, maxDelayMs: 5 } } satisfies Partial<GwsClientOptions>;

/** Household A and C from the showcase, as GWS holds them. */
const WMO: WmoVoorziening[] = [
  wmoVoorziening({ bsn: '999990007', toewijzingNummer: 'WMO-000100', productCategorie: '13', productCode: '13005', omschrijving: 'Woonvoorziening lichtsignalering', leveringsvorm: 'PGB', omvang: undefined }),
  wmoVoorziening({ bsn: '999990019', toewijzingNummer: 'WMO-000101' }),
  wmoVoorziening({ bsn: '999990019', toewijzingNummer: 'WMO-000102', productCategorie: '01', productCode: '01A01', omschrijving: 'Huishoudelijke ondersteuning', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }),
  wmoVoorziening({ bsn: '999990111', toewijzingNummer: 'WMO-000103', productCategorie: '01', productCode: '01A01', omschrijving: 'Huishoudelijke hulp' }),
  wmoVoorziening({ bsn: '999990111', toewijzingNummer: 'WMO-000104', productCategorie: '11', productCode: '11001', omschrijving: 'Rolstoel', omvang: undefined }),
  wmoVoorziening({ bsn: '999990111', toewijzingNummer: 'WMO-000105', productCategorie: '08', productCode: '08A01', omschrijving: 'Regiotaxi' }),
  wmoVoorziening({ bsn: '999990111', toewijzingNummer: 'WMO-000001', productCategorie: '01', productCode: '01A01', ingangsdatum: '2001-05-01', einddatum: '2004-03-31' }),
];
const UITKERINGEN: Uitkering[] = [
  uitkering({ bsn: '999990068', dossierNummer: 'PW-000010' }),
  uitkering({ bsn: '999990032', dossierNummer: 'PW-000011', soort: 'REINTEGRATIE_TRAJECT', omschrijving: 'Intake re-integratie', ingangsdatum: undefined, einddatum: undefined, besluiten: [] }),
];

/** What the adapter should make of a world record: the expectation, spelled out independently. */
function expectedWmo(v: WmoVoorziening): WmoVoorzieningRecord {
  return {
    burgerservicenummer: v.bsn,
    toewijzingNummer: v.toewijzingNummer,
    productCategorie: v.productCategorie,
    productCode: v.productCode,
    omschrijving: v.omschrijving,
    ingangsdatum: v.ingangsdatum,
    einddatum: v.einddatum ?? null,
    omvang: v.omvang ?? null,
    leveringsvorm: v.leveringsvorm,
  };
}

function expectedUitkering(u: Uitkering): UitkeringRecord {
  return {
    burgerservicenummer: u.bsn,
    dossierNummer: u.dossierNummer,
    soort: u.soort,
    omschrijving: u.omschrijving,
    ingangsdatum: u.ingangsdatum ?? null,
    einddatum: u.einddatum ?? null,
    besluiten: u.besluiten.map((b) => ({ soort: b.soort, datum: b.datum, toelichting: b.toelichting ?? null })),
  };
}

const byKey = (a: { toewijzingNummer: string }, b: { toewijzingNummer: string }) => (a.toewijzingNummer < b.toewijzingNummer ? -1 : 1);

/** The records of each page. */
async function collect<T>(iterable: AsyncIterable<GwsAnswer<T>>): Promise<T[][]> {
  return (await answers(iterable)).map((a) => a.records);
}

async function answers<T>(iterable: AsyncIterable<GwsAnswer<T>>): Promise<Array<GwsAnswer<T>>> {
  const out: Array<GwsAnswer<T>> = [];
  for await (const answer of iterable) out.push(answer);
  return out;
}

async function sourceError(promise: Promise<unknown>, personal: string[] = []): Promise<SourceError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a SourceError, got a result');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  const e = error as SourceError;
  expect(e.source).toBe('GWS');
  const text = `${e.message} ${e.stack ?? ''} ${JSON.stringify(e)} ${String((e.cause as Error | undefined)?.message ?? '')}`;
  for (const value of personal) expect(text).not.toContain(value);
  return e;
}

describe('GWS client ↔ stand-in', () => {
  let sim: GwsSimulator;

  beforeAll(async () => {
    sim = await startGwsSimulator({ municipality: buildMunicipality({ wmo: WMO, uitkeringen: UITKERINGEN }), maxPageSize: 2 });
  });
  afterAll(() => sim.close());

  const client = () => createGwsClient({ url: sim.url, zender: HUB, ontvanger: GWS, ...FAST });

  it('scans every Wmo voorziening, one vervolgvraag per page, in key order', async () => {
    const before = sim.requests;
    const pages = await collect(client().scanWmoVoorzieningen({ pageSize: 3 }));
    // The stand-in caps pages at 2, whatever we ask: the adapter must follow its lead.
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual([...WMO].sort(byKey).map(expectedWmo));
    expect(sim.requests - before).toBe(4);
  });

  it('fetches the voorzieningen of several persons, in the order asked, each person once', async () => {
    const records = await client().wmoVoorzieningenVan(['999990111', '999990007', '999990111', '999990044']);
    expect(records.map((r) => r.toewijzingNummer)).toEqual(['WMO-000001', 'WMO-000103', 'WMO-000104', 'WMO-000105', 'WMO-000100']);
    expect(records[0]).toEqual(expectedWmo(WMO[6]));
    expect(await client().wmoVoorzieningenVan([])).toEqual([]);
  });

  it('fetches one voorziening by toewijzingNummer, or null', async () => {
    expect((await client().wmoVoorziening('WMO-000102')).record).toEqual(expectedWmo(WMO[2]));
    expect((await client().wmoVoorziening('WMO-999999')).record).toBeNull();
  });

  it('round-trips uitkeringen with and without besluiten and dates', async () => {
    const pages = await collect(client().scanUitkeringen());
    expect(pages.flat()).toEqual(UITKERINGEN.map(expectedUitkering));
    expect(await client().uitkeringenVan(['999990032'])).toEqual([expectedUitkering(UITKERINGEN[1])]);
    expect((await client().uitkering('PW-000010')).record).toEqual(expectedUitkering(UITKERINGEN[0]));
  });

  it('refuses bad arguments before asking GWS, without repeating them', async () => {
    expect(() => client().scanWmoVoorzieningen({ pageSize: 0 })).toThrow(RangeError);
    await expect(client().wmoVoorzieningenVan(['99999001'])).rejects.toThrow('expected burgerservicenummers of nine digits, got another value');
    expect(() => createGwsClient({ url: sim.url, zender: { organisatie: '', applicatie: 'x' }, ontvanger: GWS })).toThrow(TypeError);
  });

  it('gets a Fo02 (StUF010) when addressing another ontvanger: a protocol error, not retried', async () => {
    const before = sim.requests;
    const wrong = createGwsClient({ url: sim.url, zender: HUB, ontvanger: { organisatie: '0999', applicatie: 'Suite4' }, retries: 3, ...FAST });
    const e = await sourceError(wrong.wmoVoorzieningenVan(['999990019']), ['999990019']);
    expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
    expect(e.stufFoutcode).toBe('StUF010');
    expect(e.message).toBe('GWS: expected La01, got Fo02 StUF010 (plek client): GWS refused the vraagbericht');
    expect(sim.requests - before).toBe(1);
  });

  it('retries while GWS answers 503, then gives up with SOURCE_UNAVAILABLE naming no data', async () => {
    const before = sim.requests;
    sim.setAvailable(false);
    try {
      const down = createGwsClient({ url: sim.url, zender: HUB, ontvanger: GWS, retries: 2, ...FAST });
      const e = await sourceError(down.wmoVoorzieningenVan(['999990019']), ['999990019', 'Begeleiding']);
      expect(e.code).toBe('SOURCE_UNAVAILABLE');
      expect(e.message).toBe('GWS: expected HTTP 200, got HTTP 503 after 3 attempts');
    } finally {
      sim.setAvailable(true);
    }
    expect(sim.requests - before).toBe(3);
  });
});

describe('GWS client: when GWS answered', () => {
  let sim: GwsSimulator;
  let gwsTime: number;
  const servers: ScriptedServer[] = [];

  beforeAll(async () => {
    // GWS's clock, far from ours, and a second on at every answer.
    sim = await startGwsSimulator({ municipality: buildMunicipality({ wmo: manyWmoVoorzieningen(45) }), now: () => new Date((gwsTime += 1000)) });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await sim.close();
  });
  const client = (url = sim.url) => createGwsClient({ url, zender: HUB, ontvanger: GWS, retries: 3, ...FAST });

  it("gives every page the instant its own La01 says it was given, by GWS's clock, in UTC", async () => {
    gwsTime = Date.parse('2026-02-01T10:20:30.456Z');
    const pages = await answers(client().scanWmoVoorzieningen({ pageSize: 20 }));
    expect(pages.map((p) => [p.records.length, p.tijdstipBericht])).toEqual([
      [20, '2026-02-01T10:20:31.456Z'],
      [20, '2026-02-01T10:20:32.456Z'],
      [5, '2026-02-01T10:20:33.456Z'],
    ]);
  });

  it('gives a lookup the instant of its La01, also when GWS holds nothing by that key, in summer time too', async () => {
    gwsTime = Date.parse('2026-07-01T09:59:59.000Z');
    expect(await client().wmoVoorziening('WMO-000001')).toEqual({ record: expect.objectContaining({ toewijzingNummer: 'WMO-000001' }), tijdstipBericht: '2026-07-01T10:00:00.000Z' });
    expect(await client().wmoVoorziening('WMO-999999')).toEqual({ record: null, tijdstipBericht: '2026-07-01T10:00:01.000Z' });
  });

  it('refuses a La01 without a tijdstipBericht, or with one that names no time, and does not ask again', async () => {
    for (const [change, message] of [
      [(xml: string) => xml.replace(/<StUF:tijdstipBericht>[^<]*<\/StUF:tijdstipBericht>/, ''), /expected a value in <StUF:tijdstipBericht> of <SOC:stuurgegevens>, got none/],
      [(xml: string) => xml.replace(/<StUF:tijdstipBericht>\d{4}/, '<StUF:tijdstipBericht>2026-'), /expected tijdstipBericht as yyyyMMddHHmmss\[SSS\], got a value of \d+ characters that is not one/],
    ] as const) {
      const untimed = await startScriptedServer(async (body) => ({ status: 200, body: change(await fetch(sim.url, { method: 'POST', body }).then((r) => r.text())) }));
      servers.push(untimed);
      const e = await sourceError(client(untimed.url).wmoVoorziening('WMO-000001'), ['999990019']);
      expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
      expect(e.message).toMatch(message);
      expect(untimed.received).toHaveLength(1);
    }
  });
});

describe('GWS client resilience', () => {
  let sim: GwsSimulator;
  const servers: ScriptedServer[] = [];

  beforeAll(async () => {
    sim = await startGwsSimulator({ municipality: buildMunicipality({ wmo: manyWmoVoorzieningen(45) }) });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await sim.close();
  });

  async function scripted(script: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
    const server = await startScriptedServer(script);
    servers.push(server);
    return server;
  }

  it('pages 45 records with pageSize 20 into 20, 20 and 5', async () => {
    const client = createGwsClient({ url: sim.url, zender: HUB, ontvanger: GWS });
    const pages = await collect(client.scanWmoVoorzieningen({ pageSize: 20 }));
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(new Set(pages.flat().map((r) => r.toewijzingNummer)).size).toBe(45);
  });

  it('recovers when 503s and a dropped connection pass within the retries', async () => {
    const flaky = await scripted((_body, i) => (i === 0 ? { status: 503 } : i === 1 ? { reset: true } : { forward: sim.url }));
    const client = createGwsClient({ url: flaky.url, zender: HUB, ontvanger: GWS, retries: 2, ...FAST });
    const pages = await collect(client.scanWmoVoorzieningen({ pageSize: 50 }));
    expect(pages.flat()).toHaveLength(45);
    expect(flaky.received).toHaveLength(3);
  });

  it('times out a hanging GWS per attempt', async () => {
    const hanging = await scripted(() => ({ hang: true }));
    const client = createGwsClient({ url: hanging.url, zender: HUB, ontvanger: GWS, timeoutMs: 50, retries: 1, ...FAST });
    const e = await sourceError(client.wmoVoorzieningenVan(['999990019']), ['999990019']);
    expect(e.code).toBe('SOURCE_UNAVAILABLE');
    expect(e.message).toBe('GWS: expected an answer within 50 ms, got none after 2 attempts');
    expect(hanging.received).toHaveLength(2);
  });

  it('reports an unreachable GWS as SOURCE_UNAVAILABLE', async () => {
    const gone = await startScriptedServer(() => ({ status: 200 }));
    await gone.close();
    const client = createGwsClient({ url: gone.url, zender: HUB, ontvanger: GWS, retries: 1, ...FAST });
    const e = await sourceError(client.wmoVoorziening('WMO-000001'));
    expect(e.code).toBe('SOURCE_UNAVAILABLE');
    expect(e.message).toMatch(/network error\) after 2 attempts$/);
  });

  it('retries a Fo02 that GWS blames on itself (plek server)', async () => {
    const fo02 = (code: string) =>
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring><detail><StUF:Fo02Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301"><StUF:stuurgegevens><StUF:berichtcode>Fo02</StUF:berichtcode></StUF:stuurgegevens><StUF:body><StUF:code>${code}</StUF:code><StUF:plek>server</StUF:plek><StUF:omschrijving>Proces voor 999990019 faalt</StUF:omschrijving></StUF:body></StUF:Fo02Bericht></detail></soap:Fault></soap:Body></soap:Envelope>`;
    const busy = await scripted((_b, i) => (i < 2 ? { status: 500, body: fo02('StUF058') } : { forward: sim.url }));
    const client = createGwsClient({ url: busy.url, zender: HUB, ontvanger: GWS, retries: 3, ...FAST });
    expect((await client.wmoVoorziening('WMO-000001')).record).toMatchObject({ toewijzingNummer: 'WMO-000001' });
    expect(busy.received).toHaveLength(3);

    const broken = await scripted(() => ({ status: 500, body: fo02('StUF058') }));
    const giveUp = createGwsClient({ url: broken.url, zender: HUB, ontvanger: GWS, retries: 1, ...FAST });
    const e = await sourceError(giveUp.wmoVoorziening('WMO-000001'), ['999990019']);
    expect(e).toMatchObject({ code: 'SOURCE_UNAVAILABLE', stufFoutcode: 'StUF058' });
  });

  it('does not retry an answer it cannot read, and says so without quoting it', async () => {
    const garbage = await scripted(() => ({ status: 200, body: '<html><body>BSN 999990019 Jansen</body></html>', contentType: 'text/html' }));
    const client = createGwsClient({ url: garbage.url, zender: HUB, ontvanger: GWS, retries: 3, ...FAST });
    const e = await sourceError(client.wmoVoorzieningenVan(['999990019']), ['999990019', 'Jansen']);
    expect(e.code).toBe('SOURCE_PROTOCOL_ERROR');
    expect(e.message).toBe('GWS: wvzLa01: expected <soap:Envelope> (SOAP 1.1), got <html>');
    expect(garbage.received).toHaveLength(1);
  });

  it('refuses an answer to another question (crossRefnummer), and a 404', async () => {
    const replay = await scripted(async (body) => {
      const answer = await fetch(sim.url, { method: 'POST', body }).then((r) => r.text());
      return { status: 200, body: answer.replace(/<StUF:crossRefnummer>[^<]*</, '<StUF:crossRefnummer>someone-else<') };
    });
    const client = createGwsClient({ url: replay.url, zender: HUB, ontvanger: GWS, ...FAST });
    expect((await sourceError(client.wmoVoorziening('WMO-000001'))).message).toMatch(/expected crossRefnummer to repeat our referentienummer/);

    const missing = await scripted(() => ({ status: 404, body: 'not here', contentType: 'text/plain' }));
    const e = await sourceError(createGwsClient({ url: missing.url, zender: HUB, ontvanger: GWS, ...FAST }).wmoVoorziening('x'));
    expect(e).toMatchObject({ code: 'SOURCE_PROTOCOL_ERROR', message: 'GWS: expected HTTP 200 with a La01, got HTTP 404' });
    expect(missing.received).toHaveLength(1);
  });

  it('stops a GWS that keeps saying "more" without moving on', async () => {
    const stuck = await scripted(async (body) => {
      const first = body.replace(/<SOC:start[\s\S]*?<\/SOC:start>/, '').replace('>true</StUF:indicatorVervolgvraag>', '>false</StUF:indicatorVervolgvraag>');
      const answer = await fetch(sim.url, { method: 'POST', body: first }).then((r) => r.text());
      return { status: 200, body: answer };
    });
    const client = createGwsClient({ url: stuck.url, zender: HUB, ontvanger: GWS, ...FAST });
    const e = await sourceError(collect(client.scanWmoVoorzieningen({ pageSize: 5 })));
    expect(e.message).toBe('GWS: wvzLa01: expected a vervolgvraag to move past the previous page, got no progress');
    expect(stuck.received).toHaveLength(2);
  });

  it('opens the circuit after consecutive failures and then fails fast without calling GWS', async () => {
    const down = await scripted(() => ({ status: 503 }));
    const client = createGwsClient({
      url: down.url,
      zender: HUB,
      ontvanger: GWS,
      retries: 0,
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      ...FAST,
    });
    await sourceError(client.wmoVoorziening('WMO-000001'));
    await sourceError(client.wmoVoorziening('WMO-000001'));
    const e = await sourceError(client.wmoVoorziening('WMO-000001'));
    expect(e).toMatchObject({ code: 'SOURCE_UNAVAILABLE', message: 'GWS: circuit open after repeated failures; not asking GWS for now' });
    expect(down.received).toHaveLength(2);
  });

  it('lets a probe through once the circuit half-opens, and closes it on success', async () => {
    let up = false;
    const server = await scripted(() => (up ? { forward: sim.url } : { status: 503 }));
    const client = createGwsClient({
      url: server.url,
      zender: HUB,
      ontvanger: GWS,
      retries: 0,
      circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 30 },
      ...FAST,
    });
    // The breaker measures the delay with Date.now(): move a fake Date past it instead of waiting.
    // Only Date is faked; the sockets' and the policy's timers stay real.
    jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      await sourceError(client.wmoVoorziening('WMO-000001'));
      expect((await sourceError(client.wmoVoorziening('WMO-000001'))).message).toMatch(/circuit open/);
      up = true;
      jest.setSystemTime(Date.now() + 30);
      expect((await client.wmoVoorziening('WMO-000001')).record).not.toBeNull();
      expect((await client.wmoVoorziening('WMO-000002')).record).not.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
