import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBrpClient } from '../adapters/brp';
import { startBrpSimulator } from '../adapters/brp/simulator';
import { createGwsClient } from '../adapters/gws';
import { startGwsSimulator } from '../adapters/gws/simulator';
import { createTokenVerifier } from '../gateway/auth';
import { startGateway, type RunningGateway } from '../gateway';
import type { Config } from '../lib/config';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { generateMunicipality } from '../municipality';
import type { Municipality } from '../municipality/types';
import { InternalContextSigner } from '../policy/internal-context';
import { loadRules } from '../policy/rules';
import { createPolicySources } from '../policy/sources';
import { SUBGRAPHS } from '../subgraphs';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/server';
import { SyncService } from '../sync/service';
import { syncState } from '../sync/read-model';
import { ensureRedis, type PrivateRedis } from './redis';

/** What starting the hub needs beyond the validated config; tests set these. */
export interface HubOptions {
  config: Config;
  /** Redis key prefix for BullMQ; tests give each run its own. @defaultValue 'ontschot' */
  queuePrefix?: string;
  /** Use random free ports for subgraphs and stand-ins (tests). @defaultValue false */
  randomPorts?: boolean;
  /** Use this world instead of generating one (tests with a small municipality). */
  municipality?: Municipality;
  /** Progress lines without personal data. @defaultValue no output */
  log?: (line: string) => void;
}

export interface Hub {
  url: string;
  gateway: RunningGateway;
  db: Db;
  sync: SyncService;
  municipality: Municipality | null;
  /** The built-in stand-ins, when they are used (for tests and demos that change back-office data). */
  standIns: {
    brp?: Awaited<ReturnType<typeof startBrpSimulator>>;
    gws?: Awaited<ReturnType<typeof startGwsSimulator>>;
  };
  subgraphs: RunningSubgraph[];
  close(): Promise<void>;
}

const GWS_ZENDER = { organisatie: 'ontschot', applicatie: 'ONTSCHOT' };
const GWS_ONTVANGER = { organisatie: 'gemeente', applicatie: 'GWS' };

/**
 * Starts every part of the hub in this process: stand-ins for the back offices that are not
 * configured, read models, sync, subgraphs (each on its own HTTP port, so the federation is
 * real) and the gateway. Resolves once the first full sync is done.
 */
export async function startHub(options: HubOptions): Promise<Hub> {
  const { config } = options;
  const log = options.log ?? (() => undefined);
  const cleanup: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'pglite') });
    cleanup.push(() => db.close());
    await migrate(db);
    log(`database ready (${db.kind === 'pg' ? 'Postgres' : 'embedded PGlite'})`);

    const redis: PrivateRedis = await ensureRedis(config.REDIS_URL, config.redisExplicit, config.DATA_DIR);
    cleanup.push(() => redis.stop());

    const needWorld = !config.BRP_API_URL || !config.GWS_STUF_URL;
    const municipality = needWorld ? (options.municipality ?? generateMunicipality({ inhabitants: config.INHABITANTS })) : null;
    const standIns: Hub['standIns'] = {};
    const port = (n: number) => (options.randomPorts ? 0 : n);
    if (!config.BRP_API_URL) {
      standIns.brp = await startBrpSimulator({ municipality: municipality!, port: port(config.SUBGRAPH_BASE_PORT + 80), host: config.HOST });
      cleanup.push(() => standIns.brp!.close());
    }
    if (!config.GWS_STUF_URL) {
      standIns.gws = await startGwsSimulator({ municipality: municipality!, port: port(config.SUBGRAPH_BASE_PORT + 81), host: config.HOST });
      cleanup.push(() => standIns.gws!.close());
    }
    if (municipality) log(`stand-ins seeded with a synthetic municipality of ${municipality.inhabitants.length} inhabitants`);

    const brp = createBrpClient({ baseUrl: config.BRP_API_URL ?? standIns.brp!.url, apiKey: config.BRP_API_KEY });
    const gws = createGwsClient({ url: config.GWS_STUF_URL ?? standIns.gws!.url, zender: GWS_ZENDER, ontvanger: GWS_ONTVANGER });

    const sync = new SyncService({ connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: options.queuePrefix, deps: { db, sources: { brp, gws } } });
    cleanup.push(() => sync.close());
    await sync.start();

    const rules = loadRules();
    const signer = new InternalContextSigner(config.INTERNAL_CONTEXT_KEY ?? randomBytes(32).toString('hex'));
    const policySources = createPolicySources(db, rules);
    const subgraphs: RunningSubgraph[] = [];
    for (const [i, s] of SUBGRAPHS.entries()) {
      const running = await startSubgraph(s.create(db), { signer, policySources, port: port(config.SUBGRAPH_BASE_PORT + i), host: config.HOST });
      cleanup.push(() => running.close());
      subgraphs.push(running);
    }

    let firstSyncDone = false;
    const gateway = await startGateway({
      supergraphSdl: readFileSync(resolve(__dirname, '..', 'gateway', 'supergraph.graphql'), 'utf8'),
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      verifyToken: await createTokenVerifier(
        config.devAuth ? { mode: 'dev', dataDir: config.DATA_DIR } : { mode: 'oidc', issuer: config.AUTH_ISSUER!, jwksUrl: config.AUTH_JWKS_URL!, audience: config.AUTH_AUDIENCE! },
      ),
      rules,
      signer,
      port: options.randomPorts ? 0 : config.PORT,
      host: config.HOST,
      readiness: async () => {
        const [brpState, gwsState] = await Promise.all([syncState(db, 'BRP'), syncState(db, 'GWS')]);
        const checks = { composed: true, firstSyncDone, brpSynced: !!brpState?.lastFullSyncAt, gwsSynced: !!gwsState?.lastFullSyncAt };
        return { ready: Object.values(checks).every(Boolean), checks };
      },
    });
    cleanup.push(() => gateway.close());

    log('first full sync running…');
    const started = Date.now();
    await sync.runFullSync();
    firstSyncDone = true;
    log(`first full sync done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    return { url: gateway.url, gateway, db, sync, municipality, standIns, subgraphs, close };
  } catch (err) {
    await close();
    throw err;
  }
}
