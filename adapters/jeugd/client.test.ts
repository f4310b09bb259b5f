import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JeugdhulpRecord } from '../../domain/records';
import type { JeugdToewijzing } from '../../municipality/types';
import { createJeugdFeedClient, type JeugdFeedClient } from './client';
import { SourceError } from './errors';
import { foldBerichten } from './fold';
import { startJeugdSimulator, type JeugdSimulator } from './simulator';
import { buildMunicipality, jeugdToewijzing } from './testing/municipality-fixture';

/** What the hub should end up with for a world toewijzing (written out here, not taken from the fold). */
function expected(t: JeugdToewijzing): JeugdhulpRecord {
  const einddatum = t.stopZorg && (!t.einddatum || t.einddatum > t.stopZorg) ? t.stopZorg : (t.einddatum ?? null);
  return {
    burgerservicenummer: t.bsn,
    toewijzingNummer: t.toewijzingNummer,
    productCategorie: t.productCategorie,
    productCode: t.productCode,
    omschrijving: t.omschrijving,
    verwijzer: t.verwijzer,
    ingangsdatum: t.ingangsdatum,
    einddatum,
    startZorg: t.startZorg ?? null,
    stopZorg: t.stopZorg ?? null,
    omvang: t.omvang ?? null,
  };
}

async function expectSourceError(promise: Promise<unknown>, code: SourceError['code']): Promise<SourceError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a SourceError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  expect((error as SourceError).code).toBe(code);
  expect((error as SourceError).source).toBe('JEUGD');
  return error as SourceError;
}

describe('Jeugd feed client against the stand-in', () => {
  // 20 toewijzingen, 15 started, 10 of those stopped: 45 messages.
  const municipality = buildMunicipality({ count: 20, started: 15, stopped: 10 });
  let sim: JeugdSimulator;
  let client: JeugdFeedClient;

  beforeEach(async () => {
    sim = await startJeugdSimulator({ municipality, now: () => new Date('2025-06-02T08:00:00Z') });
    client = createJeugdFeedClient({ url: sim.url, timeoutMs: 2000, retries: 2, retryDelayMs: 1 });
  });
  afterEach(() => sim.close());

  async function readAll(from: string | null, aantal: number) {
    const pages = [];
    let cursor = from;
    for (;;) {
      const page = await client.lees(cursor, aantal);
      pages.push(page);
      cursor = page.volgende;
      if (!page.meer) return { pages, cursor, berichten: pages.flatMap((p) => p.berichten) };
    }
  }

  it('round trip: folding the whole feed gives the world’s toewijzingen', async () => {
    const { berichten } = await readAll(null, 100);
    const result = foldBerichten(new Map(), berichten);
    expect(result.pending).toEqual([]);
    expect(result.rejected).toEqual([]);
    const byNumber = (a: JeugdhulpRecord, b: JeugdhulpRecord) => a.toewijzingNummer.localeCompare(b.toewijzingNummer);
    expect([...result.records.values()].sort(byNumber)).toEqual(municipality.jeugd.map(expected).sort(byNumber));
  });

  it('pages 45 messages by 20 in 3 reads, and a cursor resumes exactly where it left off', async () => {
    expect(sim.messageCount).toBe(45);
    const { pages, berichten } = await readAll(null, 20);
    expect(sim.requests).toBe(3);
    expect(pages.map((p) => [p.berichten.length, p.meer])).toEqual([
      [20, true],
      [20, true],
      [5, false],
    ]);
    expect(berichten.map((b) => b.positie)).toEqual(Array.from({ length: 45 }, (_, i) => String(i + 1)));
    expect(new Set(berichten.map((b) => b.id)).size).toBe(45);

    // Reading again from the second page's cursor gives exactly the third page again.
    const again = await client.lees(pages[1].volgende, 20);
    expect(again.berichten).toEqual(pages[2].berichten);
    // At the end: nothing new, and the cursor stays put.
    const end = await client.lees(pages[2].volgende, 20);
    expect(end).toEqual({ berichten: [], volgende: pages[2].volgende, meer: false, rejected: [] });
  });

  it('a message published after a read shows up at the cursor', async () => {
    const first = await readAll(null, 50);
    const state = foldBerichten(new Map(), first.berichten);
    const t = municipality.jeugd[17]; // not started in the world
    sim.publish({ soort: 'JW305', toewijzing: t, startZorg: '2025-06-01' });

    const next = await client.lees(first.cursor, 50);
    expect(next.berichten.map((b) => [b.soort, b.positie])).toEqual([['JW305', '46']]);
    const result = foldBerichten(state.records, next.berichten, { alreadyApplied: state.applied });
    expect(result.changed).toEqual([{ ...expected(t), startZorg: '2025-06-01' }]);
  });

  it('a stop for a toewijzing the feed never assigned stays pending', async () => {
    const { berichten } = await readAll(null, 100);
    const state = foldBerichten(new Map(), berichten);
    sim.publish({ soort: 'JW307', toewijzing: jeugdToewijzing(99), stopZorg: '2025-05-31' });
    const next = await readAll(null, 100);
    const result = foldBerichten(state.records, next.berichten, { alreadyApplied: state.applied });
    expect(result.changed).toEqual([]);
    expect(result.pending.map((p) => p.product.toewijzingNummer)).toEqual([jeugdToewijzing(99).toewijzingNummer]);
  });

  it('redelivered messages are harmless', async () => {
    const first = await readAll(null, 100);
    const state = foldBerichten(new Map(), first.berichten);
    for (const index of [0, 1, 44, 7]) sim.redeliver(index);

    const next = await client.lees(first.cursor, 100);
    expect(next.berichten.map((b) => b.id)).toEqual([0, 1, 44, 7].map((i) => first.berichten[i].id));

    const withIds = foldBerichten(state.records, next.berichten, { alreadyApplied: state.applied });
    expect(withIds.changed).toEqual([]);
    expect(withIds.duplicates).toHaveLength(4);
    // Even a consumer that lost its applied ids gets no change from facts it already has.
    expect(foldBerichten(state.records, next.berichten).changed).toEqual([]);
  });

  it('retries while the feed answers 503, then gives up with SOURCE_UNAVAILABLE', async () => {
    sim.setAvailable(false);
    const error = await expectSourceError(client.lees(null, 20), 'SOURCE_UNAVAILABLE');
    expect(sim.requests).toBe(3); // first attempt + 2 retries
    expect(error.message).toBe('Jeugd feed: expected HTTP 200, got 503');

    sim.setAvailable(true);
    await expect(client.lees(null, 20)).resolves.toMatchObject({ meer: true });
  });

  it('opens the circuit after consecutive failures and stops calling the feed', async () => {
    const fragile = createJeugdFeedClient({ url: sim.url, retries: 0, breakerThreshold: 2, breakerHalfOpenAfterMs: 60_000 });
    sim.setAvailable(false);
    await expectSourceError(fragile.lees(null, 1), 'SOURCE_UNAVAILABLE');
    await expectSourceError(fragile.lees(null, 1), 'SOURCE_UNAVAILABLE');
    const before = sim.requests;
    const error = await expectSourceError(fragile.lees(null, 1), 'SOURCE_UNAVAILABLE');
    expect(error.message).toContain('circuit open');
    expect(sim.requests).toBe(before);
  });

  it('does not retry a refused cursor: SOURCE_PROTOCOL_ERROR at once', async () => {
    const error = await expectSourceError(client.lees('bm9wZQ', 20), 'SOURCE_PROTOCOL_ERROR');
    expect(error.message).toBe('Jeugd feed: expected HTTP 200, got 400 (ONGELDIGE_CURSOR)');
    expect(sim.requests).toBe(1);
  });

  it('refuses a page size outside 1–1000 before calling', async () => {
    await expect(client.lees(null, 0)).rejects.toThrow(RangeError);
    await expect(client.lees(null, 1001)).rejects.toThrow(RangeError);
    expect(sim.requests).toBe(0);
  });
});

