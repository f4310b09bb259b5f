import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueDevToken } from '../../gateway/auth';
import { generateMunicipality } from '../../municipality';
import type { Role } from '../../policy/types';
import { freePortBlock, isolatedDatabase, TEST_REDIS_URL, uniqueName } from '../support/env';
import { parseLogLines, type LogLine } from '../support/log';

/**
 * Everything the hub writes while it serves the end-to-end scenarios, at LOG_LEVEL=debug, is
 * JSON log lines without a BSN in them: not of the world it serves, not of the showcase people
 * the scenarios ask for by name, not from a URL, an operation name or a body that carries one. The
 * hub runs as `npm start` in a child process, so this is all of its stdout and stderr, whatever
 * part wrote it. Each answered request has one line whose trace id is the response's traceparent's.
 */
jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '..', '..');
const INHABITANTS = 300;
/** The showcase people the scenarios ask for (municipality/showcase.ts) and a valid test BSN nobody has. */
const NAMED = ['999990019', '999990020', '999990044', '999990068', '999990081', '999990093', '999990111'];

interface Answer {
  status: number;
  traceparent: string | null;
}

describe('the hub log at LOG_LEVEL=debug', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ontschot-logs-'));
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let child: ChildProcess;
  let output = '';
  let exitCode: number | null = null;
  let url: string;
  const answers: Array<Answer & { what: string }> = [];
  const tokens: string[] = [];

  const token = async (role: Role, org?: string) => {
    const t = await issueDevToken(dataDir, { role, org });
    tokens.push(t);
    return t;
  };
  const ask = async (what: string, path: string, init: RequestInit): Promise<Answer> => {
    const res = await fetch(`${url}${path}`, init);
    await res.arrayBuffer();
    const answer = { status: res.status, traceparent: res.headers.get('traceparent') };
    answers.push({ what, ...answer });
    return answer;
  };
  const graphql = async (what: string, role: Role | null, purpose: string, body: object, options: { org?: string; headers?: Record<string, string> } = {}) =>
    ask(what, '/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(role ? { authorization: `Bearer ${await token(role, options.org)}` } : {}),
        'x-purpose': purpose,
        ...options.headers,
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await isolatedDatabase();
    const ports = await freePortBlock();
    url = `http://127.0.0.1:${ports.gateway}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'debug',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: uniqueName('logs'),
        INHABITANTS: String(INHABITANTS),
        ORGANISATION_REGISTER: join(ROOT, 'test', 'support', 'organisaties.yaml'),
        PORT: String(ports.gateway),
        SUBGRAPH_BASE_PORT: String(ports.base),
        STUF_KENNISGEVING_PORT: String(ports.kennisgeving),
        JEUGD_POLL_MS: '300',
        RATE_LIMITS: 'default=1000000,partner=1000000,anonymous=1000000',
        SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const exited = new Promise<void>((done) => child.on('exit', (code) => ((exitCode = code), done())));
    const deadline = Date.now() + 120_000;
    while (!/ontschot ready at/.test(output)) {
      if (Date.now() > deadline || exitCode !== null) throw new Error(`the hub did not get ready; output:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    // The scenarios of test/e2e, as their requests: every role's own domain, the household
    // dossier with consent, a partner's registered view, the privacy officer's reports and the
    // LDV read API, and what is refused. BSNs travel where callers put them: literals, variables,
    // an operation name, a caller's traceparent beside them.
    const callerTrace = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    await graphql('wmo', 'wmo-consulent', 'WMO_ONDERSTEUNING', { query: '{ persoon(burgerservicenummer: "999990019") { naam { volledigeNaam } wmo { voorzieningen { productCategorie } } } }' }, { headers: { traceparent: callerTrace } });
    await graphql('jeugd', 'jeugd-consulent', 'JEUGDHULP', { query: '{ a: persoon(burgerservicenummer: "999990044") { jeugd { jeugdhulp { productCategorie } } } b: persoon(burgerservicenummer: "999990081") { jeugd { jeugdhulp { verwijzer } } } }' });
    await graphql('werk en inkomen', 'klantmanager-wi', 'PARTICIPATIE', { query: 'query Uitkeringen999990068 { persoon(burgerservicenummer: "999990068") { werkEnInkomen { uitkeringen { soort ingangsdatum } } } }' });
    await graphql('leerplicht', 'leerplichtambtenaar', 'LEERPLICHT', { query: 'query($b: String!) { persoon(burgerservicenummer: $b) { leerplicht { inschrijvingen { onderwijssoort } verzuimmeldingen { soort } } } }', variables: { b: '999990093' } });
    await graphql('consent', 'regisseur', 'INTEGRALE_AANPAK', {
      query: 'mutation Toestemming($i: ToestemmingInput!) { registreerToestemming(input: $i) { id status } }',
      variables: { i: { betrokkene: '999990044', gegevenDoor: '999990019', ontvanger: 'mee', domeinen: ['LEERPLICHT'], doel: 'INTEGRALE_AANPAK', bewijs: { kanaal: 'FORMULIER', referentie: 'TST-2026-001', ondertekendOp: '2026-11-01' } } },
    });
    await graphql('dossier', 'regisseur', 'INTEGRALE_AANPAK', { query: 'query Dossier($bsn: String!) { huishouden(burgerservicenummer: $bsn) { domeinen leden { burgerservicenummer wmo { voorzieningen { productCategorie } } } tijdlijn { datum domein betrokkene { burgerservicenummer } } } }', variables: { bsn: '999990019' } });
    await graphql('partner', 'partner', 'INTEGRALE_AANPAK', { query: 'query PartnerPersoon($burgerservicenummer: String!) { persoon(burgerservicenummer: $burgerservicenummer) { burgerservicenummer naam { volledigeNaam } } }', variables: { burgerservicenummer: '999990044' } }, { org: 'mee' });
    await graphql('partner, not registered', 'partner', 'INTEGRALE_AANPAK', { query: '{ persoon(burgerservicenummer: "999990044") { wmo { voorzieningen { productCategorie } } } }' }, { org: 'mee' });
    await graphql('inzage', 'privacy-officer', 'AUDIT', { query: '{ inzageRapport(burgerservicenummer: "999990019") { betrokkene verstrekkingen { organisatie doel velden } } }' });
    await graphql('audit records', 'privacy-officer', 'AUDIT', { query: 'query($f: AuditFilter!) { auditRecords(filter: $f, first: 5) { edges { node { betrokkene traceId } } } }', variables: { f: { betrokkene: '999990019' } } });
    await ask('ldv', '/ldv/v1/processing-activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('privacy-officer')}`, 'x-purpose': 'AUDIT' },
      body: JSON.stringify({ 'dpl.core.data_subject_id': '999990019', 'dpl.core.data_subject_id_type': 'BSN' }),
    });
    // Refused: no token, a purpose the role may not claim, a document that does not parse, a
    // GET with the query in its URL, a path that does not exist.
    await graphql('no token', null, 'WMO_ONDERSTEUNING', { query: '{ persoon(burgerservicenummer: "999990020") { naam { volledigeNaam } } }' });
    await graphql('wrong purpose', 'wmo-consulent', 'LEERPLICHT', { query: '{ persoon(burgerservicenummer: "999990020") { naam { volledigeNaam } } }' });
    await graphql('does not parse', 'wmo-consulent', 'WMO_ONDERSTEUNING', { query: '{ persoon(burgerservicenummer: "999990111" { naam } }' });
    await graphql('unknown field', 'wmo-consulent', 'WMO_ONDERSTEUNING', { query: '{ persoon(burgerservicenummer: "999990111") { bsnVanDeBuurman } }' });
    await ask('get', `/graphql?query=${encodeURIComponent('{ persoon(burgerservicenummer: "999990020") { naam { volledigeNaam } } }')}`, { method: 'GET', headers: { authorization: `Bearer ${await token('wmo-consulent')}` } });
    await ask('not found', '/personen/999990019?bsn=999990019', { method: 'GET' });

    // Time for the sync's jobs to log at debug (the Jeugd poll runs every 300 ms), then stop.
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    await exited;
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ran the scenarios and stopped cleanly', () => {
    expect(exitCode).toBe(0);
    expect(answers.find((a) => a.what === 'wmo')!.status).toBe(200);
    expect(answers.find((a) => a.what === 'ldv')!.status).toBe(200);
    expect(answers.find((a) => a.what === 'no token')!.status).toBe(401);
  });

  it('wrote nothing but JSON log lines, at every level debug and up, from every part', () => {
    const lines = parseLogLines(output);
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.msg === 'string' && typeof l.component === 'string')).toBe(true);
    const components = new Set(lines.map((l) => l.component));
    for (const c of ['hub', 'gateway', 'subgraph', 'sync']) expect(components).toContain(c);
    expect(lines.some((l) => l.level === 'debug')).toBe(true);
  });

  it('holds no BSN: not of the world it serves, not of the people asked for, and no token', () => {
    const world = generateMunicipality({ inhabitants: INHABITANTS }).inhabitants.map((p) => p.bsn);
    expect(world).toEqual(expect.arrayContaining(['999990019', '999990044']));
    const found = [...new Set([...world, ...NAMED])].filter((bsn) => output.includes(bsn));
    expect(found).toEqual([]);
    // Nor any other number of nine digits standing alone (inside a hex trace id or hash, nine
    // digits in a row happen by chance and are no BSN).
    expect(output.match(/(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])/g) ?? []).toEqual([]);
    for (const t of tokens) expect(output).not.toContain(t);
    expect(output).not.toMatch(/burgerservicenummer|authorization":"Bearer/i);
  });

  it('has one request line per answer, carrying the trace id of its traceparent, the route and no more', () => {
    const requests = parseLogLines(output).filter((l) => l.component === 'gateway' && l.msg === 'request');
    const answered = answers.filter((a) => a.traceparent);
    expect(answered.length).toBeGreaterThanOrEqual(11);
    for (const a of answered) {
      const traceId = a.traceparent!.split('-')[1];
      const mine = requests.filter((l) => l.traceId === traceId);
      expect({ what: a.what, lines: mine.length }).toEqual({ what: a.what, lines: 1 });
      expect(mine[0]).toMatchObject({ method: 'POST', status: a.status, durationMs: expect.any(Number), roles: expect.any(Array), organisation: expect.any(String) });
      expect(['/graphql', '/ldv/v1/processing-activities']).toContain(mine[0].route);
    }
    // The caller's trace is joined, and the operation is named without the digits it carried.
    const wmo = answers.find((a) => a.what === 'wmo')!;
    expect(requests.find((l) => l.traceId === wmo.traceparent!.split('-')[1])).toMatchObject({ roles: ['wmo-consulent'], organisation: 'gemeente' });
    expect(requests.find((l) => l.operationName === 'Uitkeringen#')).toBeDefined();
    // The refused have their line too, with a trace id, and without who asked when nobody was authenticated.
    const refused: LogLine[] = requests.filter((l) => l.status === 401 || l.status === 404 || l.status === 405);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const l of refused) expect(l.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(refused.find((l) => l.status === 401)).toMatchObject({ roles: null, organisation: null });
    // No line names a path as sent, a query string, a header or a body.
    for (const l of requests) expect(Object.keys(l).sort()).toEqual(['component', 'durationMs', 'level', 'method', 'msg', 'operationName', 'organisation', 'roles', 'route', 'service', 'status', 'time', 'traceId'].sort());
  });
});
