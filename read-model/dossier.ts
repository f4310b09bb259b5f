import { recordKey, RECORD_TYPES, type RecordOf, type RecordType, type SourceSystem } from '../domain/record-types';
import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';

/**
 * `dossier_record`: every domain record the back offices sent (Wmo voorziening, jeugdhulp,
 * uitkering, leerplicht records) in one shape, so that sync, retention and loaders are written
 * once. Every statement on the table is in this file.
 *
 * Reads hand each record out with what its archive term may need of the person (the BRP birth
 * date), so that the policy layer can judge the term at read time without another query.
 */

/** What the archive term of a record may start from: the subject's birth date as the BRP knows it. */
export interface KnownBirth {
  geboortedatum: string | null;
  onvolledig: { jaar: number | null; maand: number | null } | null;
}

/** One read-model record as readers get it. */
export interface StoredRecord {
  type: RecordType;
  bsn: string;
  record: unknown;
  birth: KnownBirth | null;
}

export function birthOf(p: Pick<PersoonRecord, 'geboortedatum' | 'geboortedatumOnvolledig'> | null | undefined): KnownBirth | null {
  return p ? { geboortedatum: p.geboortedatum, onvolledig: p.geboortedatumOnvolledig } : null;
}

type Row = { bsn: string; record_type: RecordType; record: unknown; persoon: Pick<PersoonRecord, 'geboortedatum' | 'geboortedatumOnvolledig'> | null };

/**
 * Of the person `p` joined to a dossier record, only what retention and the policy layer need:
 * the birth date. The whole BRP record would travel and be parsed once per dossier record, for
 * two of its fields. Null where no person joined.
 */
const BIRTH_OF_P = `CASE WHEN p.bsn IS NULL THEN NULL ELSE jsonb_build_object('geboortedatum', p.record->'geboortedatum', 'geboortedatumOnvolledig', p.record->'geboortedatumOnvolledig') END`;
// The statements of the read path are built once: a query text put together per call would be
// a new string each time, flattened and hashed again to find its prepared statement.
//
// DOSSIERS_OF answers several queries at once: one row per (query, person), and one per record
// of that person of the query's types. A query's record types travel as one comma-separated
// text, since each query has its own list and Postgres has no arrays of arrays of different
// lengths. Our record type names hold no commas.
const DOSSIERS_OF = `SELECT q.i, q.bsn, d.record_type, d.record, ${BIRTH_OF_P} AS persoon, d.synced_at, s.last_full_sync_at, s.last_reached_at
   FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS q(i, bsn, source, types)
   LEFT JOIN dossier_record d ON d.bsn = q.bsn AND d.record_type = ANY(string_to_array(q.types, ','))
   LEFT JOIN brp_persoon p ON p.bsn = q.bsn
   LEFT JOIN sync_state s ON s.source = q.source
  ORDER BY q.i, q.bsn, d.record_type, d.id`;
const HOUSEHOLD_DOSSIERS = `SELECT p.huishouden_id AS hid, p.bsn, ${BIRTH_OF_P} AS persoon, d.record_type, d.record
   FROM brp_persoon p LEFT JOIN dossier_record d ON d.bsn = p.bsn
  WHERE p.huishouden_id = ANY($1::text[])`;
const toStored = (r: Row): StoredRecord => ({ type: r.record_type, bsn: r.bsn, record: r.record, birth: birthOf(r.persoon) });

/** One person's dossier block as the read model holds it. */
export interface PersonDossier {
  records: StoredRecord[];
  /**
   * When this person's copy was last confirmed from the source: the newest `synced_at` of their
   * records (the last full sync or change that read them), and at least the last full sync,
   * which confirmed what they have (or that they have nothing). Never another person's change.
   */
  gesynchroniseerdOp: string | null;
  /** When the hub last reached the source at all (sync_state.last_reached_at, see markSynced); null if never. */
  bronBereiktOp: string | null;
}

/** A read of dossier blocks: these persons, the records of these types, from this source. */
export interface DossierQuery {
  bsns: readonly string[];
  source: SourceSystem;
  types: readonly RecordType[];
}

/** The dossier of each person for these record types, and when each person's copy was last confirmed. */
export async function dossiersOf(db: Queryable, bsns: readonly string[], source: SourceSystem, types: readonly RecordType[]): Promise<Map<string, PersonDossier>> {
  return (await dossiersOfMany(db, [{ bsns, source, types }]))[0];
}

