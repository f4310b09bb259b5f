import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db';

/**
 * Each table has one owner, and its migrations live with it. The names are numbered across all
 * owners (001…), so one order holds for every database, and a file keeps the name it was first
 * applied under wherever it moves.
 */
const ROOT = resolve(__dirname, '..');
const MIGRATION_DIRS = ['read-model/migrations', 'policy/consent/migrations', 'audit/migrations', 'retention/migrations'].map((d) => join(ROOT, d));
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 727100;

function migrationFiles(): Array<{ name: string; path: string }> {
  const files = MIGRATION_DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.sql')).map((name) => ({ name, path: join(dir, name) })));
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`migration ${f.name} exists twice: names must be unique across owners`);
    names.add(f.name);
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Applies every owner's SQL files in name order, each once, all in one transaction. An advisory
 * lock makes concurrent starts (several containers) take turns.
 */
export async function migrate(db: Db): Promise<string[]> {
  const files = migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file.name)) continue;
      await tx.exec(readFileSync(file.path, 'utf8'));
      await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [file.name]);
      applied.push(file.name);
    }
    return applied;
  });
}
