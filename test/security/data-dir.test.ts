import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeDataDirPrivate } from '../../hub';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * DATA_DIR holds the embedded database (every read model, consent and the audit log), the
 * development keys and the stand-ins' exports: nothing in it may be readable, writable or
 * searchable by anyone but the hub's own user.
 */

/** Every file and folder under `dir` (not following links) whose mode gives the group or others anything. */
function exposed(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) found.push(`${relative(dir, path) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

function count(dir: string): number {
  return readdirSync(dir, { recursive: true }).length;
}

describe('DATA_DIR of a hub on embedded PGlite', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ embedded: true });
    // The keys are made when first needed: make sure both exist before looking.
    await t.token('wmo-consulent');
  });
  afterAll(async () => t?.close());

  it('gives no file or folder in it to the group or others', () => {
    const dir = t.dataDir;
    expect(count(join(dir, 'pglite'))).toBeGreaterThan(100);
    expect(statSync(join(dir, 'dev-issuer.json')).isFile()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(exposed(dir)).toEqual([]);
  });

  it('keeps it so for what the running hub writes later', async () => {
    // A write that makes PGlite extend its files, and a sync that rewrites the read models.
    await t.hub.sync.runFullSync();
    expect(exposed(t.dataDir)).toEqual([]);
  });
});

describe('a DATA_DIR left readable by an older version', () => {
  it('is made private, without following links out of it', () => {
    const root = mkdtempSync(join(tmpdir(), 'ontschot-datadir-'));
    try {
      const dir = join(root, 'data');
      const outside = join(root, 'outside.txt');
      mkdirSync(join(dir, 'pglite', 'base'), { recursive: true, mode: 0o777 });
      writeFileSync(join(dir, 'pglite', 'base', '1234'), 'x', { mode: 0o666 });
      writeFileSync(join(dir, 'dev-issuer.json'), '{}', { mode: 0o644 });
      writeFileSync(outside, 'not the hub\'s', { mode: 0o644 });
      for (const d of [dir, join(dir, 'pglite'), join(dir, 'pglite', 'base')]) chmodSync(d, 0o777);
      chmodSync(join(dir, 'pglite', 'base', '1234'), 0o666);
      chmodSync(outside, 0o644);
      // A link to something outside DATA_DIR: its target is not the hub's to change.
      symlinkSync(outside, join(dir, 'link'));
      expect(exposed(dir).length).toBeGreaterThan(0);

      makeDataDirPrivate(dir);

      expect(exposed(dir)).toEqual([]);
      expect(statSync(join(dir, 'pglite', 'base', '1234')).mode & 0o777).toBe(0o600);
      expect(statSync(outside).mode & 0o777).toBe(0o644);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
