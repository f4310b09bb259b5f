import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditLog, AuditSigner, devSigningKey, ldvRoutes, parseSigningKey, parseTrustedKeys } from '../audit';
import { createBrpClient } from '../adapters/brp';
import { startBrpSimulator } from '../adapters/brp/simulator';
import { createGwsClient, type StufSysteem } from '../adapters/gws';
import { startGwsSimulator, type KennisgevingAuth } from '../adapters/gws/simulator';
import { createJeugdFeedClient } from '../adapters/jeugd';
import { startJeugdSimulator } from '../adapters/jeugd/simulator';
import { listExports, readExport } from '../adapters/las';
import { createLasSimulator } from '../adapters/las/simulator';
import { join } from 'node:path';
import { createTokenVerifier, issueDevToken } from '../gateway/auth';
import { startGateway, type RunningGateway } from '../gateway';
import { parseRateLimits, parseSubgraphUrls, staleAfterMs, type Config } from '../lib/config';
import { DEFAULT_EDGE_LIMITS, type EdgeLimits } from '../gateway/edge';
import type { Db } from '../lib/db';
import { devIdKey, OpaqueIds } from '../lib/opaque';
import type { Municipality } from '../municipality/types';
import { InternalContextSigner, loadOrganisations, loadRules, Policy, type OrganisationRegister, type Role, type Rules } from '../policy';
import { PersonDirectory, syncHealth } from '../read-model';
import { redisReachable } from './redis';
import { SUBGRAPHS } from '../subgraphs';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/server';
import { DossierReads } from '../subgraphs/common/dossier';
import type { KennisgevingCredential } from '../sync/kennisgeving-endpoint';
import type { BrpSource, SyncSources } from '../sync/sources';
import { silentLogger, type Logger } from '../lib/log';

/**
 * The hub's parts, each startable alone (scripts/part.ts, one per container) or together
 * (hub/index.ts, `npm start`). Ports: the gateway on PORT; subgraph i on SUBGRAPH_BASE_PORT + i;
 * the stand-ins on SUBGRAPH_BASE_PORT + 80 and up. `randomPorts` lets tests run side by side.
 */

export interface StandIns {
  brp?: Awaited<ReturnType<typeof startBrpSimulator>>;
  gws?: Awaited<ReturnType<typeof startGwsSimulator>>;
  jeugd?: Awaited<ReturnType<typeof startJeugdSimulator>>;
  las?: ReturnType<typeof createLasSimulator> & { exportDir: string };
}

const STANDIN_PORT_OFFSET = { brp: 80, gws: 81, jeugd: 82 } as const;

/** Our StUF identity and GWS's, from config; the stand-in is given the same, so both ends agree. */
export function stufParties(config: Config): { hub: StufSysteem; gws: StufSysteem } {
  return {
    hub: { organisatie: config.STUF_ORGANISATIE, applicatie: config.STUF_APPLICATIE },
    gws: { organisatie: config.STUF_ORGANISATIE, applicatie: config.GWS_STUF_APPLICATIE, administratie: config.GWS_STUF_ADMINISTRATIE },
  };
}

/**
 * The kennisgeving endpoint's credential, from config: mutual TLS (STUF_TLS_*, files read here),
 * the shared key STUF_KENNISGEVING_KEY, or both. With neither (loadConfig allows that only in
 * development mode) a random key for this start, which only the built-in GWS stand-in learns.
 * `standIn` is what that stand-in presents: the key (it has no client certificate).
 */
export function kennisgevingCredential(config: Config): { credential: KennisgevingCredential; standIn: KennisgevingAuth; generated: boolean } {
  const tls = config.STUF_TLS_CERT && config.STUF_TLS_KEY && config.STUF_TLS_CA
    ? { cert: readFileSync(config.STUF_TLS_CERT), key: readFileSync(config.STUF_TLS_KEY), ca: readFileSync(config.STUF_TLS_CA) }
    : undefined;
  const key = config.STUF_KENNISGEVING_KEY ?? (tls ? undefined : randomBytes(32).toString('base64url'));
  return { credential: { ...(tls ? { tls } : {}), ...(key ? { key } : {}) }, standIn: key ? { bearerKey: key } : {}, generated: !tls && !config.STUF_KENNISGEVING_KEY };
}

