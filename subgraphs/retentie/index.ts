import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers, type RetentieLoaders } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname);

/** The `retentie` subgraph: the Archiefwet report for the privacy officer, and destruction requests. */
export function retentieSubgraph(deps: SubgraphDeps): SubgraphDefinition<RetentieLoaders> {
  return { name: 'retentie', typeDefs, resolvers, createLoaders: () => ({ db: deps.db, policy: deps.policy }) };
}
