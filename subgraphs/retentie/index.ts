import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { resolvers, type RetentieLoaders } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `retentie` subgraph: the Archiefwet report for the privacy officer, and destruction requests. */
export function retentieSubgraph(db: Db): SubgraphDefinition<RetentieLoaders> {
  return { name: 'retentie', typeDefs, resolvers, createLoaders: () => ({ db }) };
}
