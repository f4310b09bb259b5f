/**
 * Fails when a generated file is stale: the supergraph against the subgraph SDLs, the policy
 * matrix against the rules and the register, the query costs against the documented operations
 * and the API schema, and the resolver types against codegen.yml. Run `npm run codegen` to
 * refresh them all. Also fails when codegen.yml builds a subgraph's types from other SDL files
 * than the subgraph loads.
 */
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildSchema } from 'graphql';
import { composeSupergraph } from '../gateway/compose';
import { renderQueryCosts } from '../lib/query-costs';
import { loadOrganisations, loadRules, renderPolicyMatrix } from '../policy';
import { SUBGRAPHS } from '../subgraphs';
import { LOCK_PATH, missingPlatformEntries } from './complete-lockfile';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const stale: string[] = [];
  const composed = composeSupergraph();
  if (readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8') !== composed.supergraph) stale.push('gateway/supergraph.graphql');
  if (readFileSync(join(root, 'gateway', 'api-schema.graphql'), 'utf8') !== composed.apiSchema) stale.push('gateway/api-schema.graphql');
  if (readFileSync(join(root, 'docs', 'policy-matrix.md'), 'utf8') !== renderPolicyMatrix(loadRules(), loadOrganisations())) stale.push('docs/policy-matrix.md');
  if (readFileSync(join(root, 'docs', 'query-costs.md'), 'utf8') !== renderQueryCosts(buildSchema(composed.apiSchema))) stale.push('docs/query-costs.md');

  const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
  // Resolver types must come from the same files that loadSubgraphSdl (subgraphs/common/sdl.ts)
  // joins at runtime, in its order; only federation.graphql is codegen's own addition.
  const mismatched: string[] = [];
  for (const s of SUBGRAPHS) {
    const loaded = [...new Set(s.typeDefs.definitions.map((d) => relative(root, d.loc?.source.name ?? '?')))];
    const entry = config.generates[`subgraphs/${s.name}/generated/resolvers-types.ts`] as { schema?: string | string[] } | undefined;
    const listed = ([] as string[]).concat(entry?.schema ?? []).filter((f) => f !== 'subgraphs/common/federation.graphql');
    if (listed.join() !== loaded.join()) mismatched.push(`codegen.yml lists [${listed.join(', ')}] for ${s.name}, which loads [${loaded.join(', ')}]`);
  }
  if (mismatched.length) {
    console.error(mismatched.join('\n'));
    process.exit(1);
  }
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
  console.log(`generated files are current (supergraph, API schema, policy matrix, query costs and ${outputs.length} codegen outputs)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
