import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { devSigningKey, verifyAuditLog } from '../../audit';
import { issueDevToken } from '../../gateway/auth';
import { freePortBlock, isolatedDatabase, TEST_REDIS_URL, uniqueName } from '../support/env';

/**
 * `npm start` stopped by SIGTERM (what `docker stop` and an orchestrator send) while it is busy:
 * every request that was sent before the signal gets its whole answer, the process exits 0, and
 * the audit log's last records are covered by signed heads.
 */
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..', '..');
/** What `npm start` runs: node with tsx as a loader. (tsx's own CLI relays a signal to a child
 * that must acknowledge it within 30 ms, and kills it otherwise; a busy hub cannot.) */
const START = [process.execPath, ['--import', 'tsx', 'scripts/start.ts']] as const;

const DOSSIER = `query Dossier($bsn: String!) {
  huishouden(burgerservicenummer: $bsn) {
    domeinen
    leden {
      burgerservicenummer
      naam { volledigeNaam }
      wmo { voorzieningen { productCategorie } }
      jeugd { jeugdhulp { productCategorie } }
      werkEnInkomen { uitkeringen { soort besluiten { soort } } }
      leerplicht { inschrijvingen { onderwijssoort } }
    }
    tijdlijn { datum domein bron soort }
  }
}`;

describe('SIGTERM while requests are in flight', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-shutdown-'));
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let child: ReturnType<typeof spawn> | undefined;
  beforeAll(async () => {
    database = await isolatedDatabase();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request sent before the signal, signs the audit heads and exits 0', async () => {
    const ports = await freePortBlock();
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/tmp',
      QUEUE_PREFIX: uniqueName('shutdown'),
      PORT: String(ports.gateway),
      SUBGRAPH_BASE_PORT: String(ports.base),
      STUF_KENNISGEVING_PORT: String(ports.kennisgeving),
      REDIS_URL: TEST_REDIS_URL,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      INHABITANTS: '300',
      // Only the signing at close can cover the last records.
      AUDIT_SIGN_INTERVAL_MS: '3600000',
      SHUTDOWN_DRAIN_MS: '30000',
      // Every one of the 200 requests is to be answered, not shed: this tests the drain.
      SHED_MAX_IN_FLIGHT: '100000',
      SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
    };
    const hub = spawn(START[0], [...START[1]], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = hub;
    let out = '';
    hub.stdout!.on('data', (c) => (out += c));
    hub.stderr!.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((done) => hub.on('exit', (code) => done(code)));
    const deadline = Date.now() + 60_000;
    while (!/ontschot ready at/.test(out)) {
      if (Date.now() > deadline || hub.exitCode !== null) throw new Error(`the hub did not start; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const url = `http://127.0.0.1:${ports.gateway}/graphql`;
    const token = await issueDevToken(dataDir, { role: 'regisseur' });
    // node:http rather than fetch, to know when each request has been written out in full:
    // "sent before the signal" then means exactly that, whatever the client's own event loop did.
    const agent = new Agent({ keepAlive: false });
    const ask = (bsn: string) => {
      const payload = JSON.stringify({ query: DOSSIER, variables: { bsn } });
      let sent!: () => void;
      const written = new Promise<void>((done) => (sent = done));
      const answer = new Promise<{ status: number; body?: { data?: unknown }; error?: string }>((done) => {
        const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'x-purpose': 'INTEGRALE_AANPAK', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('error', (error) => done({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message }));
          res.on('end', () => {
            try {
              done({ status: res.statusCode ?? 0, body: JSON.parse(text) as { data?: unknown } });
            } catch {
              done({ status: 0, error: 'incomplete body' });
            }
          });
        });
        req.on('error', (error) => done({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message }));
        req.on('finish', () => sent());
        req.end(payload);
      });
      return { written, answer };
    };
    // Warm up, so the burst below is slow because of its size, not because of a cold start.
    expect((await ask('999990019').answer).status).toBe(200);

    const bsns = ['999990019', '999990044', '999990068', '999990111'];
    const burst = Array.from({ length: 200 }, (_, i) => ask(bsns[i % bsns.length]));
    let answered = 0;
    for (const r of burst) void r.answer.then(() => answered++);
    // Every request of the burst is on the wire before the signal.
    await Promise.all(burst.map((r) => r.written));
    hub.kill('SIGTERM');
    const inFlight = burst.length - answered;
    const results = await Promise.all(burst.map((r) => r.answer));
    // The burst really was in flight when the signal came; otherwise this proves nothing.
    expect(inFlight).toBeGreaterThan(50);
    const failed = results.filter((r) => r.status !== 200);
    expect({ failed: failed.length, first: failed[0] }).toEqual({ failed: 0, first: undefined });
    for (const r of results) expect(r).toMatchObject({ status: 200, body: { data: expect.anything() } });

    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped/);

    // Every stream's last record is covered by a signed head, and the signatures verify.
    const uncovered = await database.db.query<{ stroom: string }>(
      `SELECT r.stroom FROM (SELECT stroom, max(volgnummer) AS n FROM audit_record GROUP BY stroom) r
         LEFT JOIN (SELECT stroom, max(volgnummer) AS n FROM audit_kop GROUP BY stroom) k ON k.stroom = r.stroom
        WHERE k.n IS NULL OR k.n < r.n`,
    );
    expect(uncovered).toEqual([]);
    const verification = await verifyAuditLog(database.db, { trustedKeys: devSigningKey(dataDir).trusted });
    expect(verification).toMatchObject({ intact: true, eersteBreuk: null });
    expect(verification.koppen).toBeGreaterThan(0);
    expect(verification.gecontroleerd).toBeGreaterThan(200);
  });
});
