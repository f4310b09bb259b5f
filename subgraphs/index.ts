import type { DocumentNode } from 'graphql';
import { auditSubgraph, typeDefs as auditTypeDefs } from './audit';
import { brpSubgraph, typeDefs as brpTypeDefs } from './brp';
import type { SubgraphDefinition, SubgraphDeps } from './common/server';
import { dossierSubgraph, typeDefs as dossierTypeDefs } from './dossier';
import { jeugdSubgraph, typeDefs as jeugdTypeDefs } from './jeugd';
import { leerplichtSubgraph, typeDefs as leerplichtTypeDefs } from './leerplicht';
import { retentieSubgraph, typeDefs as retentieTypeDefs } from './retentie';
import { toestemmingSubgraph, typeDefs as toestemmingTypeDefs } from './toestemming';
import { werkInkomenSubgraph, typeDefs as werkInkomenTypeDefs } from './werk-inkomen';
import { wmoSubgraph, typeDefs as wmoTypeDefs } from './wmo';

export type { SubgraphDeps } from './common/server';

type Factory = (deps: SubgraphDeps) => SubgraphDefinition<unknown>;

/**
 * Every subgraph, in a fixed order: composition follows it, and in one-process mode each gets
 * port SUBGRAPH_BASE_PORT + its index.
 */
export const SUBGRAPHS: ReadonlyArray<{ name: string; typeDefs: DocumentNode; create: Factory }> = [
  { name: 'brp', typeDefs: brpTypeDefs, create: brpSubgraph as Factory },
  { name: 'wmo', typeDefs: wmoTypeDefs, create: wmoSubgraph as Factory },
  { name: 'jeugd', typeDefs: jeugdTypeDefs, create: jeugdSubgraph as Factory },
  { name: 'werk-inkomen', typeDefs: werkInkomenTypeDefs, create: werkInkomenSubgraph as Factory },
  { name: 'leerplicht', typeDefs: leerplichtTypeDefs, create: leerplichtSubgraph as Factory },
  { name: 'dossier', typeDefs: dossierTypeDefs, create: dossierSubgraph as Factory },
  { name: 'toestemming', typeDefs: toestemmingTypeDefs, create: toestemmingSubgraph as Factory },
  { name: 'retentie', typeDefs: retentieTypeDefs, create: retentieSubgraph as Factory },
  { name: 'audit', typeDefs: auditTypeDefs, create: auditSubgraph as Factory },
];
