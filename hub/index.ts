import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { RunningGateway } from '../gateway';
import type { Config } from '../lib/config';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { generateMunicipality } from '../municipality';
import type { Municipality } from '../municipality/types';
import type { RunningSubgraph } from '../subgraphs/common/server';
import { startKennisgevingEndpoint } from '../sync/kennisgeving-endpoint';
import { SyncService } from '../sync/service';
import { RetentionEngine } from '../retention';
import { createPolicyParts, createSources, kennisgevingCredential, needsStandIns, startGatewayPart, startStandIns, startSubgraphs, stufParties, subgraphUrls, type StandIns } from './parts';
import { ensureRedis } from './redis';

/** What starting the hub needs beyond the validated config; tests set these. */
export interface HubOptions {
  config: Config;
  /** Redis key prefix for BullMQ; tests give each run its own. @defaultValue 'ontschot' */
  queuePrefix?: string;
  /** Random free ports for subgraphs, stand-ins and gateway (tests). @defaultValue false */
  randomPorts?: boolean;
  /** Use this world instead of generating one (tests with a small municipality). */
  municipality?: Municipality;
  /** Progress lines, never with personal data. @defaultValue no output */
  log?: (line: string) => void;
  /**
   * What "now" is for the policy (archive terms, consent validity) and sync: tests move it to
   * see a term end. @defaultValue () => new Date()
   */
  clock?: () => Date;
}

export interface Hub {
  url: string;
  gateway: RunningGateway;
  db: Db;
  sync: SyncService;
  municipality: Municipality | null;
  /** The built-in stand-ins in use (tests and demos change back-office data through them). */
  standIns: StandIns;
  subgraphs: RunningSubgraph[];
  /** The StUF kennisgeving endpoint: where GWS pushes, and how many pushes it refused. */
  kennisgeving: { url: string; readonly refusals: Readonly<Record<string, number>> };
  close(): Promise<void>;
}

/**
 * Starts every part of the hub in this process — PGlite allows one process only — with each
 * subgraph still on its own HTTP port, so the federation is real. Resolves once the first full
 * sync is done; until then /readyz answers 503.
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { config, randomPorts = false } = options;
  const log = options.log ?? (() => undefined);
  if (config.devAuth) {
    log('*** DEVELOPMENT MODE: no AUTH_ISSUER configured, so tokens from `npm run token` are accepted for any role; never expose this hub (set AUTH_ISSUER, AUTH_JWKS_URL, AUTH_AUDIENCE, or NODE_ENV=production to refuse starting without them) ***');
  }
  // Everything this process writes under DATA_DIR (and the redis-server it may start) is the
  // user's own: PGlite's files, the stand-ins' exports, the development keys. The umask is set
  // before anything is written; the walk tightens a DATA_DIR an older version left readable.
  if (isMainThread) process.umask(0o077);
  makeDataDirPrivate(config.DATA_DIR);
  const cleanup: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup.length = 0;
  };
  try {
    const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'pglite') });
    cleanup.push(() => db.close());
    // PGlite sets the modes of the files it unpacks into a new database itself (0666), past the umask.
    if (db.kind === 'pglite') makeDataDirPrivate(config.DATA_DIR);
    await migrate(db);
    log(`database ready (${db.kind === 'pg' ? 'Postgres' : 'embedded PGlite'})`);

    const redis = await ensureRedis(config.REDIS_URL, config.redisExplicit, config.DATA_DIR);
    cleanup.push(() => redis.stop());
    if (redis.url !== config.REDIS_URL) log('no Redis at REDIS_URL: started a private redis-server');

    // Before the stand-ins: a development key made here must reach the GWS stand-in.
    const kennisgevingAuth = kennisgevingCredential(config);
    let municipality: Municipality | null = null;
    let standIns: StandIns = {};
    if (needsStandIns(config)) {
      municipality = options.municipality ?? generateMunicipality({ inhabitants: config.INHABITANTS });
      const running = await startStandIns(config, municipality, randomPorts, { kennisgevingAuth: kennisgevingAuth.standIn });
      cleanup.push(() => running.close());
      standIns = running;
      log(`stand-ins seeded with a synthetic municipality of ${municipality.inhabitants.length} inhabitants`);
    }

    const clock = options.clock ?? (() => new Date());
    const sources = createSources(config, standIns);
    // Closed after the subgraphs and the gateway (cleanup runs in reverse): the audit log signs the final heads.
    const policy = createPolicyParts(config, db, { clock });
    cleanup.push(() => policy.audit.close());
    const sync = new SyncService({ connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: options.queuePrefix ?? config.QUEUE_PREFIX, deps: { db, sources, retention: new RetentionEngine(), ids: policy.ids, now: clock } });
    cleanup.push(() => sync.close());
    await sync.start();
    const endpoint = await startKennisgevingEndpoint({
      ontvanger: stufParties(config).hub,
      zender: stufParties(config).gws,
      credential: kennisgevingAuth.credential,
      verwerk: (k) => sync.enqueueKennisgeving(k),
      port: randomPorts ? 0 : config.STUF_KENNISGEVING_PORT,
      host: config.HOST,
    });
    cleanup.push(() => endpoint.close());
    standIns.gws?.setKennisgevingUrl(endpoint.url);
    if (kennisgevingAuth.generated && !standIns.gws) log('no STUF_KENNISGEVING_KEY or STUF_TLS_* set: the GWS at GWS_STUF_URL cannot deliver kennisgevingen until one is (full syncs still run)');

    const subgraphs = await startSubgraphs(config, db, policy, { randomPorts, brp: sources.brp });
    cleanup.push(() => Promise.all(subgraphs.map((s) => s.close())));

    let firstSyncDone = false;
    const gateway = await startGatewayPart(config, db, policy, { urls: subgraphUrls(config, subgraphs), firstSyncDone: () => firstSyncDone, randomPorts });
    cleanup.push(() => gateway.close());

    log('first full sync running…');
    const started = Date.now();
    await sync.runFullSync();
    firstSyncDone = true;
    log(`first full sync done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await sync.schedule({ jeugdPollMs: config.JEUGD_POLL_MS, lasImportMs: config.LAS_IMPORT_MS });

    return { url: gateway.url, gateway, db, sync, municipality, standIns, subgraphs, kennisgeving: endpoint, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** DATA_DIR cannot be made private to the hub's user (a file in it belongs to someone else). */
export class DataDirError extends Error {
  readonly code = 'DATA_DIR_NOT_PRIVATE';
}

/**
 * Makes `dir` (created if missing) and everything in it private to this user: folders 0700,
 * files without any group or other permission. Symbolic links inside are not followed: what
 * they point at is not the hub's to change. A file that vanishes meanwhile (PGlite's temporary
 * files) is no problem.
 */
export function makeDataDirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tighten = (path: string, stat: Stats | undefined) => {
    if (!stat || stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) {
      try {
        chmodSync(path, stat.isDirectory() ? 0o700 : stat.mode & 0o700);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw new DataDirError(`DATA_DIR cannot be made private to this user: ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    if (stat.isDirectory()) for (const name of unlessRemoved(() => readdirSync(path)) ?? []) tighten(join(path, name), unlessRemoved(() => lstatSync(join(path, name))));
  };
  tighten(dir, statSync(dir));
}

/** `read()`, or undefined when what it reads was removed meanwhile. */
function unlessRemoved<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
