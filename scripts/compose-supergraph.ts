import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/compose';

const target = join(__dirname, '..', 'gateway', 'supergraph.graphql');
writeFileSync(target, composeSupergraph());
console.log(`wrote ${target}`);
