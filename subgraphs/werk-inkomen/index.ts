import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createWerkInkomenLoaders, type WerkInkomenLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `werk-inkomen` subgraph: Participatiewet uitkeringen from the GWS read model, on `Persoon.werkEnInkomen`. */
export function werkInkomenSubgraph(db: Db): SubgraphDefinition<WerkInkomenLoaders> {
  return { name: 'werk-inkomen', typeDefs, resolvers, createLoaders: () => createWerkInkomenLoaders(db) };
}
