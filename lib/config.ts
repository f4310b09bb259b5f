import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isRole } from '../policy/types';
import { LOG_LEVELS } from './log';

/**
 * The one place that reads `process.env`. Everything else receives options.
 *
 * Each key documents its meaning and default; `loadConfig` validates all of them at start and
 * fails fast with one message listing every problem, so a misconfigured hub never half-starts.
 */

const url = z.string().url();
const port = z.coerce.number().int().min(0).max(65535);

/**
 * Staleness defaults: a polled source is asked every few seconds (Jeugd) or every minute (LAS),
 * so 15 minutes unreached means it is down; a source reached only by the daily full sync is
 * stale once a day's run has been missed (26 hours leaves the run two hours).
 */
export const DEFAULT_STALE_AFTER_MS = { polled: 15 * 60_000, full: 26 * 3_600_000 } as const;

const schema = z.object({
  /** Gateway port. */
  PORT: port.default(4000),
  /** Postgres URL for read models, consent and audit. Unset: embedded PGlite under DATA_DIR. */
  DATABASE_URL: url.optional(),
  /** Redis for BullMQ. */
  REDIS_URL: url.default('redis://127.0.0.1:6379'),
  /** Key prefix of the hub's queues in Redis: hubs sharing one Redis must each have their own. */
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'expected 1–40 of a–z 0–9 _ -').default('ontschot'),
  /**
   * `production` switches on the production rules (productionProblems below): no development
   * sign-in, and every secret configured rather than made up at start.
   */
  NODE_ENV: z.string().optional(),
  /** OIDC issuer whose tokens are accepted. Unset (with the two below): development mode, refused in production. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** Where the issuer publishes its signing keys (JWKS); in production https, unless on a loopback host. */
  AUTH_JWKS_URL: url.optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /**
   * Longest lifetime (s) of an accepted access token: exp − iat, or exp − now without iat. A
   * stolen token is worth at most this long; development tokens are issued for exactly this.
   */
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce.number().int().min(60).max(86400).default(3600),
  /** Base URL of a BRP API Personen v2; unset: the built-in stand-in. */
  BRP_API_URL: url.optional(),
  /** API key sent as X-API-KEY to the BRP API, if it wants one. */
  BRP_API_KEY: z.string().min(1).optional(),
  /** StUF endpoint of GWS; unset: the built-in stand-in. */
  GWS_STUF_URL: url.optional(),
  /** Base URL of the Jeugd/CJG iJw message feed; unset: the built-in stand-in. */
  JEUGD_FEED_URL: url.optional(),
  /** Folder the LAS writes its CSV exports to; unset: the built-in stand-in writes under DATA_DIR. */
  LAS_EXPORT_DIR: z.string().min(1).optional(),
  /** Where embedded state (PGlite, dev issuer key, LAS exports of the stand-in) lives. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Size of the synthetic municipality the stand-ins are seeded with. */
  INHABITANTS: z.coerce.number().int().min(20).max(90000).default(20000),
  /**
   * Secret (≥ 32 chars) keying the ids the API hands out (households) and sealing its paging
   * cursors. Unset: a development key kept under DATA_DIR. Parts run apart must share one.
   */
  ID_KEY: z.string().min(32).optional(),
  /** HMAC key (≥ 32 chars) for the gateway→subgraph internal context. Unset: random per start; required in production. */
  INTERNAL_CONTEXT_KEY: z.string().min(32).optional(),
  /**
   * Ed25519 private key signing the audit log's chain heads: PKCS#8 PEM (newlines may be written
   * as \n) or base64 DER. Unset: a development key kept under DATA_DIR; required in production.
   */
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** Key id written with every signed head. Unset: derived from the public key. */
  AUDIT_SIGNING_KEY_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected 1–100 characters of A–Z a–z 0–9 . _ : -').optional(),
  /** Earlier signing keys still trusted when verifying (after a rotation): `keyId=base64 SPKI DER,…`. */
  AUDIT_TRUSTED_KEYS: z.string().regex(/^[A-Za-z0-9._:-]+=[A-Za-z0-9+/=]+(,[A-Za-z0-9._:-]+=[A-Za-z0-9+/=]+)*$/, 'expected keyId=base64 pairs separated by commas').optional(),
  /** How often each audit log stream's head is signed (ms). */
  AUDIT_SIGN_INTERVAL_MS: z.coerce.number().int().min(100).default(10000),
  /**
   * Where the municipality publishes its register of processing activities: the LDV read API
   * (audit/ldv.ts) gives each log record's activity as this URI with the activity's id appended.
   * Unset: a URN that names the activity without pretending to be a page someone can open.
   */
  LDV_REGISTER_BASE_URI: z
    .string()
    .refine((v) => URL.canParse(v) && !/[\s?#]/.test(v) && /[/:]$/.test(v), 'expected an absolute URI ending in / or : without ? or #, e.g. https://www.gemeente.nl/verwerkingsregister/')
    .default('urn:ontschot:verwerkingsactiviteit:'),
  /** Port of the first subgraph; the others follow in a fixed order. */
  SUBGRAPH_BASE_PORT: port.default(4101),
  /** Where the gateway finds each subgraph when parts run apart: `brp=http://…/graphql,wmo=…`. */
  SUBGRAPH_URLS: z
    .string()
    .regex(/^[a-z-]+=[^,\s]+(,[a-z-]+=[^,\s]+)*$/, 'expected name=url pairs separated by commas')
    .optional(),
  /**
   * How the gateway reaches the subgraphs that run in its own process: `in-process`, by a call
   * (docs/DESIGN.md, decision 20), or `http`, over their ports as if they ran apart. Subgraphs in
   * other processes (SUBGRAPH_URLS) are always reached over HTTP.
   */
  SUBGRAPH_TRANSPORT: z.enum(['in-process', 'http']).default('in-process'),
  /** Host the hub's servers bind to. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the endpoint GWS pushes its StUF kennisgevingen (Lk01) to. */
  STUF_KENNISGEVING_PORT: port.default(4190),
  /**
   * Shared key (≥ 32 characters) GWS sends as `Authorization: Bearer <key>` with every
   * kennisgeving. Unset, and no STUF_TLS_* either: development mode makes a random key per start
   * and hands it to the built-in GWS stand-in; with AUTH_* set (production) one of the two is required.
   */
  STUF_KENNISGEVING_KEY: z.string().min(32).regex(/^[\x21-\x7e]+$/, 'expected printable characters without spaces (it travels as a bearer token)').optional(),
  /**
   * Mutual TLS for the kennisgeving endpoint, all three or none (PEM file paths): the endpoint's
   * server certificate and key, and the CA whose client certificates are accepted (in production
   * PKIoverheid). Set, the endpoint speaks https only and refuses a client without a valid certificate.
   */
  STUF_TLS_CERT: z.string().min(1).optional(),
  STUF_TLS_KEY: z.string().min(1).optional(),
  STUF_TLS_CA: z.string().min(1).optional(),
  /** For the stand-ins run apart (docker-compose): where the GWS stand-in pushes its kennisgevingen. */
  GWS_KENNISGEVING_URL: url.optional(),
  /** StUF identity: our organisation (the gemeente code) and applications on both ends. */
  STUF_ORGANISATIE: z.string().regex(/^[0-9]{4}$/, 'expected a four-digit gemeente code').default('9999'),
  STUF_APPLICATIE: z.string().min(1).default('ONTSCHOT'),
  GWS_STUF_APPLICATIE: z.string().min(1).default('GWS4all'),
  GWS_STUF_ADMINISTRATIE: z.string().min(1).default('SOCIAAL'),
  /** The organisation register (YAML, as policy/organisaties.yaml); unset: the shipped one. */
  ORGANISATION_REGISTER: z.string().min(1).optional(),
  /** How often the Jeugd feed is polled (ms). */
  JEUGD_POLL_MS: z.coerce.number().int().min(100).default(2000),
  /** How often the LAS export folder is checked for a new export (ms). */
  LAS_IMPORT_MS: z.coerce.number().int().min(1000).default(60000),
  /**
   * How long (ms) a polled source (the Jeugd feed, the LAS export folder, both asked every few
   * seconds to minutes) may go unreached before answers from it say `verouderd` and carry a
   * SOURCE_STALE warning. GWS and the BRP are reached only by the daily full sync (and GWS by
   * kennisgevingen), so they are judged against SYNC_STALE_AFTER_FULL_MS instead.
   */
  SYNC_STALE_AFTER_MS: z.coerce.number().int().min(1000).default(DEFAULT_STALE_AFTER_MS.polled),
  /** The same for the sources reached by the daily full sync only (GWS, BRP): a day and two hours. */
  SYNC_STALE_AFTER_FULL_MS: z.coerce.number().int().min(1000).default(DEFAULT_STALE_AFTER_MS.full),
  /**
   * On SIGTERM/SIGINT, how long (ms) the servers go on answering the requests in flight, and
   * running sync jobs get to finish, before what is left is cut (a cut sync job runs again after
   * the restart). At most 10 minutes: an orchestrator kills a process that takes longer anyway.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600000).default(10000),
  /**
   * A failed sync job is tried again this many times in all (first try included), with jittered
   * exponential backoff from SYNC_RETRY_BASE_MS up to SYNC_RETRY_MAX_MS per wait. The defaults
   * spread the retries over about 14 minutes (at least 11 with the jitter): longer than a back
   * office's restart, and far longer than the circuit breaker's open window.
   */
  SYNC_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  SYNC_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  SYNC_RETRY_MAX_MS: z.coerce.number().int().min(10).default(180000),
  /**
   * How long an adapter's open circuit breaker refuses calls before it lets one probe through
   * (ms): the same for every back office reached over HTTP (BRP, GWS, the Jeugd feed). The LAS
   * export folder is read from disk and has no breaker.
   */
  SOURCE_BREAKER_OPEN_MS: z.coerce.number().int().min(100).default(30000),
  /**
   * How often the sync supervisor checks its schedules (re-creating them after Redis lost them),
   * re-runs a full sync that failed and re-queues failed change jobs (ms).
   */
  SYNC_SUPERVISE_MS: z.coerce.number().int().min(100).default(10000),
  /**
   * /readyz answers 503 when the Jeugd poll or the LAS import has not succeeded for this many of
   * its intervals (JEUGD_POLL_MS, LAS_IMPORT_MS).
   */
  SYNC_STALE_AFTER_INTERVALS: z.coerce.number().int().min(2).max(1000).default(5),
  /** Largest request body the gateway reads (bytes); a larger one is refused with 413 PAYLOAD_TOO_LARGE before it is parsed. */
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(256 * 1024),
  /** The window of the per-caller rate limits (ms). */
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /**
   * Requests per window: `role=n` for a role (a caller with several roles gets the highest),
   * `default=n` for every other role, `anonymous=n` per client address for requests without a
   * valid token. Unnamed entries keep their defaults (default=1200, partner=300, anonymous=120).
   */
  RATE_LIMITS: z.string().regex(/^[a-z-]+=[0-9]{1,9}(,[a-z-]+=[0-9]{1,9})*$/, 'expected name=number pairs separated by commas').optional(),
  /** Load shedding: GraphQL requests in flight at once; one more is refused with 503 and Retry-After. */
  SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(16),
  /** Load shedding: mean event-loop delay (ms) past which new GraphQL requests are refused with 503; 0 switches the check off. */
  SHED_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /** Origins (scheme://host[:port], comma-separated) whose pages may call the API from the browser (CORS); unset: none. */
  CORS_ORIGINS: z.string().regex(/^https?:\/\/[^,\s/]+(,https?:\/\/[^,\s/]+)*$/, 'expected origins like https://app.example.nl separated by commas').optional(),
  /** Serve the API explorer at GET /graphql in production too (it is always on in development mode). */
  EXPLORER_ENABLED: z.enum(['true', 'false']).default('false'),
  /** OIDC client id of the privacy console (authorization code + PKCE against AUTH_ISSUER); unset in production: the console cannot sign in. */
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Retry-After (s) of a shed request. */
  SHED_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3600).default(1),
  /**
   * Port of the gateway's Prometheus listener (GET /metrics), apart from the public port so it is
   * no way in for callers and never shed or rate-limited. Unset: no listener (a fixed default
   * would collide between hubs on one machine; deployments set it, e.g. 9464).
   */
  METRICS_PORT: port.optional(),
  /** Address the metrics listener binds to; anything but a loopback address needs METRICS_TOKEN. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Bearer token a scrape of /metrics must send (Prometheus: `authorization: { credentials: … }`); unset: none asked. */
  METRICS_TOKEN: z.string().min(32).regex(/^[\x21-\x7e]+$/, 'expected printable characters without spaces (it travels as a bearer token)').optional(),
  /** OTLP/HTTP base URL traces are exported to (`<url>/v1/traces`, JSON); unset: no traces, and nothing of OpenTelemetry is loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url.regex(/^https?:\/\//, 'expected an http or https URL, e.g. http://otel-collector:4318').optional(),
  /** service.name of the exported spans. */
  OTEL_SERVICE_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1–64 characters of A–Z a–z 0–9 . _ -').default('ontschot'),
  /**
   * Least severe level written to the log (JSON lines on stdout, lib/log.ts). `debug` adds a line
   * per sync job and per subgraph request, and a failed start's stack trace; no level adds
   * personal data.
   */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * How long start-up waits for each of Postgres (DATABASE_URL), Redis (REDIS_URL), the
   * identity provider's keys (AUTH_JWKS_URL) and every configured back office to answer before it
   * stops with a message naming the setting (ms). The back offices are asked at once, so a start
   * that fails does so within about three times this.
   */
  STARTUP_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
});

