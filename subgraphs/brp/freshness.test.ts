/**
 * `Persoon.bron.verouderd` of the brp subgraph is judged on the hub's injected clock and the
 * configured BRP term, like the domain subgraphs' blocks: never on the system clock. The clock
 * here stands in February 2026, long before the machine's, so the system clock would call every
 * person below stale.
 */
import type { PersoonRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import { OpaqueIds } from '../../lib/opaque';
import type { Policy } from '../../policy';
import { PersonDirectory } from '../../read-model';
import type { SubgraphDeps } from '../common/server';
import { DossierReads } from '../common/dossier';
import { brpSubgraph } from '.';
import { resolvers } from './resolvers';
import type { BrpLoaders, PersoonRow } from './loaders';

const IN_COPY = '999990019';
const OUTSIDE = '999990044';
const SYNCED = '2026-02-01T03:00:00.000Z';

const persoon = (bsn: string) => ({ burgerservicenummer: bsn, naam: { volledigeNaam: `Persoon ${bsn.slice(-3)}` }, adres: null, geheimhouding: false, ouders: [], gezag: [] }) as unknown as PersoonRecord;

describe('brp subgraph: bron.verouderd', () => {
  let now: Date;
  // The copy holds IN_COPY as the last BRP sync read them; the BRP knows OUTSIDE too.
  const db = {
    query: async (_sql: string, params?: unknown[]) =>
      (params?.[0] as string[]).includes(IN_COPY) ? [{ bsn: IN_COPY, record: persoon(IN_COPY), synced_at: SYNCED, huishouden_volledig: true }] : [],
    exec: async () => undefined,
  } as unknown as Db;
  const brp = { raadpleeg: async (bsns: readonly string[]) => bsns.map(persoon), zoekBsnsOpAdresseerbaarObject: async () => [] };

  const bronOf = async (bsn: string, staleAfterMs?: SubgraphDeps['staleAfterMs']) => {
    const clock = () => now;
    const deps = { db, persons: new PersonDirectory(db, brp, clock), policy: { now: clock } as unknown as Policy, ids: new OpaqueIds('a test key for household ids, 32+ chars'), staleAfterMs, dossierReads: new DossierReads(db) };
    const loaders = brpSubgraph(deps).createLoaders({} as never) as BrpLoaders;
    const p = (await loaders.persoon.load(bsn)) as PersoonRow;
    const bron = (resolvers.Persoon as unknown as { bron: (p: PersoonRow, args: unknown, ctx: { loaders: BrpLoaders }) => { verouderd: boolean; bronBereiktOp: string | null } }).bron;
    return bron(p, {}, { loaders });
  };

  it('is false within the BRP term by the hub clock, true past it (default term: 26 hours)', async () => {
    now = new Date('2026-02-02T04:59:59Z');
    expect(await bronOf(IN_COPY)).toMatchObject({ bronBereiktOp: SYNCED, verouderd: false });
    now = new Date('2026-02-02T05:00:01Z');
    expect(await bronOf(IN_COPY)).toMatchObject({ verouderd: true });
  });

  it('uses the configured term (SYNC_STALE_AFTER_FULL_MS)', async () => {
    now = new Date('2026-02-01T03:59:59Z');
    expect((await bronOf(IN_COPY, { BRP: 3_600_000 })).verouderd).toBe(false);
    now = new Date('2026-02-01T04:00:01Z');
    expect((await bronOf(IN_COPY, { BRP: 3_600_000 })).verouderd).toBe(true);
  });

  it('is false for a person asked of the BRP just now, on the same clock', async () => {
    now = new Date('2026-02-01T12:00:00Z');
    expect(await bronOf(OUTSIDE)).toEqual({ systeem: 'BRP', gesynchroniseerdOp: '2026-02-01T12:00:00.000Z', bronBereiktOp: '2026-02-01T12:00:00.000Z', verouderd: false });
  });
});
