import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createLeerplichtLoaders, type LeerplichtLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `leerplicht` subgraph: LAS enrolments, absence reports and exemptions, on `Persoon.leerplicht`. */
export function leerplichtSubgraph(db: Db): SubgraphDefinition<LeerplichtLoaders> {
  return { name: 'leerplicht', typeDefs, resolvers, createLoaders: () => createLeerplichtLoaders(db) };
}
