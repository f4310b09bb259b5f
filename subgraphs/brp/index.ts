import { freshnessOf } from '../common/dossier';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createBrpLoaders, type BrpLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron']);

/** The `brp` subgraph: persons and households as the BRP knows them (the hub's copy, else the BRP itself). */
export function brpSubgraph(deps: SubgraphDeps): SubgraphDefinition<BrpLoaders> {
  return { name: 'brp', typeDefs, resolvers, createLoaders: () => createBrpLoaders(deps.persons, deps.ids, freshnessOf(deps, 'BRP')) };
}
