import { randomBytes } from 'node:crypto';
import { scratchSchema, type Db } from '../../lib/db';
import { migrate } from '../../lib/migrate';

/** The real Postgres and Redis the tests use: CI's from .ci/run, else the machine's defaults. */
const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * A migrated database of one's own: a fresh schema in the test Postgres, reached through a
 * connection string that sets search_path, so test files running side by side never meet.
 */
export async function isolatedDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const scratch = await scratchSchema(TEST_DATABASE_URL, 't', 4);
  if (options.migrated !== false) await migrate(scratch.db);
  return scratch;
}
