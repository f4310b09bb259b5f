import { recordKey, RECORD_TYPES, type RecordOf, type RecordType, type SourceSystem } from '../domain/record-types';
import type { PersoonRecord } from '../domain/records';
import type { Queryable } from '../lib/db';
import { huishoudenId } from '../domain/household';

/**
 * Writes to the read models. Every write is an idempotent upsert keyed by the source's own
 * identifier, so a job that is retried after dying half-way writes the same rows again and
 * nothing twice. `run` marks what one full sync has seen; `sweep*` removes what it has not.
 */

export async function upsertDossierRecords<T extends RecordType>(db: Queryable, type: T, records: readonly RecordOf[T][], run: string | null, at: string): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({ id: recordKey(type, r), bsn: (r as { burgerservicenummer: string }).burgerservicenummer, record: r }));
  await db.query(
    `INSERT INTO dossier_record (record_type, id, source, bsn, record, synced_at, sync_run)
     SELECT $1, x.id, $2, x.bsn, x.record, $3, $4 FROM jsonb_to_recordset($5::jsonb) AS x(id text, bsn text, record jsonb)
     ON CONFLICT (record_type, id) DO UPDATE
       SET bsn = EXCLUDED.bsn, record = EXCLUDED.record, synced_at = EXCLUDED.synced_at,
           sync_run = COALESCE(EXCLUDED.sync_run, dossier_record.sync_run)`,
    [type, RECORD_TYPES[type].source, at, run, JSON.stringify(rows)],
  );
}

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
  return rows[0].n;
}

export async function upsertPersons(db: Queryable, persons: readonly PersoonRecord[], run: string | null, at: string): Promise<void> {
  if (persons.length === 0) return;
  const rows = persons.map((p) => {
    const aoid = p.adres?.adresseerbaarObjectId ?? null;
    return { bsn: p.burgerservicenummer, aoid, hid: aoid ? huishoudenId(aoid) : null, geheim: p.geheimhouding, record: p };
  });
  await db.query(
    `INSERT INTO brp_persoon (bsn, adresseerbaar_object_id, huishouden_id, geheimhouding, record, synced_at, sync_run)
     SELECT x.bsn, x.aoid, x.hid, x.geheim, x.record, $1, $2 FROM jsonb_to_recordset($3::jsonb) AS x(bsn text, aoid text, hid text, geheim boolean, record jsonb)
     ON CONFLICT (bsn) DO UPDATE
       SET adresseerbaar_object_id = EXCLUDED.adresseerbaar_object_id, huishouden_id = EXCLUDED.huishouden_id, geheimhouding = EXCLUDED.geheimhouding,
           record = EXCLUDED.record, synced_at = EXCLUDED.synced_at, sync_run = COALESCE(EXCLUDED.sync_run, brp_persoon.sync_run)`,
    [at, run, JSON.stringify(rows)],
  );
}

export async function sweepPersons(db: Queryable, run: string, startedAt: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM brp_persoon WHERE sync_run IS DISTINCT FROM $1 AND synced_at < $2 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [run, startedAt],
  );
  return rows[0].n;
}

/** Records that a source's read model was confirmed complete (full) or changed (change) at `at`. */
export async function markSynced(db: Queryable, source: SourceSystem, what: { full?: string; change?: string; cursor?: string; progress?: unknown }): Promise<void> {
  await db.query(
    `INSERT INTO sync_state (source, last_full_sync_at, last_change_at, cursor, progress) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (source) DO UPDATE SET
       last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, sync_state.last_full_sync_at),
       last_change_at = COALESCE(EXCLUDED.last_change_at, sync_state.last_change_at),
       cursor = COALESCE(EXCLUDED.cursor, sync_state.cursor),
       progress = COALESCE(EXCLUDED.progress, sync_state.progress)`,
    [source, what.full ?? null, what.change ?? null, what.cursor ?? null, what.progress === undefined ? null : JSON.stringify(what.progress)],
  );
}

export interface SyncStateRow {
  lastFullSyncAt: string | null;
  lastChangeAt: string | null;
  cursor: string | null;
  progress: unknown;
}

export async function syncState(db: Queryable, source: SourceSystem): Promise<SyncStateRow | null> {
  const rows = await db.query<{ last_full_sync_at: string | null; last_change_at: string | null; cursor: string | null; progress: unknown }>(
    'SELECT last_full_sync_at, last_change_at, cursor, progress FROM sync_state WHERE source = $1',
    [source],
  );
  const r = rows[0];
  return r ? { lastFullSyncAt: r.last_full_sync_at, lastChangeAt: r.last_change_at, cursor: r.cursor, progress: r.progress } : null;
}
