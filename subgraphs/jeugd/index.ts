import { createDomainLoaders, freshnessOf, type DomainLoaders } from '../common/dossier';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron', 'omvang']);

/** The `jeugd` subgraph: jeugdhulp from the Jeugd/CJG read model, on `Persoon.jeugd`. */
export function jeugdSubgraph(deps: SubgraphDeps): SubgraphDefinition<DomainLoaders> {
  return { name: 'jeugd', typeDefs, resolvers, createLoaders: (request) => createDomainLoaders(deps, request, 'JEUGD', ['JEUGDHULP'], freshnessOf(deps, 'JEUGD')) };
}
