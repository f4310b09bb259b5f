import type { SourceSystem } from '../domain/record-types';
import type { Queryable } from '../lib/db';

/** `sync_state`: per source, when the read model was last confirmed complete or changed, and where an incremental reader stands. */

/**
 * Records that a source's read model was confirmed complete (full) or changed (change), or that
 * the source answered at all (reached: a poll that found nothing new), at those times.
 */
export async function markSynced(db: Queryable, source: SourceSystem, what: { full?: string; change?: string; reached?: string; cursor?: string; progress?: unknown }): Promise<void> {
  const reached = [what.reached, what.full, what.change].filter((t): t is string => !!t).sort().at(-1) ?? null;
  await db.query(
    `INSERT INTO sync_state (source, last_full_sync_at, last_change_at, cursor, progress, last_reached_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (source) DO UPDATE SET
       last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, sync_state.last_full_sync_at),
       last_change_at = COALESCE(EXCLUDED.last_change_at, sync_state.last_change_at),
       cursor = COALESCE(EXCLUDED.cursor, sync_state.cursor),
       progress = COALESCE(EXCLUDED.progress, sync_state.progress),
       last_reached_at = GREATEST(EXCLUDED.last_reached_at, sync_state.last_reached_at)`,
    [source, what.full ?? null, what.change ?? null, what.cursor ?? null, what.progress === undefined ? null : JSON.stringify(what.progress), reached],
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

/**
 * Records how a sync job of `source` went at `at`: a success, or a failure with its error code.
 * The code is checked to be a short identifier, so no message (which can quote data) lands here.
 */
export async function markSyncOutcome(db: Queryable, source: SourceSystem, at: string, errorCode?: string): Promise<void> {
  const code = errorCode === undefined ? null : /^[A-Z0-9_]{1,40}$/i.test(errorCode) ? errorCode : 'ERROR';
  await db.query(
    code === null
      ? `INSERT INTO sync_state (source, last_success_at) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET last_success_at = GREATEST(EXCLUDED.last_success_at, sync_state.last_success_at)`
      : `INSERT INTO sync_state (source, last_error_at, last_error_code) VALUES ($1, $2, $3)
         ON CONFLICT (source) DO UPDATE SET last_error_at = EXCLUDED.last_error_at, last_error_code = EXCLUDED.last_error_code`,
    code === null ? [source, at] : [source, at, code],
  );
}

export interface SyncHealthRow {
  source: string;
  /** When a full sync of the source last completed; null before the first. */
  lastFullSyncAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
}

/** Every source's last full sync, last success and last error, in one query (/readyz, restarts). */
export async function syncHealth(db: Queryable): Promise<SyncHealthRow[]> {
  const rows = await db.query<{ source: string; last_full_sync_at: string | null; last_success_at: string | null; last_error_at: string | null; last_error_code: string | null }>(
    'SELECT source, last_full_sync_at, last_success_at, last_error_at, last_error_code FROM sync_state',
  );
  return rows.map((r) => ({ source: r.source, lastFullSyncAt: r.last_full_sync_at, lastSuccessAt: r.last_success_at, lastErrorAt: r.last_error_at, lastErrorCode: r.last_error_code }));
}
