import type { SourceSystem } from '../domain/record-types';
import type { Queryable } from '../lib/db';

/**
 * `sync_state`: per source, when the read model was last confirmed complete or changed, when the
 * source was last reached, where an incremental reader stands, and how its sync last failed.
 */

/**
 * Records that a source's read model was confirmed complete (full) or changed (change), or that
 * the source answered at all (reached: a poll that found nothing new), at those times, on the
 * sync's clock; in the transaction that commits what the source said, when it said anything.
 *
 * `last_reached_at` becomes the latest of the three: when a sync job last got an answer from the
 * source and committed what it found. It is the one time both readers of freshness go by:
 * answers (bronBereiktOp, verouderd: dossiersOf) and /readyz (lastSuccessAt, lag: syncHealth).
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
 * Records that a sync job of `source` failed at `at` (the sync's clock, as markSynced's times),
 * with its error code. A success needs no record here: the job's markSynced is it. The code is
 * checked to be a short identifier, so no message (which can quote data) lands here.
 */
export async function markSyncFailure(db: Queryable, source: SourceSystem, at: string, errorCode: string): Promise<void> {
  const code = /^[A-Z0-9_]{1,40}$/i.test(errorCode) ? errorCode : 'ERROR';
  await db.query(
    `INSERT INTO sync_state (source, last_error_at, last_error_code) VALUES ($1, $2, $3)
     ON CONFLICT (source) DO UPDATE SET last_error_at = EXCLUDED.last_error_at, last_error_code = EXCLUDED.last_error_code`,
    [source, at, code],
  );
}

export interface SyncHealthRow {
  source: string;
  /** When a full sync of the source last completed; null before the first. */
  lastFullSyncAt: string | null;
  /** When a sync job last reached the source and committed what it found (markSynced); null if never. */
  lastReachedAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
}

/** Every source's last full sync, last reach and last error, in one query (/readyz, restarts). */
export async function syncHealth(db: Queryable): Promise<SyncHealthRow[]> {
  const rows = await db.query<{ source: string; last_full_sync_at: string | null; last_reached_at: string | null; last_error_at: string | null; last_error_code: string | null }>(
    'SELECT source, last_full_sync_at, last_reached_at, last_error_at, last_error_code FROM sync_state',
  );
  return rows.map((r) => ({ source: r.source, lastFullSyncAt: r.last_full_sync_at, lastReachedAt: r.last_reached_at, lastErrorAt: r.last_error_at, lastErrorCode: r.last_error_code }));
}