describe('Jeugd feed client against a misbehaving server', () => {
  let server: Server;
  let url: string;
  let handler: (path: string) => { status: number; body: string } | null;

  beforeEach(async () => {
    server = createServer((req, res) => {
      const answer = handler(req.url ?? '');
      if (answer === null) return; // never answer
      res.writeHead(answer.status, { 'content-type': 'text/html' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('times out each attempt and reports SOURCE_UNAVAILABLE', async () => {
    let calls = 0;
    handler = () => {
      calls += 1;
      return null;
    };
    const client = createJeugdFeedClient({ url, timeoutMs: 100, retries: 1, retryDelayMs: 1 });
    const error = await expectSourceError(client.lees(null, 5), 'SOURCE_UNAVAILABLE');
    expect(error.message).toBe('Jeugd feed: no answer within 100 ms');
    expect(calls).toBe(2);
  });

  it('reports a page that is not the feed as SOURCE_PROTOCOL_ERROR, without retrying', async () => {
    let calls = 0;
    handler = () => {
      calls += 1;
      return { status: 200, body: '<html><body>Gepland onderhoud</body></html>' };
    };
    const client = createJeugdFeedClient({ url, retries: 3, retryDelayMs: 1 });
    await expectSourceError(client.lees(null, 5), 'SOURCE_PROTOCOL_ERROR');
    expect(calls).toBe(1);
  });

  it('reports an unreachable feed as SOURCE_UNAVAILABLE', async () => {
    const client = createJeugdFeedClient({ url: 'http://127.0.0.1:1', retries: 1, retryDelayMs: 1 });
    const error = await expectSourceError(client.lees(null, 5), 'SOURCE_UNAVAILABLE');
    expect(error.message).toBe('Jeugd feed: could not be reached');
  });
});