/** `dossiersOf` for several queries, in one statement: the answers in the queries' order. */
export async function dossiersOfMany(db: Queryable, queries: readonly DossierQuery[]): Promise<Array<Map<string, PersonDossier>>> {
  const index: number[] = [];
  const bsns: string[] = [];
  const sources: string[] = [];
  const types: string[] = [];
  queries.forEach((q, i) => {
    const joined = q.types.join(',');
    for (const bsn of q.bsns) index.push(i), bsns.push(bsn), sources.push(q.source), types.push(joined);
  });
  const rows = await db.query<{ i: number; bsn: string; record_type: RecordType | null; record: unknown; persoon: Row['persoon']; synced_at: string | null; last_full_sync_at: string | null; last_reached_at: string | null }>(
    DOSSIERS_OF,
    [index, bsns, sources, types],
  );
  const out = queries.map((q) => new Map<string, PersonDossier>(q.bsns.map((b) => [b, { records: [], gesynchroniseerdOp: null, bronBereiktOp: null }])));
  for (const row of rows) {
    const entry = out[row.i].get(row.bsn)!;
    // Both drivers hand timestamptz out as ISO strings already (lib/db.ts), so they compare as text.
    entry.gesynchroniseerdOp = latest(entry.gesynchroniseerdOp, row.last_full_sync_at);
    entry.bronBereiktOp = row.last_reached_at;
    if (row.record_type) {
      entry.records.push(toStored(row as Row));
      entry.gesynchroniseerdOp = latest(entry.gesynchroniseerdOp, row.synced_at);
    }
  }
  return out;
}

/** The members of each household (by huishouden_id) and every dossier record of theirs, in one query. */
export async function householdDossiers(db: Queryable, householdIds: readonly string[]): Promise<Map<string, { leden: string[]; records: StoredRecord[] }>> {
  const rows = await db.query<{ hid: string; bsn: string; persoon: Row['persoon']; record_type: RecordType | null; record: unknown }>(
    HOUSEHOLD_DOSSIERS,
    [householdIds],
  );
  const out = new Map<string, { leden: string[]; records: StoredRecord[] }>(householdIds.map((id) => [id, { leden: [], records: [] }]));
  for (const r of rows) {
    const h = out.get(r.hid)!;
    if (!h.leden.includes(r.bsn)) h.leden.push(r.bsn);
    if (r.record_type) h.records.push(toStored(r as Row));
  }
  return out;
}

/** Every record of one type, with the subject's birth date when `withBirth` (the retention run). */
export async function recordsOfType(db: Queryable, type: RecordType, options: { bsns?: readonly string[]; withBirth?: boolean } = {}): Promise<Array<StoredRecord & { id: string }>> {
  const rows = await db.query<Row & { id: string }>(
    `SELECT d.id, d.bsn, d.record_type, d.record, ${options.withBirth ? BIRTH_OF_P : 'NULL::jsonb'} AS persoon
       FROM dossier_record d ${options.withBirth ? 'LEFT JOIN brp_persoon p ON p.bsn = d.bsn' : ''}
      WHERE d.record_type = $1 ${options.bsns ? 'AND d.bsn = ANY($2::text[])' : ''}`,
    options.bsns ? [type, options.bsns] : [type],
  );
  return rows.map((r) => ({ ...toStored(r), id: r.id }));
}

/** The persons who have at least one record of these types, among `bsns`. */
export async function subjectsWithRecords(db: Queryable, bsns: readonly string[], types: readonly RecordType[]): Promise<Set<string>> {
  if (bsns.length === 0) return new Set();
  const rows = await db.query<{ bsn: string }>('SELECT DISTINCT bsn FROM dossier_record WHERE bsn = ANY($1::text[]) AND record_type = ANY($2::text[])', [bsns, types]);
  return new Set(rows.map((r) => r.bsn));
}

/** Everyone the domain sources hold a record of: the subjects the BRP copy is built around. */
export async function dossierSubjects(db: Queryable): Promise<string[]> {
  return (await db.query<{ bsn: string }>('SELECT DISTINCT bsn FROM dossier_record ORDER BY bsn')).map((r) => r.bsn);
}

