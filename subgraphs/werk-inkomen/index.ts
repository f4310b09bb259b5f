import { createDomainLoaders, freshnessOf, type DomainLoaders } from '../common/dossier';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron']);

/** The `werk-inkomen` subgraph: Participatiewet uitkeringen from the GWS read model, on `Persoon.werkEnInkomen`. */
export function werkInkomenSubgraph(deps: SubgraphDeps): SubgraphDefinition<DomainLoaders> {
  return { name: 'werk-inkomen', typeDefs, resolvers, createLoaders: (request) => createDomainLoaders(deps, request, 'GWS', ['UITKERING'], freshnessOf(deps, 'GWS')) };
}
