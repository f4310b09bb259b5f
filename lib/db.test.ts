import { isolatedDatabase } from '../test/support/env';
import { openDb, type Db } from './db';
import { migrate } from './migrate';

// Each target: a database of its own that nothing has migrated yet, and how to throw it away.
const targets: Array<[string, () => Promise<{ db: Db; drop(): Promise<void> }>]> = [
  ['pglite', async () => {
    const db = await openDb({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }],
  ['pg', () => isolatedDatabase({ migrated: false })],
];

describe.each(targets)('Db on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
    await db.exec('CREATE TABLE db_test_t (id int PRIMARY KEY, d date, t timestamptz)');
  });
  afterAll(() => drop());

  it('returns dates as ISO strings, not shifted Date objects', async () => {
    await db.query('INSERT INTO db_test_t VALUES (1, $1, $2)', ['2004-03-01', '2026-11-23T10:00:00Z']);
    const [row] = await db.query<{ d: string; t: string }>('SELECT d, t FROM db_test_t WHERE id = 1');
    expect(row).toEqual({ d: '2004-03-01', t: '2026-11-23T10:00:00.000Z' });
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO db_test_t VALUES (2, NULL, NULL)');
        await tx.query('INSERT INTO db_test_t VALUES (2, NULL, NULL)'); // duplicate key
      }),
    ).rejects.toThrow();
    expect(await db.query('SELECT id FROM db_test_t WHERE id = 2')).toEqual([]);
  });

  it('migrates idempotently', async () => {
    await migrate(db);
    expect(await migrate(db)).toEqual([]);
    const tables = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('brp_persoon','dossier_record','sync_state')",
    );
    expect(tables[0].n).toBe(3);
  });
});