/**
 * Starts a stand-in for every back office whose URL is not configured, with its first data in
 * place. `kennisgevingAuth` is what the GWS stand-in presents when it pushes (default: the
 * configured STUF_KENNISGEVING_KEY).
 */
export async function startStandIns(config: Config, municipality: Municipality, randomPorts = false, options: { kennisgevingAuth?: KennisgevingAuth } = {}): Promise<StandIns & { close(): Promise<void> }> {
  const port = (name: keyof typeof STANDIN_PORT_OFFSET) => (randomPorts ? 0 : config.SUBGRAPH_BASE_PORT + STANDIN_PORT_OFFSET[name]);
  const parties = stufParties(config);
  const started: StandIns = {};
  const close = async () => void (await Promise.all([started.brp?.close(), started.gws?.close(), started.jeugd?.close()]));
  try {
    // The synthetic BRP answers as of the world's reference date, so that ages and gezag in the
    // showcase stories are the same on every start, whatever today is.
    if (!config.BRP_API_URL) started.brp = await startBrpSimulator({ municipality, port: port('brp'), host: config.HOST, now: () => new Date(`${municipality.referenceDate}T12:00:00Z`) });
    if (!config.GWS_STUF_URL) {
      const kennisgevingAuth = options.kennisgevingAuth ?? (config.STUF_KENNISGEVING_KEY ? { bearerKey: config.STUF_KENNISGEVING_KEY } : {});
      started.gws = await startGwsSimulator({ municipality, port: port('gws'), host: config.HOST, systeem: parties.gws, afnemer: parties.hub, kennisgevingAuth });
    }
    if (!config.JEUGD_FEED_URL) started.jeugd = await startJeugdSimulator({ municipality, port: port('jeugd'), host: config.HOST });
    if (!config.LAS_EXPORT_DIR) {
      const exportDir = join(config.DATA_DIR, 'las-exports');
      started.las = { ...createLasSimulator({ municipality, exportDir }), exportDir };
      await started.las.exportNow();
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { ...started, close };
}

export function needsStandIns(config: Config): boolean {
  return !config.BRP_API_URL || !config.GWS_STUF_URL || !config.JEUGD_FEED_URL || !config.LAS_EXPORT_DIR;
}

/** The BRP adapter, pointed at the configured BRP or at its stand-in; undefined when neither is there. */
export function createBrpSource(config: Config, standIns: StandIns = {}): BrpSource | undefined {
  const url = config.BRP_API_URL ?? standIns.brp?.url;
  return url ? brpClient(config, url) : undefined;
}

/** The BRP client, with the configured breaker window (see createSources). */
function brpClient(config: Config, url: string) {
  return createBrpClient({ baseUrl: url, apiKey: config.BRP_API_KEY, breakerHalfOpenAfterMs: config.SOURCE_BREAKER_OPEN_MS });
}

/**
 * The adapters, pointed at the configured back offices or at the stand-ins. Every back office
 * reached over HTTP (BRP, GWS, the Jeugd feed) gets the same open-circuit window, so
 * SOURCE_BREAKER_OPEN_MS means one thing and sync retries outlast it for each alike. LAS gets no
 * breaker: its export folder is read from disk, which fails at once when it fails at all, on a
 * schedule rather than on demand, so there is no slow service to shield or to spare.
 */
export function createSources(config: Config, standIns: StandIns = {}): SyncSources {
  const brpUrl = config.BRP_API_URL ?? standIns.brp?.url;
  const gwsUrl = config.GWS_STUF_URL ?? standIns.gws?.url;
  const jeugdUrl = config.JEUGD_FEED_URL ?? standIns.jeugd?.url;
  const lasDir = config.LAS_EXPORT_DIR ?? standIns.las?.exportDir;
  if (!brpUrl || !gwsUrl || !jeugdUrl || !lasDir) throw new Error('a back office has neither a configured address nor a running stand-in');
  const parties = stufParties(config);
  const jeugd = createJeugdFeedClient({ url: jeugdUrl, breakerHalfOpenAfterMs: config.SOURCE_BREAKER_OPEN_MS });
  return {
    brp: brpClient(config, brpUrl),
    gws: createGwsClient({ url: gwsUrl, zender: parties.hub, ontvanger: parties.gws, circuitBreaker: { halfOpenAfterMs: config.SOURCE_BREAKER_OPEN_MS } }),
    jeugd: { lees: (cursor, aantal) => jeugd.lees(cursor, aantal) },
    las: { listExports: () => listExports(lasDir), readExport: (id) => readExport(lasDir, id) },
  };
}

export interface PolicyParts {
  rules: Rules;
  organisations: OrganisationRegister;
  signer: InternalContextSigner;
  /** This process's audit log: every subgraph records into it, the gateway records each request. */
  audit: AuditLog;
  /** What "now" is for policy and sync. */
  clock: () => Date;
  /** Household ids and cursors, keyed (the same key in sync and in the subgraphs). */
  ids: OpaqueIds;
}

/** The policy parts of one process, from config: rules, the organisation register, the context signer, the audit log. */
export function createPolicyParts(config: Config, db: Db, options: { clock?: () => Date; internalContextKey?: string; logger?: Logger } = {}): PolicyParts {
  return {
    rules: loadRules(),
    organisations: config.ORGANISATION_REGISTER ? loadOrganisations(config.ORGANISATION_REGISTER) : loadOrganisations(),
    signer: new InternalContextSigner(options.internalContextKey ?? config.INTERNAL_CONTEXT_KEY ?? randomBytes(32).toString('hex')),
    audit: createAuditLog(config, db, (options.logger ?? silentLogger).child({ component: 'audit' })),
    clock: options.clock ?? (() => new Date()),
    ids: new OpaqueIds(config.ID_KEY ?? devIdKey(config.DATA_DIR)),
  };
}

/** The process's audit log, signing heads with the configured key or the development key under DATA_DIR. */
function createAuditLog(config: Config, db: Db, logger: Logger): AuditLog {
  const signer = config.AUDIT_SIGNING_KEY ? new AuditSigner(parseSigningKey(config.AUDIT_SIGNING_KEY), config.AUDIT_SIGNING_KEY_ID) : devSigningKey(config.DATA_DIR);
  return new AuditLog({ db, signer, trustedKeys: parseTrustedKeys(config.AUDIT_TRUSTED_KEYS), signIntervalMs: config.AUDIT_SIGN_INTERVAL_MS, logger });
}

/**
 * Starts the named subgraphs (all by default), each on its own HTTP server, sharing one policy
 * (one consent memo) per process. `brp` is the BRP adapter, for persons outside the hub's copy.
 */
export async function startSubgraphs(
  config: Config,
  db: Db,
  parts: PolicyParts,
  options: { names?: string[]; randomPorts?: boolean; port?: number; brp?: BrpSource; logger?: Logger } = {},
): Promise<RunningSubgraph[]> {
  const persons = new PersonDirectory(db, options.brp, parts.clock);
  const policy = new Policy({ db, persons, rules: parts.rules, organisations: parts.organisations, clock: parts.clock });
  const deps = { db, persons, policy, audit: parts.audit, ids: parts.ids, staleAfterMs: staleAfterMs(config), dossierReads: new DossierReads(db) };
  const running: RunningSubgraph[] = [];
  try {
    for (const [i, s] of SUBGRAPHS.entries()) {
      if (options.names && !options.names.includes(s.name)) continue;
      const port = options.randomPorts ? 0 : (options.port ?? config.SUBGRAPH_BASE_PORT + i);
      // Every subgraph writes its audit records before it answers (fail closed).
      const logger = (options.logger ?? silentLogger).child({ component: 'subgraph', subgraph: s.name });
      running.push(await startSubgraph(s.create(deps), { signer: parts.signer, policy, recorderFor: parts.audit.recorderFor(s.name), port, host: config.HOST, logger }));
    }
  } catch (err) {
    await Promise.all(running.map((r) => r.close()));
    throw err;
  }
  return running;
}

/** Where the gateway finds each subgraph: SUBGRAPH_URLS, else the one-process defaults. */
export function subgraphUrls(config: Config, running: RunningSubgraph[] = []): Record<string, string> {
  const fromRunning = Object.fromEntries(running.map((s) => [s.name, s.url]));
  const defaults = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, `http://${config.HOST}:${config.SUBGRAPH_BASE_PORT + i}/graphql`]));
  return { ...defaults, ...parseSubgraphUrls(config.SUBGRAPH_URLS), ...fromRunning };
}

