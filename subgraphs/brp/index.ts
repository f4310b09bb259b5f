import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createBrpLoaders, type BrpLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `brp` subgraph: persons and households from the BRP read model. */
export function brpSubgraph(db: Db): SubgraphDefinition<BrpLoaders> {
  return { name: 'brp', typeDefs, resolvers, createLoaders: () => createBrpLoaders(db) };
}
