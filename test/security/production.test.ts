import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { logText } from '../support/log';

/**
 * `NODE_ENV=production npm start` refuses to start without a real issuer and real secrets:
 * development sign-in must never switch itself on because a variable is missing or empty. Each
 * refusal is one message naming every bad variable, never its value, and no stack trace.
 */

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-production-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Runs `npm start` (scripts/start.ts) with exactly this environment and a DATA_DIR of its own;
 * resolves when it exits, or once its output matches `until` (then it is stopped).
 */
function start(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; output: string }> {
  const own = { DATA_DIR: mkdtempSync(join(dataDir, 'run-')) };
  const child = spawn(TSX, ['scripts/start.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...own, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const seen = (c: Buffer) => {
    output += c;
    if (until?.test(output)) child.kill('SIGKILL');
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  // Never more than a few seconds: no Redis answers at REDIS_URL, so not even a good config starts a hub.
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  // What a person reads of its JSON log lines: their messages (and a stack, were there one).
  return new Promise((done) => child.on('exit', (code) => (clearTimeout(timer), done({ code, output: logText(output) }))));
}

/** The variables the refusal names: each problem is a line `  NAME: what is wrong`. */
function named(output: string): string[] {
  const block = output.split('invalid configuration:')[1] ?? '';
  return [...block.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]);
}

const SECRET = randomBytes(32).toString('base64');
const AUDIT_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** Everything production asks for, well chosen. */
const good: Record<string, string> = {
  NODE_ENV: 'production',
  AUTH_ISSUER: 'https://idp.gemeente.example',
  AUTH_JWKS_URL: 'https://idp.gemeente.example/jwks',
  AUTH_AUDIENCE: 'ontschot',
  INTERNAL_CONTEXT_KEY: SECRET,
  AUDIT_SIGNING_KEY: AUDIT_KEY,
  ID_KEY: randomBytes(32).toString('base64'),
  // Required in production by another rule of the hub (a GWS credential); given so it stays out of the way here.
  STUF_KENNISGEVING_KEY: randomBytes(32).toString('base64url'),
  PORT: '24400',
  SUBGRAPH_BASE_PORT: '24401',
  STUF_KENNISGEVING_PORT: '24490',
  REDIS_URL: 'redis://127.0.0.1:1',
};
const MINE = ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE', 'INTERNAL_CONTEXT_KEY', 'AUDIT_SIGNING_KEY', 'ID_KEY'];
const without = (...keys: string[]) => Object.fromEntries(Object.entries(good).filter(([k]) => !keys.includes(k)));

function expectRefusal(run: { code: number | null; output: string }, names: string[], value?: string): void {
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/^ontschot could not start: invalid configuration:/m);
  expect(named(run.output)).toEqual(expect.arrayContaining(names));
  for (const other of MINE.filter((n) => !names.includes(n))) expect(named(run.output)).not.toContain(other);
  expect(run.output).not.toMatch(/\n\s+at /);
  expect(run.output).not.toMatch(/DEVELOPMENT MODE/);
  if (value) expect(run.output).not.toContain(value);
}

describe('NODE_ENV=production npm start', () => {
  it.each(MINE)('refuses to start without %s', async (name) => {
    expectRefusal(await start(without(name)), [name]);
  });

  it('refuses AUTH_* set to empty strings: they count as unset and do not switch on development sign-in', async () => {
    expectRefusal(await start({ ...good, AUTH_ISSUER: '', AUTH_JWKS_URL: '', AUTH_AUDIENCE: '' }), ['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE']);
  });

  it.each([
    ['one character repeated', 'x'.repeat(48)],
    ['a short piece repeated', 'abcdefgh'.repeat(6)],
    ['the placeholder docker-compose.yml used to ship', 'change-me-to-a-secret-of-at-least-32-chars'],
    ['shorter than 32 characters', randomBytes(12).toString('base64')],
  ])('refuses an INTERNAL_CONTEXT_KEY that is %s, without printing it', async (_what, key) => {
    expectRefusal(await start({ ...good, INTERNAL_CONTEXT_KEY: key }), ['INTERNAL_CONTEXT_KEY'], key);
  });

  it('refuses an AUTH_JWKS_URL that is not https, without printing it', async () => {
    const url = 'http://idp.gemeente.example/jwks';
    expectRefusal(await start({ ...good, AUTH_JWKS_URL: url }), ['AUTH_JWKS_URL'], url);
  });

  it('names every problem in one message', async () => {
    const run = await start({ ...without('AUTH_ISSUER', 'AUDIT_SIGNING_KEY', 'ID_KEY'), AUTH_JWKS_URL: 'http://idp.gemeente.example/jwks', INTERNAL_CONTEXT_KEY: 'y'.repeat(40), PORT: 'vierduizend' });
    expectRefusal(run, MINE.filter((n) => n !== 'AUTH_AUDIENCE'));
    expect(named(run.output)).toContain('PORT');
    expect(run.output.match(/invalid configuration/g)).toHaveLength(1);
  });

  it('gets past its configuration when all is set, an http JWKS on a loopback host included', async () => {
    const run = await start({ ...good, AUTH_JWKS_URL: 'http://127.0.0.1:24499/jwks' }, /database ready|could not start/);
    expect(run.output).not.toMatch(/could not start/);
    expect(run.output).toMatch(/database ready/);
    expect(run.output).not.toMatch(/DEVELOPMENT MODE/);
  });
});

describe('npm start in development mode', () => {
  it.each([
    ['no AUTH_* set', {}],
    ['AUTH_* set to empty strings', { AUTH_ISSUER: '', AUTH_JWKS_URL: '', AUTH_AUDIENCE: '' }],
  ])('says so in one loud line first (%s)', async (_what, auth) => {
    const run = await start({ PORT: '24400', REDIS_URL: 'redis://127.0.0.1:1', ...auth }, /database ready|could not start/);
    const lines = run.output.split('\n').filter((l) => l.length > 0);
    // Before anything else, and only once.
    expect(lines[0]).toMatch(/DEVELOPMENT MODE.*npm run token/);
    expect(lines.filter((l) => /DEVELOPMENT MODE/.test(l))).toHaveLength(1);
  });
});
