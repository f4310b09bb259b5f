import { join } from 'node:path';
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
import { createPolicyParts, createSources, needsStandIns, startGatewayPart, startStandIns, startSubgraphs, stufParties, subgraphUrls, type StandIns } from './parts';
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
  const cleanup: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup.length = 0;
  };
  try {
    const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'pglite') });
    cleanup.push(() => db.close());
    await migrate(db);
    log(`database ready (${db.kind === 'pg' ? 'Postgres' : 'embedded PGlite'})`);

    const redis = await ensureRedis(config.REDIS_URL, config.redisExplicit, config.DATA_DIR);
    cleanup.push(() => redis.stop());
    if (redis.url !== config.REDIS_URL) log('no Redis at REDIS_URL: started a private redis-server');

    let municipality: Municipality | null = null;
    let standIns: StandIns = {};
    if (needsStandIns(config)) {
      municipality = options.municipality ?? generateMunicipality({ inhabitants: config.INHABITANTS });
      const running = await startStandIns(config, municipality, randomPorts);
      cleanup.push(() => running.close());
      standIns = running;
      log(`stand-ins seeded with a synthetic municipality of ${municipality.inhabitants.length} inhabitants`);
    }

    const clock = options.clock ?? (() => new Date());
    const sources = createSources(config, standIns);
    const sync = new SyncService({ connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: options.queuePrefix ?? config.QUEUE_PREFIX, deps: { db, sources, retention: new RetentionEngine(), now: clock } });
    cleanup.push(() => sync.close());
    await sync.start();
    const endpoint = await startKennisgevingEndpoint({
      ontvanger: stufParties(config).hub,
      verwerk: (k) => sync.enqueueKennisgeving(k),
      port: randomPorts ? 0 : config.STUF_KENNISGEVING_PORT,
      host: config.HOST,
    });
    cleanup.push(() => endpoint.close());
    standIns.gws?.setKennisgevingUrl(endpoint.url);

    // Closed after the subgraphs and the gateway (cleanup runs in reverse): it signs the final heads.
    const policy = createPolicyParts(config, db, { clock });
    cleanup.push(() => policy.audit.close());
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

    return { url: gateway.url, gateway, db, sync, municipality, standIns, subgraphs, close };
  } catch (err) {
    await close();
    throw err;
  }
}
