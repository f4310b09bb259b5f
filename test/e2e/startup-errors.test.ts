import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../hub/redis';
import { freePortBlock, isolatedDatabase, TEST_REDIS_URL, uniqueName } from '../support/env';
import { parseLogLines, type LogLine } from '../support/log';

/**
 * `npm start` against a setting whose target does not work: it stops within a bounded time with
 * exit code 1 and one fatal line naming the setting, without a stack trace (unless
 * LOG_LEVEL=debug) and without the password its URL carries. Every port here was free and closed
 * a moment ago, or belongs to a server of the test's that never answers.
 */
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..');
/**
 * What the default STARTUP_CHECK_TIMEOUT_MS (5 s) allows for Postgres, Redis and the back offices
 * (asked at once): the hub's own part of a failed start, on top of loading its code.
 */
const CHECKS_MS = 15_000;
/** How long loading the hub's code takes on this machine now: a start refused for its configuration (measured in beforeAll). */
let loadMs = 0;

interface Run {
  code: number | null;
  ms: number;
  raw: string;
  /** The output as log lines; throws when a line is not JSON. */
  lines(): LogLine[];
}

function start(env: Record<string, string>): Promise<Run> {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.on('data', (c) => (raw += c));
  child.stderr.on('data', (c) => (raw += c));
  // A start that hangs is a failure of this test, not a reason to wait for jest's timeout.
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      done({ code, ms: Date.now() - began, raw, lines: () => parseLogLines(raw) });
    }),
  );
}

/** A TCP server that takes connections and never says a word: a host that hangs. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** The one fatal line of a failed start, checked for what every such line must and must not hold. */
function refusal(run: Run, setting: string, secret?: string): LogLine {
  expect(run.code).toBe(1);
  expect(run.ms - loadMs).toBeLessThan(CHECKS_MS);
  const fatal = run.lines().filter((l) => l.level === 'fatal');
  expect(fatal).toHaveLength(1);
  expect(fatal[0]).toMatchObject({ component: 'hub', setting, msg: expect.stringMatching(new RegExp(`^ontschot could not start: ${setting}: `)) });
  expect(fatal[0].stack).toBeUndefined();
  expect(run.raw).not.toMatch(/\n\s+at /);
  expect(run.raw).not.toMatch(/unexpected error/);
  if (secret) expect(run.raw).not.toContain(secret);
  return fatal[0];
}

