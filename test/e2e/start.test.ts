import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueDevToken } from '../../gateway/auth';
import { TEST_REDIS_URL, uniqueName } from '../support/env';
import { logText } from '../support/log';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(env: Record<string, string>) {
  const child = spawn(TSX, ['scripts/start.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitFor = async (pattern: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not see ${pattern} within ${ms} ms; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => out };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-start-'));
  const started: ReturnType<typeof run>[] = [];
  // A failed assertion must not leave a hub holding its ports for the next run.
  afterAll(async () => {
    for (const h of started) if (h.child.exitCode === null) h.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the ready line once the first sync is done, serves, and stops cleanly on Ctrl-C', async () => {
    // Ports of its own, far from the defaults, so a hub a developer runs is not in the way.
    const env = { QUEUE_PREFIX: uniqueName('start'), PORT: '24000', SUBGRAPH_BASE_PORT: '24101', STUF_KENNISGEVING_PORT: '24190', REDIS_URL: TEST_REDIS_URL, DATA_DIR: dataDir, INHABITANTS: '300' };
    const hub = run(env);
    started.push(hub);
    await hub.waitFor(/ontschot ready at http:\/\/localhost:24000\/graphql/, 60_000);
    const token = await issueDevToken(dataDir, { role: 'wmo-consulent' });
    const res = await fetch('http://localhost:24000/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-purpose': 'WMO_ONDERSTEUNING', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ persoon(burgerservicenummer: "999990019") { wmo { voorzieningen { productCategorie } } } }' }),
    });
    const body = (await res.json()) as { data: { persoon: { wmo: { voorzieningen: unknown[] } } } };
    expect(body.data.persoon.wmo.voorzieningen).toHaveLength(2);
    hub.child.kill('SIGINT');
    expect(await hub.exited).toBe(0);
    expect(hub.output()).toMatch(/stopped/);
    expect(hub.output()).not.toMatch(/MaxListenersExceeded|\n\s+at /);
  });

  it('stops with a message, not a stack trace, when the configured Redis does not answer', async () => {
    const hub = run({ PORT: '24001', REDIS_URL: 'redis://127.0.0.1:1', DATA_DIR: dataDir });
    started.push(hub);
    expect(await hub.exited).toBe(1);
    expect(logText(hub.output())).toMatch(/^ontschot could not start: REDIS_URL: Redis at redis:\/\/127\.0\.0\.1:1 does not answer/m);
    expect(hub.output()).not.toMatch(/\n\s+at /);
  });

  it('names a bad configuration value without starting', async () => {
    const hub = run({ PORT: 'vierduizend', DATA_DIR: dataDir });
    started.push(hub);
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toMatch(/PORT/);
    expect(hub.output()).not.toMatch(/\n\s+at /);
  });
});
