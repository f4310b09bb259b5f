import { createDomainLoaders, freshnessOf, type DomainLoaders } from '../common/dossier';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron', 'omvang']);

/** The `wmo` subgraph: Wmo voorzieningen from the GWS read model, on `Persoon.wmo`. */
export function wmoSubgraph(deps: SubgraphDeps): SubgraphDefinition<DomainLoaders> {
  return { name: 'wmo', typeDefs, resolvers, createLoaders: (request) => createDomainLoaders(deps, request, 'GWS', ['WMO_VOORZIENING'], freshnessOf(deps, 'GWS')) };
}
