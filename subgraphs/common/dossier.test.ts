import { jeugdhulp, uitkering, wmoVoorziening } from '../../domain/testing/records';
import { openDb, type Db } from '../../lib/db';
import { migrate } from '../../lib/migrate';
import type { RequestContext } from '../../policy';
import { dossiersOf, upsertDossierRecords } from '../../read-model';
import { markSynced } from '../../read-model/sync-state';
import { isolatedDatabase } from '../../test/support/env';
import { DossierReads } from './dossier';

const A = '999990019';
const B = '999990044';
const C = '999990068';

const request = (): RequestContext => ({
  actor: { sub: 'u', organisatie: 'gemeente', rollen: ['regisseur'] },
  doel: 'INTEGRALE_AANPAK',
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  operationName: null,
  documentHash: null,
});

const targets: Array<[string, () => Promise<{ db: Db; drop(): Promise<void> }>]> = [
  ['pglite', async () => {
    const db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    return { db, drop: () => db.close() };
  }],
  ['pg', () => isolatedDatabase()],
];

describe.each(targets)('the domain subgraphs’ dossier reads on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  let statements: string[] = [];
  beforeAll(async () => {
    ({ db, drop } = await open());
    const at = '2026-12-01T10:00:00.000Z';
    await upsertDossierRecords(db, 'WMO_VOORZIENING', [wmoVoorziening({ burgerservicenummer: A, toewijzingNummer: 'W1' }), wmoVoorziening({ burgerservicenummer: B, toewijzingNummer: 'W2' })], null, at, `t${at}`);
    await upsertDossierRecords(db, 'UITKERING', [uitkering({ burgerservicenummer: A, dossierNummer: 'U1' })], null, at, `t${at}`);
    await upsertDossierRecords(db, 'JEUGDHULP', [jeugdhulp({ burgerservicenummer: C, toewijzingNummer: 'J1' })], null, at, `t${at}`);
    await markSynced(db, 'GWS', { full: at, reached: at });
    db.onQuery = (sql) => void statements.push(sql);
  });
  afterAll(() => drop());
  beforeEach(() => void (statements = []));

  const WMO = { source: 'GWS', types: ['WMO_VOORZIENING'] } as const;
  const WI = { source: 'GWS', types: ['UITKERING'] } as const;
  const JEUGD = { source: 'JEUGD', types: ['JEUGDHULP'] } as const;

  it('joins the reads of one request made in one turn into one statement, each answered as if read alone', async () => {
    const reads = new DossierReads(db);
    const one = request();
    const [wmo, wi, jeugd] = await Promise.all([
      reads.read(one, { bsns: [A, B, C], ...WMO }),
      reads.read(one, { bsns: [A, B], ...WI }),
      reads.read(one, { bsns: [C, A], ...JEUGD }),
    ]);
    expect(statements).toHaveLength(1);
    // The same answers, to the letter, as three reads of their own.
    expect(wmo).toEqual(await dossiersOf(db, [A, B, C], WMO.source, WMO.types));
    expect(wi).toEqual(await dossiersOf(db, [A, B], WI.source, WI.types));
    expect(jeugd).toEqual(await dossiersOf(db, [C, A], JEUGD.source, JEUGD.types));
    // And what that is: each read only its own types, its own source's freshness.
    expect(wmo.get(A)!.records.map((r) => r.type)).toEqual(['WMO_VOORZIENING']);
    expect(wi.get(A)!.records.map((r) => r.type)).toEqual(['UITKERING']);
    expect(wi.get(B)!.records).toEqual([]);
    expect(jeugd.get(C)!.records.map((r) => (r.record as { toewijzingNummer: string }).toewijzingNummer)).toEqual(['J1']);
    expect(wmo.get(C)!.bronBereiktOp).toBe('2026-12-01T10:00:00.000Z');
    expect(jeugd.get(C)!.bronBereiktOp).toBeNull();
  });

  it('never joins the reads of two requests, nor reads of one request in different turns', async () => {
    const reads = new DossierReads(db);
    const [one, two] = [request(), request()];
    await Promise.all([reads.read(one, { bsns: [A], ...WMO }), reads.read(two, { bsns: [A], ...WMO }), reads.read(one, { bsns: [A], ...WI })]);
    expect(statements).toHaveLength(2);
    statements = [];
    await reads.read(one, { bsns: [B], ...WMO });
    await reads.read(one, { bsns: [B], ...WI });
    expect(statements).toHaveLength(2);
  });

  it('fails every read of a statement that fails, and reads again in the next turn', async () => {
    let down = true;
    const flaky = { ...db, query: (sql: string, params?: unknown[]) => (down ? Promise.reject(new Error('connection lost')) : db.query(sql, params)) } as Db;
    const reads = new DossierReads(flaky);
    const one = request();
    const results = await Promise.allSettled([reads.read(one, { bsns: [A], ...WMO }), reads.read(one, { bsns: [A], ...WI })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    down = false;
    expect((await reads.read(one, { bsns: [A], ...WMO })).get(A)!.records).toHaveLength(1);
  });
});
