import type { DocumentNode } from 'graphql';
import type { Db } from '../lib/db';
import { auditSubgraph, typeDefs as auditTypeDefs } from './audit';
import type { AuditSource } from './audit/loaders';
import { brpSubgraph, typeDefs as brpTypeDefs } from './brp';
import type { SubgraphDefinition } from './common/server';
import { dossierSubgraph, typeDefs as dossierTypeDefs } from './dossier';
import { jeugdSubgraph, typeDefs as jeugdTypeDefs } from './jeugd';
import { leerplichtSubgraph, typeDefs as leerplichtTypeDefs } from './leerplicht';
import { retentieSubgraph, typeDefs as retentieTypeDefs } from './retentie';
import { toestemmingSubgraph, typeDefs as toestemmingTypeDefs } from './toestemming';
import { werkInkomenSubgraph, typeDefs as werkInkomenTypeDefs } from './werk-inkomen';
import { wmoSubgraph, typeDefs as wmoTypeDefs } from './wmo';

/** What the hub gives a subgraph besides the database. */
export interface SubgraphDeps {
  /** The process's audit log, for the subgraph that serves it. */
  audit: AuditSource;
}

/**
 * Every subgraph, in a fixed order: composition follows it, and in one-process mode each gets
 * port SUBGRAPH_BASE_PORT + its index.
 */
export const SUBGRAPHS: ReadonlyArray<{ name: string; typeDefs: DocumentNode; create(db: Db, deps?: SubgraphDeps): SubgraphDefinition<unknown> }> = [
  { name: 'brp', typeDefs: brpTypeDefs, create: brpSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'wmo', typeDefs: wmoTypeDefs, create: wmoSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'jeugd', typeDefs: jeugdTypeDefs, create: jeugdSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'werk-inkomen', typeDefs: werkInkomenTypeDefs, create: werkInkomenSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'leerplicht', typeDefs: leerplichtTypeDefs, create: leerplichtSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'dossier', typeDefs: dossierTypeDefs, create: dossierSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'toestemming', typeDefs: toestemmingTypeDefs, create: toestemmingSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'retentie', typeDefs: retentieTypeDefs, create: retentieSubgraph as (db: Db) => SubgraphDefinition<unknown> },
  { name: 'audit', typeDefs: auditTypeDefs, create: (db, deps) => auditSubgraph(db, deps?.audit) as SubgraphDefinition<unknown> },
];
