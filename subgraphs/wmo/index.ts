import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createWmoLoaders, type WmoLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron', 'omvang']);

/** The `wmo` subgraph: Wmo voorzieningen from the GWS read model, on `Persoon.wmo`. */
export function wmoSubgraph(deps: SubgraphDeps): SubgraphDefinition<WmoLoaders> {
  return { name: 'wmo', typeDefs, resolvers, createLoaders: () => createWmoLoaders(deps.db) };
}
