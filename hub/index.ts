import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { RunningGateway } from '../gateway';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db';
import { silentLogger, type Logger } from '../lib/log';
import { settledWithin } from '../lib/drain';
import { generateMunicipality } from '../municipality';
import type { Municipality } from '../municipality/types';
import type { RunningSubgraph } from '../subgraphs/common/server';
import { startKennisgevingEndpoint } from '../sync/kennisgeving-endpoint';
import { SyncService } from '../sync/service';
import { SyncSupervisor } from '../sync/supervisor';
import { RetentionEngine } from '../retention';
import { syncHealth } from '../read-model';
import { createPolicyParts, createSources, kennisgevingCredential, needsStandIns, startGatewayPart, startStandIns, startSubgraphs, stufParties, subgraphUrls, type StandIns } from './parts';
import { ensureRedis } from './redis';
import { addMetricsSource } from '../lib/metrics';
import { startTracing } from '../lib/tracing';
import { checkBackOffices, checkIdentityProvider, listenProblem, openDatabase, StartupError } from './startup';

/** What starting the hub needs beyond the validated config; tests set these. */
export interface HubOptions {
  config: Config;
  /** Redis key prefix for BullMQ; tests give each run its own. @defaultValue 'ontschot' */
  queuePrefix?: string;
  /** Random free ports for subgraphs, stand-ins and gateway (tests). @defaultValue false */
  randomPorts?: boolean;
  /** Use this world instead of generating one (tests with a small municipality). */
  municipality?: Municipality;
  /**
   * Where the hub and its parts log (each part as a child with its `component`), never with
   * personal data. @defaultValue no output
   */
  logger?: Logger;
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
  /**
   * The full sync of this start: true once it completed, false when it failed or the hub closed
   * first; never rejects. Already settled when startHub resolves on a new database; on a restart
   * with existing state it is the catch-up sync that runs behind the serving hub.
   */
  fullSync: Promise<boolean>;
  /**
   * Stops in order: no new connections; the requests in flight answered (for at most
   * SHUTDOWN_DRAIN_MS, then cut); running sync jobs finished (or, past the same time, left to be
   * taken up again after the restart); the audit log flushed and its heads signed; the pools closed.
   */
  close(): Promise<void>;
}

