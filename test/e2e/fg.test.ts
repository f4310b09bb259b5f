import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { INZAGE_CSV_COLUMNS } from '../../audit';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * `npm run fg`, the privacy officer's terminal companion, run as its own process against a
 * started hub: over HTTP like any client, tables for people, CSV and JSON for scripts, and the
 * hub's refusal as an error code and a non-zero exit status.
 */

const ROOT = join(__dirname, '..', '..');

/** A port nothing listens on: one the kernel just gave out, closed again. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/fg.ts with `args`, in an environment of only what is given (no GATEWAY_URL or FG_TOKEN of the machine). */
function fg(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { PATH, HOME, DATABASE_URL, REDIS_URL } = process.env;
  const base = Object.fromEntries(Object.entries({ PATH, HOME, DATABASE_URL, REDIS_URL }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'fg.ts'), ...args], { cwd: ROOT, env: { ...base, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      done({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('fg, the terminal companion (Postgres)', () => {
  let t: TestHub;
  let officer: string[];

  beforeAll(async () => {
    // Heads signed often, so verify has signed heads to list.
    t = await startTestHub({ env: { AUDIT_SIGN_INTERVAL_MS: '200' } });
    officer = ['--url', t.hub.url, '--token', await t.token('privacy-officer')];
    // Something to report: a Wmo consulent reads 999990019's Wmo data.
    const res = await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCategorie ingangsdatum } } } }');
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t?.close());

  it('prints the subject-access report as readable tables: labels and names, supervision apart', async () => {
    // The officer's own look at the log, which the report must show apart.
    const look = await fg(['inzage', '999990019', ...officer]);
    expect(look).toMatchObject({ status: 0, stderr: '' });
    const run = await fg(['inzage', '999990019', ...officer]);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const [verstrekkingen, toezicht] = run.stdout.split(/^Toezicht /m);
    expect(verstrekkingen).toMatch(/^Inzage \(AVG art\. 15\) voor 999990019/);
    expect(verstrekkingen).toContain('Wmo-consulent');
    expect(verstrekkingen).toContain('Gemeente (test)');
    expect(verstrekkingen).toContain('Productcategorie van de Wmo-voorziening');
    expect(verstrekkingen).toContain('Onderzoek naar en verstrekking van maatschappelijke ondersteuning');
    expect(verstrekkingen).not.toMatch(/WmoVoorziening\.|Functionaris gegevensbescherming/);
    expect(toezicht).toContain('Functionaris gegevensbescherming');
    expect(toezicht).toContain('Inzage voor één persoon (AVG art. 15)');
    expect(run.stdout).not.toContain('dev-wmo-consulent');
  });

  it('prints the CSV and the JSON file the person is given', async () => {
    const csv = await fg(['inzage', '999990019', '--csv', ...officer]);
    expect(csv.status).toBe(0);
    const lines: string[][] = parse(csv.stdout);
    expect(lines[0]).toEqual([...INZAGE_CSV_COLUMNS]);
    expect(lines.slice(1).map((l) => l[lines[0].indexOf('soort')])).toEqual(expect.arrayContaining(['verstrekking', 'toezicht']));

    const json = await fg(['inzage', '999990019', '--json', '--van', '2000-01-01', ...officer]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ betrokkene: '999990019', periode: { van: '2000-01-01', tot: null }, verstrekkingen: expect.arrayContaining([expect.objectContaining({ bron: 'wmo' })]) });
  });

  it('verifies the log, and reports snuffel signals and destructions', async () => {
    const verify = await fg(['verify', ...officer]);
    expect(verify).toMatchObject({ status: 0, stderr: '' });
    expect(verify.stdout).toMatch(/^Auditlog intact: \d+ records herberekend in \d+ stromen/);
    const verified = JSON.parse((await fg(['verify', '--json', ...officer])).stdout);
    expect(verified).toMatchObject({ intact: true, breuken: [], ondertekendeKoppen: expect.any(Array) });
    // The signed heads, to keep outside the database.
    expect(verified.ondertekendeKoppen.length).toBeGreaterThan(0);
    expect((await fg(['verify', ...officer])).stdout).toMatch(/Laatst ondertekende kop per stroom:\n.*GELDIGHEID[\s\S]*GELDIG/);

    // 999990044 and 999990032 have no Wmo record: outside a Wmo consulent's caseload.
    for (const bsn of ['999990044', '999990032']) await t.query('wmo-consulent', 'WMO_ONDERSTEUNING', `{ persoon(burgerservicenummer: "${bsn}") { naam { volledigeNaam } } }`);
    const window = ['--van', new Date(Date.now() - 3600_000).toISOString(), '--tot', new Date(Date.now() + 60_000).toISOString()];
    const snuffel = await fg(['snuffel', ...window, '--buiten-caseload', '2', ...officer]);
    expect(snuffel.status).toBe(0);
    expect(snuffel.stdout).toMatch(/dev-wmo-consulent\s+gemeente\s+wmo-consulent\s+BUITEN_CASELOAD\s+2\s+1\s+999990032 999990044/);

    await t.hub.db.query("INSERT INTO vernietiging (tijdstip, record_type, categorie, bron, regel, reden, aantal) VALUES (now(), 'WMO_VOORZIENING', '8.1.1', 'GWS', 'P15Y na einddatum', 'BEWAARTERMIJN_VERSTREKEN', 3)");
    const destroyed = await fg(['vernietigingen', '--all', ...officer]);
    expect(destroyed.status).toBe(0);
    expect(destroyed.stdout).toMatch(/WMO_VOORZIENING\s+8\.1\.1\s+GWS\s+BEWAARTERMIJN_VERSTREKEN\s+3\s+P15Y na einddatum/);
  });

  it('mints a privacy-officer token in development mode from the hub’s DATA_DIR, and takes the gateway from GATEWAY_URL', async () => {
    const run = await fg(['verify'], { DATA_DIR: t.dataDir, GATEWAY_URL: t.hub.url });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    // Its reads are the officer's, in the log like any other.
    const logged = await t.query('privacy-officer', 'AUDIT', '{ auditRecords(filter: { actor: "dev-privacy-officer" }, first: 20) { edges { node { operatie } } } }');
    expect(logged.data!.auditRecords.edges.map((e: { node: { operatie: string } }) => e.node.operatie)).toContain('FgVerifieer');
  });

  it("exits non-zero with the hub's error code on a refusal, without repeating the BSN", async () => {
    const consulent = await fg(['inzage', '999990019', '--url', t.hub.url, '--token', await t.token('wmo-consulent')]);
    expect(consulent).toMatchObject({ status: 1, stdout: '' });
    expect(consulent.stderr).toMatch(/^fg: refused: PURPOSE_NOT_ALLOWED \(HTTP 403\)/);

    const forged = await fg(['verify', '--url', t.hub.url, '--token', 'not-a-token']);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toMatch(/UNAUTHENTICATED \(HTTP 401\)/);

    // Nine digits, but no elfproef: the hub refuses it, and neither says which it was.
    const bad = await fg(['inzage', '999990011', ...officer]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/BAD_USER_INPUT/);
    expect(bad.stderr).not.toContain('999990011');

    const closed = await closedPort();
    const unreachable = await fg(['verify', '--url', `http://127.0.0.1:${closed}/graphql`, '--token', 'x']);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toBe(`fg: cannot reach the gateway at http://127.0.0.1:${closed}/graphql (ECONNREFUSED)\n`);
  });

  it('explains its use, and refuses wrong use with status 2', async () => {
    const help = await fg(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/inzage BSN[\s\S]*verify[\s\S]*snuffel[\s\S]*vernietigingen/);
    const wrong = await fg(['snuffel', '--van', '2026-01-01', ...officer]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/snuffel needs --van and --tot/);
  });
});
