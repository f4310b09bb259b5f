import type { PersoonRecord } from '../domain/records';
import type { Db } from '../lib/db';
import { markSynced, sweepDossier, sweepPersons, upsertDossierRecords, upsertPersons } from './read-model';
import type { SyncSources } from './sources';

/** What a job processor needs; BullMQ wiring lives in sync/service.ts. */
export interface SyncDeps {
  db: Db;
  sources: SyncSources;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

export interface JobResult {
  [count: string]: number;
}

const PAGE_SIZE = 200;
// Parallel requests to the BRP: enough to hide latency, few enough not to trip its rate limit.
const BRP_CONCURRENCY = 8;

/** Full sync of GWS (Wmo voorzieningen, Participatiewet uitkeringen): scan all, upsert, sweep. */
export async function fullGws(deps: SyncDeps, run: string): Promise<JobResult> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  let wmo = 0;
  for await (const page of deps.sources.gws.scanWmoVoorzieningen({ pageSize: PAGE_SIZE })) {
    await upsertDossierRecords(deps.db, 'WMO_VOORZIENING', page, run, at);
    wmo += page.length;
  }
  let uitkeringen = 0;
  for await (const page of deps.sources.gws.scanUitkeringen({ pageSize: PAGE_SIZE })) {
    await upsertDossierRecords(deps.db, 'UITKERING', page, run, at);
    uitkeringen += page.length;
  }
  // The sweep and the freshness mark commit together: either the read model is known complete
  // as of `at`, or it keeps its previous mark.
  const removed = await deps.db.transaction(async (tx) => {
    const n = await sweepDossier(tx, ['WMO_VOORZIENING', 'UITKERING'], run);
    await markSynced(tx, 'GWS', { full: at });
    return n;
  });
  return { wmo, uitkeringen, removed };
}

/**
 * Full sync of the BRP copy. The hub keeps only the persons the social domain needs (data
 * minimisation): every subject of a dossier record, everyone registered at their addresses (the
 * household), and the parents of their minors (who may consent for them).
 */
export async function fullBrp(deps: SyncDeps, run: string): Promise<JobResult> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const brp = deps.sources.brp;
  const subjects = (await deps.db.query<{ bsn: string }>('SELECT DISTINCT bsn FROM dossier_record ORDER BY bsn')).map((r) => r.bsn);

  const known = new Map<string, PersoonRecord>();
  const fetch = async (bsns: Iterable<string>) => {
    const wanted = [...new Set(bsns)].filter((b) => !known.has(b));
    for (const p of await brp.raadpleeg(wanted)) known.set(p.burgerservicenummer, p);
  };
  await fetch(subjects);

  const addresses = new Set<string>();
  for (const p of known.values()) if (p.adres) addresses.add(p.adres.adresseerbaarObjectId);
  const housemates = await mapLimit([...addresses], BRP_CONCURRENCY, (id) => brp.zoekBsnsOpAdresseerbaarObject(id));
  await fetch(housemates.flat());

  const parents = [...known.values()].flatMap((p) => [...p.ouders, ...p.gezag.flatMap((g) => g.ouders)]);
  await fetch(parents);

  const persons = [...known.values()];
  for (let i = 0; i < persons.length; i += PAGE_SIZE) await upsertPersons(deps.db, persons.slice(i, i + PAGE_SIZE), run, at);
  const removed = await deps.db.transaction(async (tx) => {
    const n = await sweepPersons(tx, run);
    await markSynced(tx, 'BRP', { full: at });
    return n;
  });
  return { persons: persons.length, addresses: addresses.size, removed };
}

/** Maps with at most `limit` calls in flight, keeping input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
