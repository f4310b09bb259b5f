import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { scratchSchema, type Db } from '../../lib/db';
import { migrate } from '../../lib/migrate';

/** The real Postgres and Redis the tests use: CI's from .ci/run, else the machine's defaults. */
const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * A migrated database of one's own: a fresh schema in the test Postgres, reached through a
 * connection string that sets search_path, so test files running side by side never meet.
 */
export async function isolatedDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const scratch = await scratchSchema(TEST_DATABASE_URL, 't', 4);
  if (options.migrated !== false) await migrate(scratch.db);
  return scratch;
}

/** The first port of the kernel's ephemeral range (Linux; elsewhere the IANA range's start). */
const EPHEMERAL_FROM = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 49152;
  } catch {
    return 49152;
  }
})();

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/**
 * A base port for a hub started in another process, where ports follow from one base: the
 * subgraphs at base … base+8, the stand-ins at base+80 … base+82, and base+90, base+91 for the
 * gateway and the kennisgeving endpoint. Picked at random and checked free, since several hubs
 * (and CI runs) may share the machine.
 */
export async function freePortBlock(): Promise<{ base: number; gateway: number; kennisgeving: number }> {
  for (;;) {
    // Below the kernel's ephemeral range, which outgoing connections (to Postgres, Redis, the
    // parts themselves) take ports from: one of those could take a port between check and listen.
    const base = 10000 + Math.floor(Math.random() * (EPHEMERAL_FROM - 10000 - 100));
    const wanted = [...Array.from({ length: 9 }, (_, i) => base + i), base + 80, base + 81, base + 82, base + 90, base + 91];
    if ((await Promise.all(wanted.map(portFree))).every(Boolean)) return { base, gateway: base + 90, kennisgeving: base + 91 };
  }
}

/**
 * Sync settings for fault tests: polls, supervision, retries and the breaker window made small,
 * so that healing takes seconds rather than minutes (the retries still outlast the breaker).
 */
export const FAST_HEALING: Readonly<Record<string, string>> = {
  JEUGD_POLL_MS: '200',
  LAS_IMPORT_MS: '1000',
  SYNC_SUPERVISE_MS: '300',
  SYNC_RETRY_ATTEMPTS: '12',
  SYNC_RETRY_BASE_MS: '200',
  SYNC_RETRY_MAX_MS: '1000',
  SOURCE_BREAKER_OPEN_MS: '1500',
  SYNC_STALE_AFTER_INTERVALS: '10',
};
