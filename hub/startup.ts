import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../lib/config';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';

/**
 * What stops a start for a reason the operator can fix: a setting whose value is valid but whose
 * target does not work (nothing answers, it refuses, a folder is missing). The message starts with
 * the setting's name and never carries a password, a token or a query string from its value, so
 * it can go to any log. scripts/start.ts prints it without a stack trace.
 */
export class StartupError extends Error {
  readonly code = 'STARTUP_FAILED';
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.name = 'StartupError';
  }
}

/**
 * A URL as a message may show it: scheme, user, host, port and path, with the password replaced
 * and the query string and fragment left out (they can carry keys: `?apikey=`, `?password=`).
 * A value that is no URL is not shown at all.
 */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return '(the configured value)';
  const u = new URL(value);
  if (u.password) u.password = '***';
  u.search = '';
  u.hash = '';
  return u.toString();
}

/** Why a connection failed, in words, from its code; never from its message. */
export function whyUnreachable(err: unknown, timeoutMs: number): string {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } } | null;
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  if (e?.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `does not answer within ${timeoutMs} ms (STARTUP_CHECK_TIMEOUT_MS)`;
  switch (code) {
    case 'ECONNREFUSED':
      return 'refuses connections (ECONNREFUSED): nothing listens there';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot be found (${code}): check the host name`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot be reached (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `closes the connection (${code})`;
    case '28P01':
    case '28000':
      return `refuses the user or password (${code})`;
    case '3D000':
      return 'has no such database (3D000)';
  }
  if (typeof code === 'string' && /^(ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO)/.test(code)) return `fails the TLS handshake (${code})`;
  return `does not answer${typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? ` (${code})` : ''}`;
}

/** `work`, or a TimeoutError once `ms` passed; `abandon` gets what `work` yields after that, to release it. */
function deadline<T>(work: Promise<T>, ms: number, abandon: (late: T) => void = () => undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    }, ms);
  });
  work.then((value) => late && abandon(value), () => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The database, migrated: Postgres at DATABASE_URL, answering within STARTUP_CHECK_TIMEOUT_MS,
 * or PGlite under DATA_DIR. A Postgres that does not answer or refuses is a StartupError naming
 * DATABASE_URL.
 */
export async function openDatabase(config: Config): Promise<Db> {
  const url = config.DATABASE_URL;
  if (!url) {
    const embedded = await openDb({ dataDir: join(config.DATA_DIR, 'pglite') });
    await migrate(embedded);
    return embedded;
  }
  const ms = config.STARTUP_CHECK_TIMEOUT_MS;
  let db: Db;
  try {
    db = await deadline(openDb({ databaseUrl: url }), ms, (late) => void late.close().catch(() => undefined));
  } catch (err) {
    throw new StartupError('DATABASE_URL', `Postgres at ${redactUrl(url)} ${whyUnreachable(err, ms)}`);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    const code = (err as { code?: unknown })?.code;
    throw new StartupError('DATABASE_URL', `Postgres at ${redactUrl(url)} refuses the hub's migrations${typeof code === 'string' && /^\w{1,10}$/.test(code) ? ` (${code})` : ''}: the user needs to create tables in its schema`);
  }
  return db;
}

/** What the hub reaches over HTTP at start, by the setting that names it. */
const HTTP_TARGETS = [
  ['BRP_API_URL', 'the BRP API'],
  ['GWS_STUF_URL', 'the GWS StUF endpoint'],
  ['JEUGD_FEED_URL', 'the Jeugd feed'],
] as const;

/**
 * Whether every configured back office answers: each URL gets one GET within
 * STARTUP_CHECK_TIMEOUT_MS (any HTTP status counts as an answer: the sync itself finds out whether
 * it is the right one), and LAS_EXPORT_DIR must be a folder the hub can read. All at once, so the
 * whole check takes one timeout at most. Returns a StartupError per back office that fails.
 */
export async function checkBackOffices(config: Config): Promise<StartupError[]> {
  const ms = config.STARTUP_CHECK_TIMEOUT_MS;
  const checks: Array<Promise<StartupError | null>> = HTTP_TARGETS.filter(([setting]) => config[setting]).map(([setting, what]) => answersHttp(setting, what, config[setting]!, ms));
  const lasDir = config.LAS_EXPORT_DIR;
  if (lasDir) checks.push(readableFolder('LAS_EXPORT_DIR', lasDir));
  return (await Promise.all(checks)).filter((e): e is StartupError => e !== null);
}

/** The identity provider's key set answers (AUTH_JWKS_URL): without it no token can be verified. */
export async function checkIdentityProvider(config: Config): Promise<StartupError | null> {
  return config.AUTH_JWKS_URL ? answersHttp('AUTH_JWKS_URL', 'the key set (JWKS) of AUTH_ISSUER', config.AUTH_JWKS_URL, config.STARTUP_CHECK_TIMEOUT_MS) : null;
}

async function answersHttp(setting: string, what: string, url: string, ms: number): Promise<StartupError | null> {
  // Whether it answers at all needs no credentials, and fetch refuses a URL that carries them.
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  try {
    const res = await fetch(bare, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(ms) });
    await res.body?.cancel().catch(() => undefined);
    return null;
  } catch (err) {
    return new StartupError(setting, `${what} at ${redactUrl(url)} ${whyUnreachable(err, ms)}`);
  }
}

async function readableFolder(setting: string, dir: string): Promise<StartupError | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return new StartupError(setting, 'the LAS export folder is not a folder');
    await access(dir, constants.R_OK | constants.X_OK);
    return null;
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    return new StartupError(setting, code === 'ENOENT' ? 'the LAS export folder does not exist' : `the LAS export folder cannot be read (${typeof code === 'string' ? code : 'error'})`);
  }
}

/**
 * A server that could not listen, as the setting whose port it wanted: PORT (the gateway),
 * STUF_KENNISGEVING_PORT, or SUBGRAPH_BASE_PORT (the subgraphs and stand-ins follow from it);
 * HOST when the address itself is wrong. Anything else is returned as it is.
 */
export function listenProblem(err: unknown, config: Config): unknown {
  const e = err as { code?: unknown; port?: unknown; syscall?: unknown } | null;
  if (e?.syscall !== 'listen' && e?.code !== 'EADDRINUSE') return err;
  const port = typeof e?.port === 'number' ? e.port : undefined;
  if (e?.code === 'EADDRNOTAVAIL' || e?.code === 'ENOTFOUND') return new StartupError('HOST', `${config.HOST} is not an address of this machine (${e.code})`);
  const setting = port === config.PORT ? 'PORT' : port === config.STUF_KENNISGEVING_PORT ? 'STUF_KENNISGEVING_PORT' : 'SUBGRAPH_BASE_PORT';
  const why = e?.code === 'EADDRINUSE' ? 'is in use by another process' : e?.code === 'EACCES' ? 'may not be opened by this user (EACCES)' : `cannot be opened (${String(e?.code)})`;
  return new StartupError(setting, `port ${port ?? '?'} on ${config.HOST} ${why}`);
}
