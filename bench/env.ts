import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import IORedis from 'ioredis';
import { scratchSchema, type Db } from '../lib/db';

/** The Postgres and Redis the bench runs against: the machine's, as for the tests. */
const BENCH_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** One key for the household ids that A's sync stores and B's plain subgraphs compute again over the same read models. */
export const BENCH_ID_KEY = 'bench-only household id key, not a secret';
/** The shared key the bench's GWS stand-in presents when it pushes kennisgevingen to A (both processes get it). */
export const BENCH_KENNISGEVING_KEY = 'bench-only-kennisgeving-key-not-a-secret';
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface BenchDatabase {
  /** Connection string whose search_path is the bench's own schema. */
  url: string;
  schema: string;
  /** A small pool for the orchestrator's own look-ups and seeding. */
  db: Db;
  drop(): Promise<void>;
}

/** A fresh schema of its own in the bench Postgres; the hub migrates it on start. */
export async function benchDatabase(): Promise<BenchDatabase> {
  return scratchSchema(BENCH_DATABASE_URL, 'bench', 2);
}

/** Deletes every Redis key under a BullMQ prefix (SCAN, not KEYS, so Redis is never blocked). */
export async function dropRedisPrefix(prefix: string): Promise<number> {
  const redis = new IORedis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    let cursor = '0';
    // Bounded: a prefix holds at most a few thousand keys; 10,000 pages is far beyond that.
    for (let page = 0; page < 10_000; page++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) removed += await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
  return removed;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free loopback ports. The hub in one-process mode puts subgraph i on
 * SUBGRAPH_BASE_PORT + i, so A needs a block rather than random ports.
 */
export async function freePortBlock(count: number, from = 21_000, to = 32_000): Promise<number> {
  for (let base = from + Math.floor(Math.random() * 100) * 50; base + count < to; base += count) {
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free ports between ${from} and ${to}`);
}