/**
 * The waits between a sync job's attempts without jitter: exponential from `baseMs`, at most
 * `maxMs` each, one fewer than `attempts`. The jitter (sync/service.ts) spreads each by ±20 %.
 */
/** Per source, how long it may go unreached before it counts as stale (ms): from the config. */
export function staleAfterMs(config: Pick<Config, 'SYNC_STALE_AFTER_MS' | 'SYNC_STALE_AFTER_FULL_MS'>): Record<'BRP' | 'GWS' | 'JEUGD' | 'LAS', number> {
  return { JEUGD: config.SYNC_STALE_AFTER_MS, LAS: config.SYNC_STALE_AFTER_MS, GWS: config.SYNC_STALE_AFTER_FULL_MS, BRP: config.SYNC_STALE_AFTER_FULL_MS };
}

export function syncRetryDelays(attempts: number, baseMs: number, maxMs: number): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => Math.min(maxMs, baseMs * 2 ** i));
}

export type Config = z.infer<typeof schema> & {
  /** True when no OIDC issuer is configured: tokens come from the local dev issuer. Never in production. */
  devAuth: boolean;
  /** True when NODE_ENV=production: the production rules held at start. */
  production: boolean;
  /** True when REDIS_URL was set: then the hub never starts a private redis-server. */
  redisExplicit: boolean;
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** `SUBGRAPH_URLS` as a map, or undefined when unset. */
export function parseSubgraphUrls(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  return Object.fromEntries(value.split(',').map((pair) => pair.split('=', 2) as [string, string]));
}

/** `RATE_LIMITS` as a map of name → requests per window ({} when unset). */
export function parseRateLimits(value: string | undefined): Record<string, number> {
  return Object.fromEntries((value ? value.split(',') : []).map((pair) => pair.split('=', 2)).map(([name, n]) => [name, Number(n)]));
}

/** Loopback hosts, where plain http cannot be read or altered on the way. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why `value` is too weak to be a shared secret, or null. Length alone lets `x` × 32 or a
 * placeholder through; these catch what is trivially weak yet keep random keys of 32 characters
 * or more (hex, base64) passing: at least 8 different characters, no shorter piece repeated,
 * and 80 bits or more when judged by its character frequencies. (Asking for 16 different
 * characters would refuse a quarter of the keys `openssl rand -hex 32` makes: hex has only 16.)
 */
export function secretWeakness(value: string): string | null {
  const expected = 'expected a random secret, e.g. from `openssl rand -base64 32`';
  if (value.length < 32) return `too short: ${expected} (at least 32 characters)`;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  if (counts.size < 8) return `too weak: ${expected} (at least 8 different characters)`;
  if (shortestPeriod(value) <= value.length / 2) return `too weak: ${expected} (not one piece repeated)`;
  const n = [...counts.values()].reduce((sum, c) => sum + c, 0);
  const bits = [...counts.values()].reduce((sum, c) => sum - c * Math.log2(c / n), 0);
  if (bits < 80) return `too weak: ${expected} (its characters too unevenly spread)`;
  if (/change-?me|placeholder|example/i.test(value)) return `too weak: ${expected}, not a placeholder`;
  return null;
}

/** The length of the shortest piece `value` repeats (`abcabca`: 3), by the KMP prefix function: linear in its length. */
function shortestPeriod(value: string): number {
  const border = new Array<number>(value.length).fill(0);
  for (let i = 1, k = 0; i < value.length; i++) {
    while (k > 0 && value[i] !== value[k]) k = border[k - 1];
    if (value[i] === value[k]) k++;
    border[i] = k;
  }
  return value.length - (border[value.length - 1] ?? 0);
}

/**
 * What stops a production start, from the raw values (so the message lists these together with
 * any format problem): development sign-in is never on in production, and no secret may be one
 * made up per start (random keys the other parts cannot share, a development key on disk).
 */
function productionProblems(values: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const key of ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE'] as const) {
    if (values[key] === undefined) problems.push(`${key}: required when NODE_ENV=production (development sign-in is refused there)`);
  }
  const jwks = values.AUTH_JWKS_URL !== undefined && URL.canParse(values.AUTH_JWKS_URL) ? new URL(values.AUTH_JWKS_URL) : null;
  if (jwks && jwks.protocol !== 'https:' && !isLoopbackHost(jwks.hostname)) {
    problems.push('AUTH_JWKS_URL: expected an https URL when NODE_ENV=production (plain http only on a loopback host)');
  }
  // The secrets that key what the hub signs and hands out: required, and not guessable.
  for (const key of ['INTERNAL_CONTEXT_KEY', 'ID_KEY'] as const) {
    const value = values[key];
    if (value === undefined) problems.push(`${key}: required when NODE_ENV=production`);
    else {
      // Shorter than 32 is already the schema's problem; one line per problem.
      const weakness = value.length >= 32 ? secretWeakness(value) : null;
      if (weakness) problems.push(`${key}: ${weakness}`);
    }
  }
  if (values.AUDIT_SIGNING_KEY === undefined) problems.push('AUDIT_SIGNING_KEY: required when NODE_ENV=production (the development key under DATA_DIR is not for production)');
  return problems;
}

