import { createAuditReports, loadVerwerkingsregister } from '../../audit';
import { loadSubgraphSdl } from '../common/sdl';
import type { SubgraphDefinition, SubgraphDeps } from '../common/server';
import type { AuditLoaders } from './loaders';
import { resolvers } from './resolvers';

// Its own `extend schema` in schema.graphql: nothing here is tagged @persoonsgegeven.
export const typeDefs = loadSubgraphSdl(__dirname, [], { header: false });

/**
 * The `audit` subgraph: the privacy officer's API over the audit log and the destruction
 * records. `deps.audit` is the process's AuditLog (its register, and `verify` with the trusted
 * keys from configuration). Every read is itself recorded in the log.
 */
export function auditSubgraph(deps: SubgraphDeps): SubgraphDefinition<AuditLoaders> {
  // Without the process's audit log (a bench of bare subgraphs) verification cannot run; the
  // register is still needed to describe processing activities.
  const loaders = createAuditReports(deps.db, deps.audit ?? { register: loadVerwerkingsregister(), verify: () => Promise.reject(new Error('no audit log in this process')) }, deps.ids);
  return { name: 'audit', typeDefs, resolvers, createLoaders: () => loaders };
}
