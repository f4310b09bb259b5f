import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createJeugdLoaders, type JeugdLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `jeugd` subgraph: jeugdhulp from the Jeugd/CJG read model, on `Persoon.jeugd`. */
export function jeugdSubgraph(db: Db): SubgraphDefinition<JeugdLoaders> {
  return { name: 'jeugd', typeDefs, resolvers, createLoaders: () => createJeugdLoaders(db) };
}
