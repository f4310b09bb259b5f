import DataLoader from 'dataloader';
import type { RecordType, SourceSystem } from '../../domain/record-types';
import type { Db } from '../../lib/db';
import { dossiersOf, type StoredRecord } from '../../read-model';
import type { SubgraphContext } from './server';

/**
 * What the four domain subgraphs (wmo, jeugd, werk-inkomen, leerplicht) share: one person's
 * dossier block from the read model, shown under the one visibility rule.
 */

/** A dossier block as loaders hand it to resolvers: the person's records and their freshness. */
export interface DossierRows {
  burgerservicenummer: string;
  records: StoredRecord[];
  /** When the read model was last confirmed against the source for this person; null if never. */
  gesynchroniseerdOp: string | null;
}

/** The loaders of a domain subgraph: the person's dossier block. */
export interface DomainLoaders {
  dossier: DataLoader<string, DossierRows>;
}

/** What a domain subgraph's resolvers see (codegen.yml names it as their context type). */
export type DomainContext = SubgraphContext<DomainLoaders>;

/**
 * `Persoon` in a domain subgraph: the entity by its key, and `field` as the person's dossier
 * block, read through the request's loader.
 */
export function persoonMetDossier<F extends string>(field: F) {
  const load = (p: { burgerservicenummer: string }, _args: unknown, ctx: DomainContext) => ctx.loaders.dossier.load(p.burgerservicenummer);
  return { __resolveReference: (ref: { burgerservicenummer: string }) => ({ burgerservicenummer: ref.burgerservicenummer }), [field]: load } as {
    __resolveReference(ref: { burgerservicenummer: string }): { burgerservicenummer: string };
  } & { [K in F]: typeof load };
}

/**
 * One DataLoader per request and domain: all persons asked for in one tick are read with a
 * single query, freshness included, whatever the household size (no N+1).
 */
export function createDomainLoaders(db: Db, source: SourceSystem, types: readonly RecordType[]): DomainLoaders {
  return {
    dossier: new DataLoader(async (bsns) => {
      const found = await dossiersOf(db, bsns, source, types);
      return bsns.map((b) => ({ burgerservicenummer: b, ...found.get(b)! }));
    }),
  };
}

/**
 * The records of a dossier block that the request may see (policy `visible`: within their term,
 * and of a domain the actor may see), of one type if given, newest first by `newestBy`.
 */
export async function shownRecords<T>(d: DossierRows, ctx: SubgraphContext<unknown>, coordinate: string, options: { type?: RecordType; newestBy: keyof T & string }): Promise<T[]> {
  const ofType = options.type ? d.records.filter((r) => r.type === options.type) : d.records;
  const shown = (await ctx.policy.visibleRecords(ofType, coordinate)).map((r) => r.record as T);
  // Newest first: what a consulent looks for is what is running now.
  return shown.sort((a, b) => String(b[options.newestBy] ?? '').localeCompare(String(a[options.newestBy] ?? '')));
}

/** `bron` of a dossier block: the source system and when this person's copy was last confirmed. */
export function bron(systeem: SourceSystem, d: DossierRows): { systeem: string; gesynchroniseerdOp: string | null } {
  return { systeem, gesynchroniseerdOp: d.gesynchroniseerdOp };
}
