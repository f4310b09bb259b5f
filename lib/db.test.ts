import { createServer, connect, type Server, type Socket } from 'node:net';
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

/**
 * A TCP proxy in front of Postgres that, once armed, cuts the next new connection at the worst
 * moment for a driver: it holds back the server's first ReadyForQuery, terminates that backend
 * (pg_terminate_backend, as an operator or a failover would), and hands the client the
 * ReadyForQuery and the server's FATAL in one write, so that both are parsed in one go.
 */
async function cuttingProxy(upstreamUrl: string, admin: Db): Promise<{ url: string; arm(): void; cuts: () => number; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  let armed = false;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const server = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(server);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    client.pipe(server);
    const cutThis = armed;
    armed = false;
    if (!cutThis) return void server.pipe(client);
    // Server to client, message by message: a type byte, then a length that counts itself.
    let pending = Buffer.alloc(0);
    let pid = 0;
    let held: Buffer | undefined;
    server.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
        const message = pending.subarray(0, 1 + pending.readInt32BE(1));
        pending = pending.subarray(message.length);
        const type = String.fromCharCode(message[0]);
        if (type === 'K') pid = message.readInt32BE(5);
        if (type === 'Z' && !held) {
          held = message;
          void admin.query('SELECT pg_terminate_backend($1)', [pid]);
        } else if (type === 'E' && held) {
          cuts++;
          client.write(Buffer.concat([held, message]));
        } else if (!held) {
          client.write(message);
        }
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = new URL(upstreamUrl);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.toString(),
    arm: () => void (armed = true),
    cuts: () => cuts,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

describe('Db on pg, when the server cuts a connection', () => {
  let scratch: Awaited<ReturnType<typeof isolatedDatabase>>;
  let proxy: Awaited<ReturnType<typeof cuttingProxy>>;
  let db: Db;
  beforeAll(async () => {
    scratch = await isolatedDatabase({ migrated: false });
    proxy = await cuttingProxy(scratch.url, scratch.db);
    db = await openDb({ databaseUrl: proxy.url, poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    await proxy?.close();
    await scratch?.drop();
  });

  it('fails the transaction, not the process, when the FATAL comes in the packet that handed the connection out', async () => {
    // The pool's one connection is busy, so the transaction needs a new one: the proxy cuts that.
    const busy = db.query('SELECT pg_sleep(0.3)');
    proxy.arm();
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toThrow();
    expect(proxy.cuts()).toBe(1);
    await busy;
    // The broken connection is gone from the pool; the next transaction gets a sound one.
    expect(await db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });
});
