/**
 * Fails when a generated file is stale: the supergraph against the subgraph SDLs, and the
 * resolver types against codegen.yml. Run `npm run codegen` to refresh both.
 */
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeSupergraph } from '../gateway/compose';
import { LOCK_PATH, missingPlatformEntries } from './complete-lockfile';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const stale: string[] = [];
  const composed = composeSupergraph();
  if (readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8') !== composed.supergraph) stale.push('gateway/supergraph.graphql');
  if (readFileSync(join(root, 'gateway', 'api-schema.graphql'), 'utf8') !== composed.apiSchema) stale.push('gateway/api-schema.graphql');

  const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
  const outputs = await generate({ ...config, cwd: root, silent: true }, false);
  for (const out of outputs) {
    let current = '';
    try {
      current = readFileSync(resolve(root, out.filename), 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== out.content) stale.push(out.filename);
  }
  // npm ci refuses a lock that lacks other platforms' optional builds (see complete-lockfile.ts).
  if (missingPlatformEntries(JSON.parse(readFileSync(LOCK_PATH, 'utf8'))).length) stale.push('package-lock.json (run `npm run lock:complete`)');
  if (stale.length) {
    console.error(`generated files are stale: ${stale.join(', ')}\nrun \`npm run codegen\` and commit the result`);
    process.exit(1);
  }
  console.log(`generated files are current (supergraph, API schema and ${outputs.length} codegen outputs)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
