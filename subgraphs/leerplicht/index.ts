import { createDomainLoaders, freshnessOf, type DomainLoaders } from '../common/dossier';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron']);

/** The `leerplicht` subgraph: LAS enrolments, absence reports and exemptions, on `Persoon.leerplicht`. */
export function leerplichtSubgraph(deps: SubgraphDeps): SubgraphDefinition<DomainLoaders> {
  return { name: 'leerplicht', typeDefs, resolvers, createLoaders: (request) => createDomainLoaders(deps, request, 'LAS', ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING'], freshnessOf(deps, 'LAS')) };
}
