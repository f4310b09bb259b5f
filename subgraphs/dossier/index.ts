import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createDossierLoaders, type DossierLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname);

/** The `dossier` subgraph: the household across domains (`domeinen`, `tijdlijn`), under the same policy. */
export function dossierSubgraph(deps: SubgraphDeps): SubgraphDefinition<DossierLoaders> {
  return { name: 'dossier', typeDefs, resolvers, createLoaders: () => createDossierLoaders(deps.db) };
}
