import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createWerkInkomenLoaders, type WerkInkomenLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron']);

/** The `werk-inkomen` subgraph: Participatiewet uitkeringen from the GWS read model, on `Persoon.werkEnInkomen`. */
export function werkInkomenSubgraph(deps: SubgraphDeps): SubgraphDefinition<WerkInkomenLoaders> {
  return { name: 'werk-inkomen', typeDefs, resolvers, createLoaders: () => createWerkInkomenLoaders(deps.db) };
}