/**
 * Starts every part of the hub in this process — PGlite allows one process only — with each
 * subgraph still on its own HTTP port, so the federation is real. On a new database it resolves
 * once the first full sync is done (until then /readyz answers 503). With the state of an earlier
 * run (every source has had a full sync) it resolves as soon as everything listens: the read
 * models and cursors are already there, so it serves them and /readyz is ready from the start,
 * while a catch-up full sync runs behind (`fullSync`).
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { config, randomPorts = false } = options;
  const logger = options.logger ?? silentLogger;
  const hubLog = logger.child({ component: 'hub' });
  const log = (line: string) => hubLog.info(line);
  if (config.devAuth) {
    hubLog.warn('*** DEVELOPMENT MODE: no AUTH_ISSUER configured, so tokens from `npm run token` are accepted for any role; never expose this hub (set AUTH_ISSUER, AUTH_JWKS_URL, AUTH_AUDIENCE, or NODE_ENV=production to refuse starting without them) ***');
  }
  // Everything this process writes under DATA_DIR (and the redis-server it may start) is the
  // user's own: PGlite's files, the stand-ins' exports, the development keys. The umask is set
  // before anything is written; the walk tightens a DATA_DIR an older version left readable.
  if (isMainThread) process.umask(0o077);
  makeDataDirPrivate(config.DATA_DIR);
  const cleanup: Array<() => Promise<unknown>> = [];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup.length = 0;
  };
  try {
    // Before any part starts, so that each makes its spans; shut down last, flushing them.
    if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
      const tracing = await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
      cleanup.push(() => tracing.shutdown());
    }
    const db = await openDatabase(config);
    cleanup.push(() => db.close());
    // PGlite sets the modes of the files it unpacks into a new database itself (0666), past the umask.
    if (db.kind === 'pglite') makeDataDirPrivate(config.DATA_DIR);
    log(`database ready (${db.kind === 'pg' ? 'Postgres' : 'embedded PGlite'})`);

    // A restart: the read models and cursors of the last run are in the database and are served
    // as they are; the catch-up sync below brings them up to date behind the serving hub.
    const health = await syncHealth(db);
    const restart = (['BRP', 'GWS', 'JEUGD', 'LAS'] as const).every((source) => !!health.find((r) => r.source === source)?.lastFullSyncAt);

    const redis = await ensureRedis(config.REDIS_URL, config.redisExplicit, config.DATA_DIR, config.STARTUP_CHECK_TIMEOUT_MS);
    cleanup.push(() => redis.stop());
    if (redis.url !== config.REDIS_URL) log('no Redis at REDIS_URL: started a private redis-server');

    const idp = await checkIdentityProvider(config);
    if (idp) throw idp;
    // A back office that does not answer stops a first start at once, naming its setting (the
    // first full sync could not complete, and would only say so after its retries). On a restart
    // the hub has the last run's read models to serve, so it serves them and says which back
    // office it cannot reach; the catch-up sync and the supervisor keep trying (DESIGN.md, 15).
    const backOffices = checkBackOffices(config);
    if (!restart) {
      const [first, ...more] = await backOffices;
      if (first) throw more.length ? new StartupError(first.setting, `${first.message.slice(first.setting.length + 2)}; and ${more.map((e) => e.message).join('; ')}`) : first;
    } else {
      void backOffices.then((problems) => {
        for (const p of problems) hubLog.warn({ setting: p.setting }, `${p.message}: serving the read models of the last run until it answers`);
      });
    }

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
    const policy = createPolicyParts(config, db, { clock, logger });
    cleanup.push(() => policy.audit.close());
    const sync = new SyncService({ logger: logger.child({ component: 'sync' }), connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: options.queuePrefix ?? config.QUEUE_PREFIX, deps: { db, sources, retention: new RetentionEngine(), ids: policy.ids, now: clock }, attempts: config.SYNC_RETRY_ATTEMPTS, backoffMs: config.SYNC_RETRY_BASE_MS, maxBackoffMs: config.SYNC_RETRY_MAX_MS });
    // Workers finish their active jobs first; one still running after the drain time is left
    // behind: its lock in Redis lapses and BullMQ hands the stalled job to the next start's worker.
    cleanup.push(() =>
      settledWithin(sync.close(), config.SHUTDOWN_DRAIN_MS).then((done) => {
        if (!done) hubLog.warn('a sync job did not finish within SHUTDOWN_DRAIN_MS: released, it runs again after the restart');
      }),
    );
    await sync.start();
    // Read at scrape time: the audit backlog, sync_state as /readyz reads it, the queues' counts.
    cleanup.push(addMetricsSource({ auditBacklog: () => policy.audit.store.backlog, syncState: () => syncHealth(db), queueCounts: () => sync.jobCounts(), clock }));
    const endpoint = await startKennisgevingEndpoint({
      ontvanger: stufParties(config).hub,
      zender: stufParties(config).gws,
      credential: kennisgevingAuth.credential,
      verwerk: (k) => sync.enqueueKennisgeving(k),
      port: randomPorts ? 0 : config.STUF_KENNISGEVING_PORT,
      host: config.HOST,
      logger: logger.child({ component: 'kennisgeving' }),
    });
    cleanup.push(() => endpoint.close());
    standIns.gws?.setKennisgevingUrl(endpoint.url);
    if (kennisgevingAuth.generated && !standIns.gws) log('no STUF_KENNISGEVING_KEY or STUF_TLS_* set: the GWS at GWS_STUF_URL cannot deliver kennisgevingen until one is (full syncs still run)');

    const subgraphs = await startSubgraphs(config, db, policy, { randomPorts, brp: sources.brp, logger });
    cleanup.push(() => Promise.all(subgraphs.map((s) => s.close({ drainMs: config.SHUTDOWN_DRAIN_MS }))));

    let firstSyncDone = restart;
    const gateway = await startGatewayPart(config, db, policy, { urls: subgraphUrls(config, subgraphs), subgraphs, firstSyncDone: () => firstSyncDone, randomPorts, redisUrl: redis.url, logger });
    cleanup.push(() => gateway.close({ drainMs: config.SHUTDOWN_DRAIN_MS }));

    const what = restart ? 'catch-up full sync' : 'first full sync';
    log(restart ? 'read models and cursors of the last run loaded: serving them while a catch-up full sync runs…' : 'first full sync running…');
    const started = Date.now();
    const running = sync.runFullSync().then(() => {
      firstSyncDone = true;
      log(`${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    // The incremental jobs start after the full sync, as on a first start: a poll must not
    // write into a source while its full sync sweeps it.
    // From then on the supervisor keeps sync converging: it re-creates schedules Redis lost, runs
    // a full sync that is owed and re-queues failed change jobs (sync/supervisor.ts).
    const supervisor = new SyncSupervisor(sync, { intervalMs: config.SYNC_SUPERVISE_MS, logger: logger.child({ component: 'sync' }), onFullSync: () => (firstSyncDone = true) });
    cleanup.push(() => supervisor.stop());
    const schedule = () => (closing ? undefined : (supervisor.start(), sync.schedule({ jeugdPollMs: config.JEUGD_POLL_MS, lasImportMs: config.LAS_IMPORT_MS })));
    let fullSync: Promise<boolean>;
    if (!restart) {
      await running;
      await schedule();
      fullSync = Promise.resolve(true);
    } else {
      fullSync = running.then(
        async () => {
          await schedule();
          return true;
        },
        async () => {
          // Its error text stays out of the log (a job error is already reduced, a timeout is
          // not interesting); the hub goes on serving the last run's state.
          if (closing) return false;
          hubLog.warn(`${what} failed; serving the read models as they were, incremental jobs scheduled`);
          supervisor.oweFullSync();
          await schedule();
          return false;
        },
      ).catch(() => false);
    }

    return { url: gateway.url, gateway, db, sync, municipality, standIns, subgraphs, kennisgeving: endpoint, fullSync, close };
  } catch (err) {
    await close();
    throw listenProblem(err, config);
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
