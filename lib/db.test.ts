import { openDb, type Db } from './db';
import { migrate } from './migrate';

const targets: Array<[string, () => Promise<Db>]> = [['pglite', () => openDb({ dataDir: 'memory://' })]];
if (process.env.DATABASE_URL) targets.push(['pg', () => openDb({ databaseUrl: process.env.DATABASE_URL })]);

describe.each(targets)('Db on %s', (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await db.exec('DROP TABLE IF EXISTS db_test_t; CREATE TABLE db_test_t (id int PRIMARY KEY, d date, t timestamptz)');
  });
  afterAll(async () => {
    await db.exec('DROP TABLE IF EXISTS db_test_t');
    await db.close();
  });

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
    const tables = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('brp_persoon','dossier_record','sync_state')");
    expect(tables[0].n).toBe(3);
  });
});
