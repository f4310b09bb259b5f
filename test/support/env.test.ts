import { isolatedDatabase } from './env';

it('gives each caller a schema of its own', async () => {
  const a = await isolatedDatabase();
  const b = await isolatedDatabase();
  try {
    await a.db.query("INSERT INTO sync_state (source) VALUES ('GWS')");
    expect(await b.db.query('SELECT * FROM sync_state')).toEqual([]);
    expect(await a.db.query('SELECT source FROM sync_state')).toEqual([{ source: 'GWS' }]);
  } finally {
    await a.drop();
    await b.drop();
  }
});
