/**
 * What the BullMQ wiring leaves in Redis for a GWS kennisgeving: only ids, as the job runs and
 * after it completed or failed. Against the real Redis, with an embedded Postgres and a fake GWS.
 */
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Kennisgeving } from '../adapters/gws';
import type { WmoVoorzieningRecord } from '../domain/records';
import { wmoVoorziening } from '../domain/testing/records';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { RetentionEngine } from '../retention/engine';
import { TEST_REDIS_URL, uniqueName } from '../test/support/env';
import { QUEUES, SyncService } from './service';
import type { SyncDeps } from './jobs';
import type { SyncSources } from './sources';

const BSN = '999990019';
const OTHER_BSN = '999990044';
const connection = { url: TEST_REDIS_URL, maxRetriesPerRequest: null };

/** Everything under `prefix`, as one text per key (key name included). */
async function dump(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const values =
        type === 'hash' ? Object.entries(await redis.hgetall(key)).flat()
        : type === 'string' ? [(await redis.get(key)) ?? '']
        : type === 'list' ? await redis.lrange(key, 0, -1)
        : type === 'set' ? await redis.smembers(key)
        : type === 'zset' ? await redis.zrange(key, 0, -1)
        : type === 'stream' ? (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields])
        : [];
      out.push([key, ...values].join(' '));
    }
  } while (cursor !== '0');
  return out;
}

describe('SyncService and the GWS kennisgeving queue', () => {
  let db: Db;
  let redis: Redis;
  let service: SyncService | undefined;
  let queue: Queue | undefined;
  let prefix: string;
  let lookup: (key: string) => Promise<WmoVoorzieningRecord | null>;

  const record = wmoVoorziening({ burgerservicenummer: BSN, toewijzingNummer: 'WVZ-1', omschrijving: 'Begeleiding thuis' });
  /** The kennisgeving as the endpoint hands it over: parsed, record and vorige included. */
  const kennisgeving: Kennisgeving = {
    entiteittype: 'WVZ',
    soort: 'W',
    sleutel: 'WVZ-1',
    referentienummer: 'ref:with:colons',
    tijdstipBericht: '20260201100000000',
    zender: { organisatie: '0999', applicatie: 'GWS4all' },
    ontvanger: { organisatie: '0999', applicatie: 'ONTSCHOT' },
    record,
    vorige: { ...record, burgerservicenummer: OTHER_BSN },
  };

  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await db.close();
    redis.disconnect();
  });

  beforeEach(async () => {
    prefix = uniqueName('svc');
    lookup = async (key) => (key === record.toewijzingNummer ? record : null);
    const gws: SyncSources['gws'] = {
      scanWmoVoorzieningen: async function* () {},
      scanUitkeringen: async function* () {},
      wmoVoorziening: async (key) => ({ record: await lookup(key), tijdstipBericht: '2026-02-01T09:00:00.000Z' }),
      uitkering: async () => ({ record: null, tijdstipBericht: '2026-02-01T09:00:00.000Z' }),
    };
    const sources = { gws } as unknown as SyncSources;
    // `ids` keys household ids for the BRP copy; no kennisgeving job touches it.
    const deps = { db, sources, retention: new RetentionEngine(), ids: {} as SyncDeps['ids'], now: () => new Date('2026-02-01T10:00:00Z') };
    // Not started yet: each test starts the workers when it wants the job to run.
    service = new SyncService({ connection, prefix, deps, attempts: 1, backoffMs: 10 });
    queue = new Queue(QUEUES.kennisgevingen, { connection, prefix });
  });
  afterEach(async () => {
    await service?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  async function settled(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const c = await queue!.getJobCounts('waiting', 'active', 'delayed');
      if (c.waiting + c.active + c.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('queue did not settle');
  }

  it('queues ids only, reads the record from GWS, and removes the completed job at once', async () => {
    await service!.enqueueKennisgeving(kennisgeving);
    const [waiting] = await queue!.getJobs(['waiting']);
    expect(waiting?.data).toEqual({ entiteittype: 'WVZ', sleutel: 'WVZ-1', soort: 'W', referentienummer: 'ref:with:colons', tijdstipBericht: '20260201100000000' });
    expect((await dump(redis, prefix)).join('\n')).not.toContain(BSN);
    await service!.start();
    await settled();
    expect(await queue!.getJobCounts('completed', 'failed')).toEqual({ completed: 0, failed: 0 });
    const rows = await db.query<{ bsn: string }>("SELECT bsn FROM dossier_record WHERE record_type = 'WMO_VOORZIENING' AND id = 'WVZ-1'");
    expect(rows).toEqual([{ bsn: BSN }]);
    const text = (await dump(redis, prefix)).join('\n');
    expect(text).not.toContain(BSN);
    expect(text).not.toContain(OTHER_BSN);
    expect(text).not.toContain('Begeleiding thuis');
  });

  it('keeps a failed job with ids and a reason of our own, never the error text that quoted data, and a bounded number of them', async () => {
    lookup = async () => {
      // As a database or driver error can: quoting the value it choked on.
      throw Object.assign(new Error(`invalid input syntax: "${BSN}"`), { code: '22P02' });
    };
    await service!.start();
    await service!.enqueueKennisgeving(kennisgeving);
    await settled();
    const [failed] = await queue!.getFailed();
    expect(failed).toBeDefined();
    expect(Object.keys(failed.data).sort()).toEqual(['entiteittype', 'referentienummer', 'sleutel', 'soort', 'tijdstipBericht']);
    expect(failed.failedReason).toBe('Error (22P02) in a sync job; details withheld, they may quote data');
    expect((failed.stacktrace ?? []).join('\n')).not.toContain(BSN);
    expect(failed.opts.removeOnFail).toEqual({ count: 1000 });
    expect(failed.opts.removeOnComplete).toBe(true);
    const text = (await dump(redis, prefix)).join('\n');
    expect(text).not.toContain(BSN);
    expect(text).not.toContain(OTHER_BSN);
  });

  it('keeps the message of an adapter error, which promises no personal data', async () => {
    lookup = async () => {
      throw Object.assign(new Error('GWS: expected HTTP 200, got HTTP 503 after 4 attempts'), { name: 'SourceError', code: 'SOURCE_UNAVAILABLE', source: 'GWS' });
    };
    await service!.start();
    await service!.enqueueKennisgeving(kennisgeving);
    await settled();
    const [failed] = await queue!.getFailed();
    expect(failed.failedReason).toBe('[GWS SOURCE_UNAVAILABLE] GWS: expected HTTP 200, got HTTP 503 after 4 attempts');
  });
});
