import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The fingerprint of everything web/dist is built from. The build writes it into
 * web/dist/source-hash.json, and a test compares it with the tree, so a change to the console's
 * or the explorer's sources (or to what they import from the rest of the repo, or to the
 * versions of the packages they bundle) without `npm run build:web` fails the tests: the dist is
 * committed, since `npm ci && npm start` must serve it without building.
 */

export const ROOT = join(__dirname, '..');
export const WEB = join(ROOT, 'web');
export const DIST = join(WEB, 'dist');
export const SOURCE_HASH_FILE = 'source-hash.json';

/** Files outside web/ that the build reads: the roles and purposes, the register, the public schema. */
const SHARED_INPUTS = ['policy/rules.yaml', 'policy/organisaties.yaml', 'gateway/api-schema.graphql'];

/** The packages bundled into web/dist: their locked versions are part of the fingerprint. */
export const BUNDLED_PACKAGES = [
  'react',
  'react-dom',
  'graphiql',
  '@graphiql/react',
  'graphql',
  '@utrecht/component-library-react',
  '@utrecht/design-tokens',
  'chart.js',
  'react-chartjs-2',
  'vite',
  'yaml',
];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' && dir === WEB) continue;
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** The files the fingerprint covers, as repo-relative paths with forward slashes, sorted. */
export function sourceFiles(): string[] {
  const files = walk(WEB).map((f) => relative(ROOT, f).split(sep).join('/'));
  return [...files, ...SHARED_INPUTS].sort();
}

/** SHA-256 over each source file's path and content (line endings normalised) and the bundled packages' locked versions. */
export function computeSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    // A checkout with CRLF line endings builds the same dist.
    const content = readFileSync(join(ROOT, file), 'utf8').replace(/\r\n/g, '\n');
    hash.update(`${file}\0${content.length}\0${content}\0`);
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version ?? 'missing'}\0`);
  return hash.digest('hex');
}