describe('npm start names the setting whose target does not work', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-startup-'));
  const password = `pw-${randomBytes(8).toString('hex')}`;
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let base: Record<string, string>;

  beforeAll(async () => {
    database = await isolatedDatabase();
    const ports = await freePortBlock();
    // Everything set to what works, so each test breaks one thing; a small world, in case a start gets far.
    base = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueName('startup'),
      INHABITANTS: '20',
      PORT: String(ports.gateway),
      SUBGRAPH_BASE_PORT: String(ports.base),
      STUF_KENNISGEVING_PORT: String(ports.kennisgeving),
    };
    // The machine may be busy (tests run side by side): loading the code is not the hub's checks.
    const invalid = await start({ ...base, PORT: 'vierduizend' });
    expect(invalid.code).toBe(1);
    loadMs = invalid.ms;
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('DATABASE_URL: a Postgres port where nothing listens, without the password of the URL', async () => {
    const url = `postgres://ontschot:${password}@127.0.0.1:${await freePort()}/ontschot?sslmode=disable`;
    const line = refusal(await start({ ...base, DATABASE_URL: url }), 'DATABASE_URL', password);
    expect(line.msg).toMatch(/refuses connections \(ECONNREFUSED\)/);
    expect(line.msg).toContain('postgres://ontschot:***@127.0.0.1:');
  });

  it('DATABASE_URL: a Postgres that refuses the database asked for', async () => {
    const url = new URL(database.url);
    url.pathname = `/${uniqueName('nonexistent')}`;
    const line = refusal(await start({ ...base, DATABASE_URL: url.toString() }), 'DATABASE_URL');
    expect(line.msg).toMatch(/no such database \(3D000\)/);
  });

  it('DATABASE_URL: a host that takes the connection and never answers, within STARTUP_CHECK_TIMEOUT_MS', async () => {
    const silent = await silentServer();
    try {
      const line = refusal(await start({ ...base, STARTUP_CHECK_TIMEOUT_MS: '1000', DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/test` }), 'DATABASE_URL');
      expect(line.msg).toMatch(/does not answer within 1000 ms \(STARTUP_CHECK_TIMEOUT_MS\)/);
    } finally {
      await silent.close();
    }
  });

  it('REDIS_URL: a Redis port where nothing listens, without the password of the URL', async () => {
    const line = refusal(await start({ ...base, REDIS_URL: `redis://:${password}@127.0.0.1:${await freePort()}` }), 'REDIS_URL', password);
    expect(line.msg).toContain('redis://:***@127.0.0.1:');
  });

  it.each([
    ['BRP_API_URL', 'the BRP API', (port: number) => `http://brp-user:PASSWORD@127.0.0.1:${port}/haalcentraal/api/brp?apikey=PASSWORD`],
    ['GWS_STUF_URL', 'the GWS StUF endpoint', (port: number) => `http://127.0.0.1:${port}/gws/stuf/0301`],
    ['JEUGD_FEED_URL', 'the Jeugd feed', (port: number) => `http://127.0.0.1:${port}/feed`],
  ])('%s: a back office where nothing listens', async (setting, what, urlFor) => {
    const url = urlFor(await freePort()).replaceAll('PASSWORD', password);
    const line = refusal(await start({ ...base, [setting]: url }), setting, password);
    expect(line.msg).toContain(`${what} at http://`);
    expect(line.msg).toMatch(/refuses connections \(ECONNREFUSED\)/);
  });

  it('BRP_API_URL: a BRP that takes the connection and never answers, within STARTUP_CHECK_TIMEOUT_MS', async () => {
    const silent = await silentServer();
    try {
      const line = refusal(await start({ ...base, STARTUP_CHECK_TIMEOUT_MS: '1000', BRP_API_URL: `http://127.0.0.1:${silent.port}` }), 'BRP_API_URL');
      expect(line.msg).toMatch(/does not answer within 1000 ms/);
    } finally {
      await silent.close();
    }
  });

  it('LAS_EXPORT_DIR: a folder that does not exist', async () => {
    const line = refusal(await start({ ...base, LAS_EXPORT_DIR: join(dataDir, 'no-such-folder') }), 'LAS_EXPORT_DIR');
    expect(line.msg).toMatch(/does not exist/);
  });

  it('names every back office that does not answer in the one line', async () => {
    const line = refusal(await start({ ...base, GWS_STUF_URL: `http://127.0.0.1:${await freePort()}/gws`, JEUGD_FEED_URL: `http://127.0.0.1:${await freePort()}/feed` }), 'GWS_STUF_URL');
    expect(line.msg).toMatch(/JEUGD_FEED_URL: the Jeugd feed at/);
  });

  it('AUTH_JWKS_URL: an identity provider whose key set does not answer', async () => {
    const line = refusal(
      await start({
        ...base,
        AUTH_ISSUER: 'http://127.0.0.1/idp',
        AUTH_AUDIENCE: 'ontschot',
        AUTH_JWKS_URL: `http://127.0.0.1:${await freePort()}/jwks`,
        STUF_KENNISGEVING_KEY: randomBytes(32).toString('base64url'),
      }),
      'AUTH_JWKS_URL',
    );
    expect(line.msg).toMatch(/key set \(JWKS\)/);
  });

  it('PORT: a gateway port another process holds', async () => {
    const holder = createServer();
    await new Promise<void>((ok) => holder.listen(Number(base.PORT), '127.0.0.1', ok));
    try {
      const line = refusal(await start(base), 'PORT');
      expect(line.msg).toContain(`port ${base.PORT} on 127.0.0.1 is in use`);
    } finally {
      await new Promise<void>((ok) => holder.close(() => ok()));
    }
  });

  it('shows the stack trace at LOG_LEVEL=debug, and only then', async () => {
    const run = await start({ ...base, LOG_LEVEL: 'debug', BRP_API_URL: `http://127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(1);
    const fatal = run.lines().find((l) => l.level === 'fatal')!;
    expect(fatal).toMatchObject({ setting: 'BRP_API_URL', stack: expect.stringMatching(/^StartupError: BRP_API_URL: [^\n]*\n\s+at /) });
  });
});
