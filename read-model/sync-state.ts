import type { SourceSystem } from '../domain/record-types';
import type { Queryable } from '../lib/db';

/** `sync_state`: per source, when the read model was last confirmed complete or changed, and where an incremental reader stands. */

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
