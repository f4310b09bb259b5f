import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { PersoonRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import type { SubgraphDefinition } from '../common/server';
import { resolvers, type ToestemmingLoaders } from './resolvers';
import { ToestemmingStore } from './store';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The `toestemming` subgraph: the consent register (registration, revocation, history). */
export function toestemmingSubgraph(db: Db): SubgraphDefinition<ToestemmingLoaders> {
  const store = new ToestemmingStore(db);
  return {
    name: 'toestemming',
    typeDefs,
    resolvers,
    createLoaders: () => ({
      store,
      // Who may consent for whom follows from the BRP copy (age, gezag).
      persoon: async (bsn) => (await db.query<{ record: PersoonRecord }>('SELECT record FROM brp_persoon WHERE bsn = $1', [bsn]))[0]?.record ?? null,
      today: () => new Date().toISOString().slice(0, 10),
    }),
  };
}