export async function startGatewayPart(
  config: Config,
  db: Db,
  policy: PolicyParts,
  options: { urls: Record<string, string>; firstSyncDone: () => boolean; randomPorts?: boolean; redisUrl?: string; logger?: Logger; subgraphs?: RunningSubgraph[] },
): Promise<RunningGateway> {
  const logger = (options.logger ?? silentLogger).child({ component: 'gateway' });
  return startGateway({
    logger,
    supergraphSdl: readFileSync(resolve(__dirname, '..', 'gateway', 'supergraph.graphql'), 'utf8'),
    apiSchemaSdl: readFileSync(resolve(__dirname, '..', 'gateway', 'api-schema.graphql'), 'utf8'),
    limits: edgeLimits(config),
    // Introspection as Apollo has it by default, stated here so the policy is one line to read:
    // answered unless NODE_ENV=production (EXPLORER_ENABLED does not change it; the explorer then
    // falls back to the schema it was built with).
    introspection: !config.production,
    web: {
      explorer: config.devAuth || config.EXPLORER_ENABLED === 'true',
      consoleAuth: config.devAuth
        ? { auth: 'dev' }
        : config.CONSOLE_OIDC_CLIENT_ID
          ? { auth: 'oidc', issuer: config.AUTH_ISSUER!, clientId: config.CONSOLE_OIDC_CLIENT_ID, audience: config.AUTH_AUDIENCE! }
          : { auth: 'none' },
      ...(config.devAuth ? { devTokens: (claims: { role: Role; org?: string; sub?: string }) => issueDevToken(config.DATA_DIR, claims) } : {}),
      corsOrigins: config.CORS_ORIGINS?.split(',') ?? [],
    },
    subgraphUrls: options.urls,
    // The subgraphs of this process, by a call unless SUBGRAPH_TRANSPORT=http.
    ...(config.SUBGRAPH_TRANSPORT === 'in-process' && options.subgraphs?.length ? { inProcessSubgraphs: Object.fromEntries(options.subgraphs.map((s) => [s.name, s.inProcess])) } : {}),
    verifyToken: await createTokenVerifier(
      config.devAuth
        ? { mode: 'dev', dataDir: config.DATA_DIR, maxTokenLifetimeS: config.AUTH_MAX_TOKEN_LIFETIME_S }
        : { mode: 'oidc', issuer: config.AUTH_ISSUER!, jwksUrl: config.AUTH_JWKS_URL!, audience: config.AUTH_AUDIENCE!, maxTokenLifetimeS: config.AUTH_MAX_TOKEN_LIFETIME_S },
    ),
    rules: policy.rules,
    organisations: policy.organisations,
    signer: policy.signer,
    recordRequest: (request, status) => policy.audit.recordRequest(request, status),
    routes: ldvRoutes({ db, audit: policy.audit, rules: policy.rules, registerBaseUri: config.LDV_REGISTER_BASE_URI, logger }),
    port: options.randomPorts ? 0 : config.PORT,
    host: config.HOST,
    ...(config.METRICS_PORT !== undefined ? { metrics: { port: options.randomPorts ? 0 : config.METRICS_PORT, host: config.METRICS_HOST, token: config.METRICS_TOKEN } } : {}),
    readiness: () => readiness(config, db, options.redisUrl ?? config.REDIS_URL, options.firstSyncDone, policy.clock),
  });
}

