import { mkdirSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { Pool, types, type PoolClient, type QueryConfig } from 'pg';
import { traceDb } from './tracing';

/**
 * One small interface over both Postgres drivers: `pg` against a real server, PGlite embedded.
 * Read models, consent and audit code is written once against it.
 */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in one transaction: all of it commits, or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A second, smaller pool on the same database, for work that must not wait behind the read
   * models for a connection and whose statements must end (the audit writes). PGlite is one
   * connection, so there it is this Db itself, without the timeout. Statements through it are
   * reported to this Db's `onQuery`. Close it on its own.
   */
  dedicated(options: { poolSize: number; statementTimeoutMs?: number }): Db;
  /** Called once per statement; tests count read-model queries with it. */
  onQuery?: (sql: string) => void;
}

interface DbOptions {
  /** Postgres connection string. Without it, PGlite is used under `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite's files; `memory://` keeps it in memory (tests). @defaultValue '.data/pglite' */
  dataDir?: string;
  /** Pool size for `pg`. @defaultValue 10 */
  poolSize?: number;
}

// Dates and timestamps come back as strings: the schema speaks ISO strings, and JS Date would
// shift a DATE by the local time zone.
types.setTypeParser(1082, (v: string) => v); // date
types.setTypeParser(1114, (v: string) => new Date(`${v}Z`).toISOString()); // timestamp
types.setTypeParser(1184, (v: string) => new Date(v).toISOString()); // timestamptz
types.setTypeParser(20, (v: string) => Number(v)); // int8: counts fit comfortably in a double

/** `url` with every connection's search_path set to `schema`: a schema of one's own in a shared database (tests, bench). */
function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * A fresh schema of its own in a shared database, reached through a connection string that sets
 * search_path, so that test files and bench runs side by side never meet; `drop` removes it.
 */
export async function scratchSchema(databaseUrl: string, prefix: string, poolSize: number): Promise<{ url: string; schema: string; db: Db; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await openDb({ databaseUrl, poolSize: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const url = withSearchPath(databaseUrl, schema);
  const db = await openDb({ databaseUrl: url, poolSize });
  return {
    url,
    schema,
    db,
    async drop() {
      await db.close().catch(() => undefined);
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export async function openDb(options: DbOptions = {}): Promise<Db> {
  if (!options.databaseUrl) return openPglite(options.dataDir ?? '.data/pglite');
  const db = pgDb(new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 }), options.databaseUrl);
  await db.query('SELECT 1');
  return db;
}

/**
 * Every parameterised statement runs as a named prepared statement, so Postgres parses and plans
 * it once per connection rather than on every request. Our statements are a fixed set written in
 * code, so the names stay few.
 */
const statementNames = new Map<string, string>();
function statement(text: string, values: unknown[] | undefined): QueryConfig {
  if (!values) return { text };
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return { name, text, values };
}

/**
 * A client from `pool` with `onError` listening from the moment the pool hands it out. Awaiting
 * `pool.connect()` would attach it a microtask later: too late when the server's FATAL arrived in
 * the same packet as the ReadyForQuery that completed the hand-out, since the driver parses the
 * rest of that packet first and emits the error to no one.
 */
function checkOut(pool: Pool, onError: (err: Error) => void): Promise<PoolClient> {
  return new Promise((resolve, reject) =>
    pool.connect((err, client) => {
      if (err || !client) return reject(err);
      client.on('error', onError);
      resolve(client);
    }),
  );
}

/** A Db over `pool`; a dedicated one (`parent` given) reports its statements to the parent's `onQuery`. */
function pgDb(pool: Pool, databaseUrl: string, parent?: Db): Db {
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => undefined);
  const db: Db = {
    kind: 'pg',
    async query<R>(sql: string, params?: unknown[]) {
      (parent ?? db).onQuery?.(sql);
      return (await traceDb(sql, pool.query(statement(sql, params)))).rows as R[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      // A checked-out client has no pool listener: a server that cuts the connection
      // (pg_terminate_backend, a restart) would emit an unhandled 'error' and end the process.
      // The statement under way fails on its own; the broken client is discarded below.
      let broken: Error | undefined;
      const onError = (err: Error) => (broken = err);
      const client = await checkOut(pool, onError);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: async <R>(sql: string, params?: unknown[]) => {
            (parent ?? db).onQuery?.(sql);
            return (await traceDb(sql, client.query(statement(sql, params)))).rows as R[];
          },
          exec: async (sql: string) => {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (!broken) await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.removeListener('error', onError);
        // Released with an error, pg discards the client instead of handing it out again.
        client.release(broken);
      }
    },
    close: () => pool.end(),
    // statement_timeout as a startup parameter: set once per connection, not once per statement.
    // The client gives up a second later too, for a server that stopped answering altogether.
    dedicated: ({ poolSize, statementTimeoutMs }) =>
      pgDb(
        // Kept open while idle (idleTimeoutMillis 0): a quiet hub's next write should not pay for a new connection.
        new Pool({ connectionString: databaseUrl, max: poolSize, idleTimeoutMillis: 0, statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs && statementTimeoutMs + 1000 }),
        databaseUrl,
        parent ?? db,
      ),
  };
  return db;
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const parsers = {
    [pgliteTypes.DATE]: (v: string) => v,
    [pgliteTypes.TIMESTAMP]: (v: string) => new Date(`${v}Z`).toISOString(),
    [pgliteTypes.TIMESTAMPTZ]: (v: string) => new Date(v).toISOString(),
    [pgliteTypes.INT8]: (v: string) => Number(v),
  };
  const pg = await PGlite.create(dataDir, { parsers });
  // PGlite is one connection: a transaction must not interleave with other statements, so every
  // statement outside a transaction waits for the running one (a simple promise queue).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const db: Db = {
    kind: 'pglite',
    query<R>(sql: string, params?: unknown[]) {
      db.onQuery?.(sql);
      return traceDb(sql, serial(async () => (await pg.query<R>(sql, params as unknown[])).rows));
    },
    exec(sql: string) {
      return serial(async () => {
        await pg.exec(sql);
      });
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return serial(() =>
        pg.transaction(async (t) =>
          fn({
            query: async <R>(sql: string, params?: unknown[]) => {
              db.onQuery?.(sql);
              return (await traceDb(sql, t.query<R>(sql, params as unknown[]))).rows;
            },
            exec: async (sql: string) => {
              await t.exec(sql);
            },
          }),
        ),
      );
    },
    close: () => serial(() => pg.close()),
    // One connection: the same Db, whose close is left to its owner.
    dedicated: () => ({ ...db, close: async () => undefined }),
  };
  return db;
}
