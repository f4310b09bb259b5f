import { randomUUID } from 'node:crypto';
import type { Db } from '../lib/db';
import type { AuditEntry } from './record';
import { AuditSigner } from './signing';
import { AuditStore } from './store';
import { BACKENDS } from './testing/backends';

/**
 * Group commit: concurrent requests' records share transactions. How much faster that is, is
 * measured by `npm run bench`; this test asserts only the behaviour, which holds on any machine.
 */
const REQUESTS = 150;
const CONCURRENCY = 30;
const RECORDS_PER_REQUEST = 3; // a household query touches a few subjects

function entries(request: number): AuditEntry[] {
  return Array.from({ length: RECORDS_PER_REQUEST }, (_, i) => ({
    id: randomUUID(),
    tijdstip: new Date().toISOString(),
    soort: 'VERWERKING' as const,
    bron: 'wmo',
    traceId: request.toString(16).padStart(32, '0'),
    spanId: '00f067aa0ba902b7',
    verwerkingsactiviteit: 'VA-SD-01',
    betrokkene: { id: `99999${String(1000 + i).padStart(4, '0')}`, type: 'BSN' as const },
    actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
    doel: 'WMO_ONDERSTEUNING',
    operatie: 'Dossier',
    documentHash: null,
    verstrekt: ['WmoDossier.voorzieningen'],
    geweigerd: [],
    status: 'VERSTREKT' as const,
    httpStatus: null,
  }));
}

/** CONCURRENCY clients, each sending its next request when the previous one's records are committed. */
async function load(store: AuditStore): Promise<{ ms: number; perSecond: number; p50: number; p99: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const r = next++;
        const t = performance.now();
        await store.append(entries(r));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { ms, perSecond: (REQUESTS / ms) * 1000, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

describe.each(BACKENDS)('group commit on %s', (name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(() => drop());

  it('writes concurrent requests in far fewer transactions than requests, each append confirmed', async () => {
    const grouped = new AuditStore({ db, signer: AuditSigner.generate(), signIntervalMs: 0, instanceId: 'grouped', writeTimeoutMs: 60_000 });
    await grouped.append(entries(-1));
    await load(grouped);
    const batches = grouped.stats.batches - 1;
    expect(batches).toBeGreaterThan(0);
    // With thirty clients waiting, each commit carries many of them.
    expect(batches).toBeLessThan(REQUESTS / 5);
    const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_record WHERE stroom LIKE '%grouped%'");
    expect(n).toBe((REQUESTS + 1) * RECORDS_PER_REQUEST);
    await grouped.close();
  });
});