/** The gateway edge's limits from config (RATE_LIMITS names only known roles: loadConfig checked). */
export function edgeLimits(config: Config): EdgeLimits {
  const rateLimits = { ...DEFAULT_EDGE_LIMITS.rateLimits, perRole: { ...DEFAULT_EDGE_LIMITS.rateLimits.perRole }, windowMs: config.RATE_LIMIT_WINDOW_MS };
  for (const [name, n] of Object.entries(parseRateLimits(config.RATE_LIMITS))) {
    if (name === 'default' || name === 'anonymous') rateLimits[name] = n;
    else rateLimits.perRole[name] = n;
  }
  return {
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    rateLimits,
    shed: { maxInFlight: config.SHED_MAX_IN_FLIGHT, maxEventLoopDelayMs: config.SHED_MAX_EVENT_LOOP_DELAY_MS, retryAfterS: config.SHED_RETRY_AFTER_S },
  };
}

/** Each source's sync health in /readyz: times, a code and a lag, never a message. */
export interface SourceHealth {
  /**
   * When a sync job last reached the source and committed what it found: sync_state's
   * last_reached_at, the same time answers give as `bronBereiktOp`.
   */
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
  /** Milliseconds since the last success, by the hub's clock (the one the sync stamps it with); null before the first. */
  lagMs: number | null;
}

