import { createAuditReports, loadVerwerkingsregister, reportLabels } from '../../audit';
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
  const source = deps.audit ?? { register: loadVerwerkingsregister(), verify: () => Promise.reject(new Error('no audit log in this process')) };
  // Organisations by the register this hub runs with (ORGANISATION_REGISTER), fields by the schema's descriptions.
  const loaders = createAuditReports(deps.db, source, deps.ids, reportLabels({ organisations: deps.policy.organisations }));
  return { name: 'audit', typeDefs, resolvers, createLoaders: () => loaders };
}