/**
 * Writes records keyed by the source's own identifier: idempotent, so a job that is retried
 * after dying half-way writes the same rows again and nothing twice. `run` marks what one full
 * sync has seen, for the sweep.
 *
 * Ordered by `version` (what the source's state is as of, read-model/versions.ts): a row is
 * written only where the stored row and any tombstone are not newer, whichever job writes. So a
 * full sync page read before a change was applied cannot overwrite the change's newer state, and
 * an upsert older than a deletion cannot bring the record back. An equal version is written
 * again (a retried job). `at` is when the source was read: the record's `synced_at`.
 */
export async function upsertDossierRecords<T extends RecordType>(db: Queryable, type: T, records: readonly RecordOf[T][], run: string | null, at: string, version: string): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({ id: recordKey(type, r), bsn: (r as { burgerservicenummer: string }).burgerservicenummer, record: r }));
  await db.query(
    `WITH incoming AS (
       SELECT x.id, x.bsn, x.record FROM jsonb_to_recordset($5::jsonb) AS x(id text, bsn text, record jsonb)
        WHERE NOT EXISTS (SELECT 1 FROM dossier_tombstone t WHERE t.record_type = $1 AND t.id = x.id AND t.version > $6::text COLLATE "C")
     ), revived AS (
       DELETE FROM dossier_tombstone t USING incoming i WHERE t.record_type = $1 AND t.id = i.id RETURNING t.id
     )
     INSERT INTO dossier_record (record_type, id, source, bsn, record, synced_at, sync_run, version)
     SELECT $1, i.id, $2, i.bsn, i.record, $3, $4, $6 FROM incoming i
     ON CONFLICT (record_type, id) DO UPDATE
       SET bsn = EXCLUDED.bsn, record = EXCLUDED.record, synced_at = EXCLUDED.synced_at,
           sync_run = COALESCE(EXCLUDED.sync_run, dossier_record.sync_run), version = EXCLUDED.version
     WHERE dossier_record.version IS NULL OR dossier_record.version <= EXCLUDED.version`,
    [type, RECORD_TYPES[type].source, at, run, JSON.stringify(rows), version],
  );
}

/**
 * A deletion the source reported (or a record the source no longer holds, found by a change):
 * removes the row unless it is newer than `version`, and leaves a tombstone (type, key, version
 * only) so that an older upsert arriving later cannot resurrect it.
 */
export async function tombstoneDossierRecords(db: Queryable, type: RecordType, ids: readonly string[], version: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `WITH gone AS (
       DELETE FROM dossier_record WHERE record_type = $1 AND id = ANY($2::text[]) AND (version IS NULL OR version <= $3::text COLLATE "C") RETURNING id
     ), kept AS (
       SELECT id FROM dossier_record WHERE record_type = $1 AND id = ANY($2::text[]) AND version > $3::text COLLATE "C"
     )
     INSERT INTO dossier_tombstone (record_type, id, version, deleted_at)
     SELECT $1, k.id, $3, $4 FROM unnest($2::text[]) AS k(id) WHERE k.id NOT IN (SELECT id FROM kept)
     ON CONFLICT (record_type, id) DO UPDATE SET version = EXCLUDED.version, deleted_at = EXCLUDED.deleted_at
     WHERE dossier_tombstone.version < EXCLUDED.version`,
    [type, ids, version, at],
  );
}

/**
 * Removes records for good, leaving no tombstone: the destruction the law requires (retention).
 * Nothing of the record stays; an older copy arriving later is refused by the retention filter
 * on import, not by a tombstone.
 */
export async function deleteDossierRecords(db: Queryable, type: RecordType, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.query('DELETE FROM dossier_record WHERE record_type = $1 AND id = ANY($2::text[])', [type, ids]);
}

/**
 * Removes records of these types that the full sync `run` did not see: gone from the source.
 * Rows written after the run started (by an incremental change) are newer than the scan and stay.
 */
export async function sweepDossier(db: Queryable, types: readonly RecordType[], run: string, startedAt: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM dossier_record
                    WHERE record_type = ANY($1::text[]) AND sync_run IS DISTINCT FROM $2 AND synced_at < $3 RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [types, run, startedAt],
  );
  // A tombstone older than a completed scan guards nothing the scan did not already settle,
  // except a write still in flight from before it; a day leaves such a write ample time.
  await db.query("DELETE FROM dossier_tombstone WHERE record_type = ANY($1::text[]) AND deleted_at < $2::timestamptz - interval '1 day'", [types, startedAt]);
  return rows[0].n;
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
