import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createWmoLoaders, type WmoLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `wmo` subgraph: Wmo voorzieningen from the GWS read model, on `Persoon.wmo`. */
export function wmoSubgraph(db: Db): SubgraphDefinition<WmoLoaders> {
  return { name: 'wmo', typeDefs, resolvers, createLoaders: () => createWmoLoaders(db) };
}
