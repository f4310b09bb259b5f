import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { composeSupergraph } from '../gateway/compose';
import { renderQueryCosts } from '../lib/query-costs';
import { loadOrganisations, loadRules, renderPolicyMatrix } from '../policy';

// Everything generated from the project's own sources except codegen's types: the supergraph and
// API schema from the subgraph SDLs, the policy matrix from the rules and the register, the
// query costs from the documented operations and the API schema.
const { supergraph, apiSchema } = composeSupergraph();
const root = join(__dirname, '..');
for (const [file, text] of [
  ['gateway/supergraph.graphql', supergraph],
  ['gateway/api-schema.graphql', apiSchema],
  ['docs/policy-matrix.md', renderPolicyMatrix(loadRules(), loadOrganisations())],
  ['docs/query-costs.md', renderQueryCosts(buildSchema(apiSchema))],
]) {
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