/** Validates the environment once. Throws ConfigError naming each bad key (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty string counts as unset, for every key: `AUTH_ISSUER=` in an env file is no issuer.
  const relevant: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const production = relevant.NODE_ENV === 'production';
  const parsed = schema.safeParse(relevant);
  const productionIssues = production ? productionProblems(relevant) : [];
  if (!parsed.success || productionIssues.length > 0) {
    const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)), ...productionIssues];
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const auth = [parsed.data.AUTH_ISSUER, parsed.data.AUTH_JWKS_URL, parsed.data.AUTH_AUDIENCE];
  const given = auth.filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new ConfigError('invalid configuration:\n  AUTH_ISSUER, AUTH_JWKS_URL and AUTH_AUDIENCE go together: set all three or none');
  }
  const tls = [parsed.data.STUF_TLS_CERT, parsed.data.STUF_TLS_KEY, parsed.data.STUF_TLS_CA];
  const tlsGiven = tls.filter((v) => v !== undefined).length;
  if (tlsGiven !== 0 && tlsGiven !== 3) {
    throw new ConfigError('invalid configuration:\n  STUF_TLS_CERT, STUF_TLS_KEY and STUF_TLS_CA go together: set all three or none');
  }
  const unreadable = (['STUF_TLS_CERT', 'STUF_TLS_KEY', 'STUF_TLS_CA'] as const).filter((key) => parsed.data[key] !== undefined && !existsSync(parsed.data[key]!));
  if (unreadable.length) throw new ConfigError(`invalid configuration:\n  ${unreadable.map((key) => `${key}: expected the path of a PEM file, got a path where there is none`).join('\n  ')}`);
  // Outside development mode the kennisgeving endpoint must never fall back to a key nobody knows
  // (GWS could not deliver) or to none at all (anyone could).
  if (given === 3 && tlsGiven === 0 && parsed.data.STUF_KENNISGEVING_KEY === undefined) {
    throw new ConfigError('invalid configuration:\n  STUF_KENNISGEVING_KEY or STUF_TLS_CERT/STUF_TLS_KEY/STUF_TLS_CA: with AUTH_* set the StUF kennisgeving endpoint needs a credential');
  }
  // Retries that end inside the breaker's open window all fail at once with "circuit open": the
  // schedule must outlast it, even with the shortest jitter.
  const d = parsed.data;
  const retrySpan = 0.8 * syncRetryDelays(d.SYNC_RETRY_ATTEMPTS, d.SYNC_RETRY_BASE_MS, d.SYNC_RETRY_MAX_MS).reduce((a, b) => a + b, 0);
  if (d.SYNC_RETRY_ATTEMPTS > 1 && retrySpan <= d.SOURCE_BREAKER_OPEN_MS) {
    throw new ConfigError('invalid configuration:\n  SYNC_RETRY_ATTEMPTS, SYNC_RETRY_BASE_MS, SYNC_RETRY_MAX_MS: the retries must be spread over longer than SOURCE_BREAKER_OPEN_MS, or they all fail against an open circuit');
  }
  // A misspelt role would otherwise silently get the default limit.
  const unknownRoles = Object.keys(parseRateLimits(d.RATE_LIMITS)).filter((name) => name !== 'default' && name !== 'anonymous' && !isRole(name));
  if (unknownRoles.length) throw new ConfigError(`invalid configuration:\n  RATE_LIMITS: expected role names, default or anonymous; ${unknownRoles.length === 1 ? 'one name is' : `${unknownRoles.length} names are`} none of them`);
  // Metrics name no person, but they show who uses the hub how much: beyond this machine only to
  // a scraper that knows the token.
  if (d.METRICS_PORT !== undefined && !isLoopbackHost(d.METRICS_HOST) && d.METRICS_HOST !== '::1' && d.METRICS_TOKEN === undefined) {
    throw new ConfigError('invalid configuration:\n  METRICS_TOKEN: required when METRICS_HOST is not a loopback address (the metrics listener would be open to anyone who reaches it)');
  }
  if (production && d.METRICS_TOKEN !== undefined && secretWeakness(d.METRICS_TOKEN)) throw new ConfigError(`invalid configuration:\n  METRICS_TOKEN: ${secretWeakness(d.METRICS_TOKEN)}`);
  if (d.SYNC_RETRY_MAX_MS < d.SYNC_RETRY_BASE_MS) throw new ConfigError('invalid configuration:\n  SYNC_RETRY_MAX_MS: expected at least SYNC_RETRY_BASE_MS');
  return { ...parsed.data, devAuth: given === 0, production, redisExplicit: relevant.REDIS_URL !== undefined };
}
