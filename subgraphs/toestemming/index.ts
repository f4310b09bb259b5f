import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import { resolvers, type ToestemmingLoaders } from './resolvers';

export const typeDefs = loadSubgraphSdl(__dirname);

/** The `toestemming` subgraph: the consent register (registration, revocation, history), stored by policy/consent. */
export function toestemmingSubgraph(deps: SubgraphDeps): SubgraphDefinition<ToestemmingLoaders> {
  const loaders: ToestemmingLoaders = { consents: deps.policy.consents, persons: deps.persons, organisations: deps.policy.organisations, now: () => deps.policy.now() };
  return { name: 'toestemming', typeDefs, resolvers, createLoaders: () => loaders };
}