/**
 * /readyz, from what every process can see (the gateway may run apart from sync): Postgres and
 * Redis answer now, the first full sync is done, and the periodic readers (Jeugd poll, LAS
 * import) succeeded within SYNC_STALE_AFTER_INTERVALS of their interval.
 */
async function readiness(config: Config, db: Db, redisUrl: string, firstSyncDone: () => boolean, clock: () => Date) {
  const sources = ['BRP', 'GWS', 'JEUGD', 'LAS'] as const;
  const [database, redis] = await Promise.all([
    db.query('SELECT 1').then(() => true, () => false),
    redisReachable(redisUrl, 1000),
  ]);
  const checks: Record<string, boolean> = { composed: true, database, redis, firstSyncDone: firstSyncDone() };
  const health: Record<string, SourceHealth> = {};
  if (database) {
    const rows = await syncHealth(db);
    for (const s of sources) checks[`${s.toLowerCase()}Synced`] = !!rows.find((r) => r.source === s)?.lastFullSyncAt;
    const now = clock().getTime();
    for (const s of sources) {
      const row = rows.find((r) => r.source === s);
      const lastSuccessAt = row?.lastReachedAt ?? null;
      health[s] = { lastSuccessAt, lastErrorAt: row?.lastErrorAt ?? null, lastErrorCode: row?.lastErrorCode ?? null, lagMs: lastSuccessAt ? Math.max(0, now - Date.parse(lastSuccessAt)) : null };
    }
    // Only once the first sync is done: before it, that check is the one that fails.
    if (checks.firstSyncDone) {
      const within = (s: 'JEUGD' | 'LAS', intervalMs: number) => health[s].lagMs !== null && health[s].lagMs! <= intervalMs * config.SYNC_STALE_AFTER_INTERVALS;
      checks.jeugdCurrent = within('JEUGD', config.JEUGD_POLL_MS);
      checks.lasCurrent = within('LAS', config.LAS_IMPORT_MS);
    }
  }
  return { ready: Object.values(checks).every(Boolean), checks, sources: health };
}
