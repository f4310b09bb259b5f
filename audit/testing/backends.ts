import { openDb, type Db } from '../../lib/db';
import { migrate } from '../../lib/migrate';
import type { RequestContext } from '../../policy/types';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditRecord, AuditRow } from '../record';
import { isolatedDatabase, uniqueName } from '../../test/support/env';

// Starting PGlite takes seconds, a schema milliseconds: one PGlite per test file, a schema per
// test, as isolatedDatabase() does on Postgres.
let pglite: Promise<Db> | undefined;
// Its WASM instance would otherwise keep the test worker from exiting.
afterAll(async () => {
  await (await pglite)?.close();
  pglite = undefined;
});

async function isolatedPglite(): Promise<{ db: Db; drop(): Promise<void> }> {
  pglite ??= openDb({ dataDir: 'memory://' });
  const db = await pglite;
  const schema = uniqueName('t');
  // PGlite is one connection: the search_path holds for everything until the next test sets its own.
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
  await migrate(db);
  return { db, drop: () => db.exec(`SET search_path = public; DROP SCHEMA ${schema} CASCADE`) };
}

/** The two databases the audit store must work on: a real Postgres schema of its own, and PGlite in memory. */
export const BACKENDS: Array<[string, () => Promise<{ db: Db; drop(): Promise<void> }>]> = [
  ['Postgres', () => isolatedDatabase()],
  ['PGlite', isolatedPglite],
];

/** Runs `sql` as a superuser with row triggers off: how someone with full database rights alters the log. */
export async function asSuperuserBypassingTriggers(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

/** A request context as the gateway would sign it. */
export function requestContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
    doel: 'WMO_ONDERSTEUNING',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    operationName: 'Dossier',
    documentHash: 'a'.repeat(64),
    ...overrides,
  };
}

/** A part's record of a Wmo consulent's read of 999990019, as a subgraph would append it; a fresh id each time. */
export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    tijdstip: '2026-11-02T09:00:00.000Z',
    soort: 'VERWERKING',
    bron: 'wmo',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    verwerkingsactiviteit: 'VA-SD-01',
    betrokkene: { id: '999990019', type: 'BSN' },
    actor: { sub: 'consulent-1', organisatie: 'gemeente', rollen: ['wmo-consulent'] },
    doel: 'WMO_ONDERSTEUNING',
    operatie: null,
    documentHash: null,
    verstrekt: ['WmoVoorziening.productCategorie'],
    geweigerd: [],
    status: 'VERSTREKT',
    httpStatus: null,
    ...overrides,
  };
}

/** A record as the drivers would return its row: the inverse of `recordFromRow`, for tests that fake a read. */
export function rowFromRecord(r: AuditRecord): AuditRow {
  return {
    stroom: r.stroom,
    volgnummer: r.volgnummer,
    id: r.id,
    tijdstip: r.tijdstip,
    soort: r.soort,
    bron: r.bron,
    trace_id: r.traceId,
    span_id: r.spanId,
    verwerkingsactiviteit: r.verwerkingsactiviteit,
    betrokkene: r.betrokkene?.id ?? null,
    betrokkene_type: r.betrokkene?.type ?? null,
    actor_sub: r.actor.sub,
    actor_organisatie: r.actor.organisatie,
    actor_rollen: r.actor.rollen,
    doel: r.doel,
    operatie: r.operatie,
    document_hash: r.documentHash,
    verstrekt: r.verstrekt,
    geweigerd: r.geweigerd,
    status: r.status,
    http_status: r.httpStatus,
    hash: r.hash,
  };
}
