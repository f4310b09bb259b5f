import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { createLeerplichtLoaders, type LeerplichtLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname, ['bron']);

/** The `leerplicht` subgraph: LAS enrolments, absence reports and exemptions, on `Persoon.leerplicht`. */
export function leerplichtSubgraph(deps: SubgraphDeps): SubgraphDefinition<LeerplichtLoaders> {
  return { name: 'leerplicht', typeDefs, resolvers, createLoaders: () => createLeerplichtLoaders(deps.db) };
}
