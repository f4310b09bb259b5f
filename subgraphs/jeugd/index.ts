import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createJeugdLoaders, type JeugdLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron', 'omvang']);

/** The `jeugd` subgraph: jeugdhulp from the Jeugd/CJG read model, on `Persoon.jeugd`. */
export function jeugdSubgraph(deps: SubgraphDeps): SubgraphDefinition<JeugdLoaders> {
  return { name: 'jeugd', typeDefs, resolvers, createLoaders: () => createJeugdLoaders(deps.db) };
}
