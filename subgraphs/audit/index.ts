import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { loadVerwerkingsregister } from '../../audit';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { createAuditLoaders, type AuditLoaders, type AuditSource } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/**
 * The `audit` subgraph: the privacy officer's API over the audit log and the destruction
 * records. `source` is the process's AuditLog (its register, and `verify` with the trusted keys
 * from configuration). Start it with the AuditLog's recorder for `audit`: without one it refuses
 * every read, because reading the log must itself be logged.
 */
export function auditSubgraph(db: Db, source?: AuditSource): SubgraphDefinition<AuditLoaders> {
  // Without the process's audit log (a bench of bare subgraphs) no read gets past admit(), which
  // finds no recorder; the register is still needed to build the loaders.
  const loaders = createAuditLoaders(db, source ?? { register: loadVerwerkingsregister(), verify: () => Promise.reject(new Error('no audit log in this process')) });
  return { name: 'audit', typeDefs, resolvers, createLoaders: () => loaders };
}
