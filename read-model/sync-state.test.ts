import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../lib/db';
import { migrate } from '../lib/migrate';
import { dossiersOf } from './dossier';
import { markSynced, markSyncFailure, syncHealth } from './sync-state';

/**
 * sync_state's one time of reaching a source, which answers (bronBereiktOp) and /readyz
 * (syncHealth) both read, and the failures recorded beside it.
 */
describe('sync_state', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
  });
  afterAll(() => db.close());
  beforeEach(() => db.exec('DELETE FROM sync_state'));

  const health = async (source: string) => (await syncHealth(db)).find((r) => r.source === source);

  it('a full sync, a change or a poll that found nothing all reach the source; the latest counts, for answers and /readyz alike', async () => {
    await markSynced(db, 'GWS', { full: '2026-02-01T03:00:00Z' });
    expect(await health('GWS')).toMatchObject({ lastFullSyncAt: '2026-02-01T03:00:00.000Z', lastReachedAt: '2026-02-01T03:00:00.000Z' });
    await markSynced(db, 'GWS', { change: '2026-02-01T10:00:00Z' });
    await markSynced(db, 'GWS', { reached: '2026-02-01T09:00:00Z' });
    expect((await health('GWS'))!.lastReachedAt).toBe('2026-02-01T10:00:00.000Z');
    expect((await dossiersOf(db, ['999990019'], 'GWS', ['WMO_VOORZIENING'])).get('999990019')!.bronBereiktOp).toBe('2026-02-01T10:00:00.000Z');
  });

  it('records a failure by its code only, and leaves the time the source was last reached alone', async () => {
    await markSynced(db, 'JEUGD', { reached: '2026-02-01T10:00:00Z' });
    await markSyncFailure(db, 'JEUGD', '2026-02-01T10:00:05Z', 'SOURCE_UNAVAILABLE');
    expect(await health('JEUGD')).toMatchObject({ lastReachedAt: '2026-02-01T10:00:00.000Z', lastErrorAt: '2026-02-01T10:00:05.000Z', lastErrorCode: 'SOURCE_UNAVAILABLE' });
    await markSyncFailure(db, 'JEUGD', '2026-02-01T10:00:06Z', 'invalid input: "999990019"');
    expect((await health('JEUGD'))!.lastErrorCode).toBe('ERROR');
  });

  it('migration 011 keeps the latest of the two former columns (and of the full-sync and change times) in last_reached_at', async () => {
    const scratch = await openDb({ dataDir: 'memory://' });
    try {
      await migrate(scratch);
      // The table as it was before 011.
      await scratch.exec('ALTER TABLE sync_state ADD COLUMN last_success_at timestamptz');
      await scratch.exec(`INSERT INTO sync_state (source, last_full_sync_at, last_change_at, last_reached_at, last_success_at) VALUES
        ('GWS', '2026-02-01T03:00:00Z', NULL, '2026-02-01T03:00:00Z', '2026-02-01T03:04:00Z'),
        ('LAS', '2026-02-01T07:00:00Z', NULL, NULL, NULL),
        ('JEUGD', '2026-02-01T03:00:00Z', '2026-02-01T10:00:00Z', '2026-02-01T10:00:02Z', '2026-02-01T10:00:01Z')`);
      await scratch.exec(readFileSync(join(__dirname, 'migrations', '011-sync-reached.sql'), 'utf8'));
      const rows = await syncHealth(scratch);
      expect(Object.fromEntries(rows.map((r) => [r.source, r.lastReachedAt]))).toEqual({
        GWS: '2026-02-01T03:04:00.000Z',
        LAS: '2026-02-01T07:00:00.000Z',
        JEUGD: '2026-02-01T10:00:02.000Z',
      });
      expect(await scratch.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'sync_state' AND column_name = 'last_success_at'")).toEqual([]);
    } finally {
      await scratch.close();
    }
  });
});
