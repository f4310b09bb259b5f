import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueDevToken } from '../../gateway/auth';
import { SUBGRAPHS } from '../../subgraphs';
import { freePortBlock, isolatedDatabase, TEST_REDIS_URL, uniqueName } from '../support/env';

const ROOT = resolve(__dirname, '..', '..');

/**
 * The docker-compose topology without Docker: every part in its own process, sharing only
 * Postgres, Redis and INTERNAL_CONTEXT_KEY, and finding each other by configuration.
 */
describe('the hub run as separate parts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-parts-'));
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;

  const part = (args: string[], env: Record<string, string>, ready: RegExp) =>
    new Promise<void>((done, fail) => {
      // Node with tsx as a loader, as docker-compose runs a part: tsx's CLI would put the part in a
      // child process of its own, which a hard stop of the CLI leaves running.
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/part.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      const timer = setTimeout(() => fail(new Error(`part ${args.join(' ')} not ready in time:\n${out}`)), 90_000);
      const onData = (c: Buffer) => {
        out += c;
        if (ready.test(out)) {
          clearTimeout(timer);
          done();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        logs.push(`${args.join(' ')} exited ${code}: ${out}`);
        clearTimeout(timer);
        fail(new Error(`part ${args.join(' ')} exited with ${code}:\n${out}`));
      });
    });

  // Every part's port comes from one free block (freePortBlock): subgraphs from its base, the
  // stand-ins at base+80 and up, the gateway and the kennisgeving endpoint apart.
  let ports: Awaited<ReturnType<typeof freePortBlock>>;

  beforeAll(async () => {
    database = await isolatedDatabase();
    ports = await freePortBlock();
    const { base } = ports;
    const urls = SUBGRAPHS.map((s, i) => `${s.name}=http://127.0.0.1:${base + i}/graphql`).join(',');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueName('parts'),
      INTERNAL_CONTEXT_KEY: uniqueName('k').padEnd(40, 'x'),
      // The GWS stand-in (another process) and the sync part's kennisgeving endpoint share it.
      STUF_KENNISGEVING_KEY: uniqueName('s').padEnd(40, 'x'),
      ID_KEY: uniqueName('i').padEnd(40, 'x'),
      DATA_DIR: dataDir,
      INHABITANTS: '300',
      SUBGRAPH_BASE_PORT: String(base),
      SUBGRAPH_URLS: urls,
      STUF_KENNISGEVING_PORT: String(ports.kennisgeving),
      BRP_API_URL: `http://127.0.0.1:${base + 80}`,
      GWS_STUF_URL: `http://127.0.0.1:${base + 81}/gws/stuf/0301`,
      JEUGD_FEED_URL: `http://127.0.0.1:${base + 82}`,
      LAS_EXPORT_DIR: join(dataDir, 'las-exports'),
      GWS_KENNISGEVING_URL: `http://127.0.0.1:${ports.kennisgeving}/stuf/kennisgevingen`,
    };
    await part(['standins'], env, /stand-ins up/);
    await Promise.all(SUBGRAPHS.map((s, i) => part(['subgraph', s.name], { ...env, PORT: String(base + i) }, /subgraph .* at /)));
    await part(['sync'], env, /first full sync done/);
    await part(['gateway'], { ...env, PORT: String(ports.gateway) }, /ready at/);
  });

  afterAll(async () => {
    for (const c of children) {
      c.removeAllListeners('exit');
      c.kill('SIGTERM');
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a household dossier through the gateway process', async () => {
    const token = await issueDevToken(dataDir, { role: 'wmo-consulent' });
    const res = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-purpose': 'WMO_ONDERSTEUNING', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ huishouden(burgerservicenummer: "999990019") { domeinen leden { burgerservicenummer wmo { voorzieningen { productCategorie } } } } }' }),
    });
    const body = (await res.json()) as { data: { huishouden: { domeinen: string[]; leden: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.huishouden.leden).toHaveLength(4);
    expect(body.data.huishouden.domeinen).toEqual(['WMO']);
    const ready = await fetch(`http://127.0.0.1:${ports.gateway}/readyz`);
    expect(ready.status).toBe(200);
  });
});
