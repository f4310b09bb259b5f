import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrpSimulator } from '../../adapters/brp/simulator';
import { generateMunicipality } from '../../municipality';
import { isolatedDatabase, uniqueName } from '../support/env';
import { eventually, startTestHub, type TestHub } from '../support/hub';

/**
 * A restart on the database of an earlier run. The BRP sits behind a gate the test controls: the
 * full sync's BRP job cannot finish while the gate is shut, so whatever answers meanwhile is the
 * hub serving the last run's read models, not the outcome of a sync.
 */
jest.setTimeout(120_000);

const QUERY = '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCategorie } } } }';

/** A pass-through to `target` that holds every request while shut. */
async function gate(target: string) {
  let open = true;
  let waiting: Array<() => void> = [];
  let held = 0;
  const server: Server = createServer(async (req, res) => {
    if (!open) {
      held++;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers[k] = v;
    try {
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    } catch {
      res.writeHead(502).end();
    }
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get held() {
      return held;
    },
    shut: () => void (open = false),
    open: () => {
      open = true;
      for (const release of waiting) release();
      waiting = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('restart on existing state', () => {
  const municipality = generateMunicipality({ inhabitants: 400 });
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-restart-'));
  const queuePrefix = uniqueName('restart');
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let brp: Awaited<ReturnType<typeof startBrpSimulator>>;
  let brpGate: Awaited<ReturnType<typeof gate>>;
  const hubs: TestHub[] = [];

  beforeAll(async () => {
    database = await isolatedDatabase();
    brp = await startBrpSimulator({ municipality, now: () => new Date(`${municipality.referenceDate}T12:00:00Z`) });
    brpGate = await gate(brp.url);
  });
  afterAll(async () => {
    brpGate?.open();
    for (const hub of hubs) await hub.close().catch(() => undefined);
    await brpGate?.close();
    await brp?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () => startTestHub({ municipality, env: { BRP_API_URL: brpGate.url }, reuse: { databaseUrl: database.url, dataDir, queuePrefix } });

  it('answers from the read models at once while the catch-up sync runs behind, and the catch-up then completes', async () => {
    // First start on an empty database: it answers only after its first full sync.
    const first = await start();
    hubs.push(first);
    expect((await first.query('wmo-consulent', 'WMO_ONDERSTEUNING', QUERY)).data?.persoon?.wmo?.voorzieningen).toHaveLength(2);
    const before = await database.db.query<{ source: string; at: string }>('SELECT source, last_full_sync_at::text AS at FROM sync_state ORDER BY source');
    expect(before.map((r) => r.source)).toEqual(['BRP', 'GWS', 'JEUGD', 'LAS']);
    await first.close();
    hubs.pop();

    // The BRP does not answer until the gate opens: a hub that waited for its full sync would
    // not resolve (hence the race, which names that failure instead of timing out the test).
    brpGate.shut();
    const second = await Promise.race([
      start(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the restarted hub waited for its catch-up sync before answering')), 20_000)),
    ]);
    hubs.push(second);
    let caughtUp = false;
    void second.hub.fullSync.then(() => (caughtUp = true));

    const ready = await fetch(second.hub.url.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);
    const answer = await second.query('wmo-consulent', 'WMO_ONDERSTEUNING', QUERY);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.persoon?.naam?.volledigeNaam).toEqual(expect.any(String));
    expect(answer.data?.persoon?.wmo?.voorzieningen).toHaveLength(2);
    // All of that happened while the catch-up sync was still held at the BRP.
    await eventually(async () => brpGate.held > 0, 30_000);
    expect(caughtUp).toBe(false);

    brpGate.open();
    expect(await second.hub.fullSync).toBe(true);
    const after = await database.db.query<{ source: string; at: string }>('SELECT source, last_full_sync_at::text AS at FROM sync_state ORDER BY source');
    for (const [i, row] of after.entries()) expect({ source: row.source, newer: row.at > before[i].at }).toEqual({ source: row.source, newer: true });
    expect((await second.query('wmo-consulent', 'WMO_ONDERSTEUNING', QUERY)).data?.persoon?.wmo?.voorzieningen).toHaveLength(2);
  });
});
