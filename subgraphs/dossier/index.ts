import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createDossierLoaders, type DossierLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `dossier` subgraph: the household across domains (`domeinen`, `tijdlijn`), under the same policy. */
export function dossierSubgraph(db: Db): SubgraphDefinition<DossierLoaders> {
  return { name: 'dossier', typeDefs, resolvers, createLoaders: () => createDossierLoaders(db) };
}
