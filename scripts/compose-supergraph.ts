import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/compose';

const { supergraph, apiSchema } = composeSupergraph();
for (const [file, text] of [['supergraph.graphql', supergraph], ['api-schema.graphql', apiSchema]]) {
  const target = join(__dirname, '..', 'gateway', file);
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
