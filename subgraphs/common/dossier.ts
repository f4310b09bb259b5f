import DataLoader from 'dataloader';
import type { RecordType, SourceSystem } from '../../domain/record-types';
import { DEFAULT_STALE_AFTER_MS } from '../../lib/config';
import type { Queryable } from '../../lib/db';
import type { RequestContext } from '../../policy';
import { dossiersOfMany, type DossierQuery, type PersonDossier, type StoredRecord } from '../../read-model';
import type { SubgraphContext, SubgraphDeps } from './server';
import type { ResponseWarning } from './warnings';

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
  /** When the hub last reached the source; null if never. */
  bronBereiktOp: string | null;
  /** Whether the source has not been reached within its staleness term (lib/config.ts). */
  verouderd: boolean;
}

/** How the loaders judge staleness: the hub's clock and the source's term. */
export interface Freshness {
  now: () => Date;
  staleAfterMs: number;
}

/** The hub's clock (the policy's) and the configured term of `source`, from the subgraph's deps. */
export function freshnessOf(deps: Pick<SubgraphDeps, 'policy' | 'staleAfterMs'>, source: SourceSystem): Freshness {
  return { now: () => deps.policy.now(), staleAfterMs: deps.staleAfterMs?.[source] ?? defaultStaleAfterMs(source) };
}

function defaultStaleAfterMs(source: SourceSystem): number {
  return source === 'JEUGD' || source === 'LAS' ? DEFAULT_STALE_AFTER_MS.polled : DEFAULT_STALE_AFTER_MS.full;
}

/** Whether a source last reached at `reachedAt` (null: never) is stale at `now`. */
export function isStale(reachedAt: string | null, now: Date, staleAfterMs: number): boolean {
  return reachedAt === null || now.getTime() - Date.parse(reachedAt) > staleAfterMs;
}

/** The loaders of a domain subgraph: the person's dossier block. */
export interface DomainLoaders {
  dossier: DataLoader<string, DossierRows>;
  /** SOURCE_STALE once the loader has found the source stale; the server puts it in the answer's extensions. */
  warnings: ResponseWarning[];
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

/** A read waiting in a join: its query, and how to answer it. */
interface JoinedRead {
  query: DossierQuery;
  resolve(found: Map<string, PersonDossier>): void;
  reject(err: unknown): void;
}

/**
 * The domain subgraphs' reads of dossier blocks, joined per gateway request. A household dossier
 * asks all four domain subgraphs at once. In the hub's one process they are handed the very
 * context object the gateway built for the request, so their reads in one turn of the event loop
 * go to Postgres as one statement rather than one each. Only reads of the same request are ever
 * joined: another request's answers never travel with them, nor wait for them. A subgraph asked
 * over HTTP gets a context object of its own per request, and reads alone. The joined statement's
 * trace span sits under the subgraph that asked first, and if it fails, each joined read fails
 * (its part of the answer is SOURCE_UNAVAILABLE, as for a read of its own).
 */
export class DossierReads {
  private readonly open = new WeakMap<RequestContext, JoinedRead[]>();

  constructor(private readonly db: Queryable) {}

  read(request: RequestContext, query: DossierQuery): Promise<Map<string, PersonDossier>> {
    let reads = this.open.get(request);
    if (!reads) {
      const joined: JoinedRead[] = (reads = []);
      this.open.set(request, joined);
      // The subgraphs of one plan stage start together and reach their loaders without waiting
      // on I/O, so by the end of this turn every one of them has asked.
      setImmediate(() => {
        this.open.delete(request);
        dossiersOfMany(this.db, joined.map((r) => r.query)).then(
          (found) => joined.forEach((r, i) => r.resolve(found[i])),
          (err: unknown) => joined.forEach((r) => r.reject(err)),
        );
      });
    }
    const to = reads;
    return new Promise((resolve, reject) => to.push({ query, resolve, reject }));
  }
}

/**
 * One DataLoader per request and domain: all persons asked for in one tick are read with a
 * single query, freshness included, whatever the household size (no N+1); the request's other
 * domains join that query (DossierReads).
 */
export function createDomainLoaders(deps: Pick<SubgraphDeps, 'dossierReads'>, request: RequestContext, source: SourceSystem, types: readonly RecordType[], freshness?: Freshness): DomainLoaders {
  // Without a configured term (a bench of bare subgraphs): the defaults, on the system clock.
  const now = freshness?.now ?? (() => new Date());
  const term = freshness?.staleAfterMs ?? defaultStaleAfterMs(source);
  const warnings: ResponseWarning[] = [];
  return {
    warnings,
    dossier: new DataLoader(async (bsns) => {
      const found = await deps.dossierReads.read(request, { bsns, source, types });
      const at = now();
      return bsns.map((b) => {
        const d = found.get(b)!;
        const verouderd = isStale(d.bronBereiktOp, at, term);
        if (verouderd && !warnings.length) warnings.push({ code: 'SOURCE_STALE', bron: source });
        return { burgerservicenummer: b, ...d, verouderd };
      });
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

/** What a `Bron` says. */
export interface BronValue {
  systeem: string;
  gesynchroniseerdOp: string | null;
  bronBereiktOp: string | null;
  verouderd: boolean;
}

/** `bron` of a dossier block: the source system, when this person's copy was last confirmed, and whether the source is stale. */
export function bron(systeem: SourceSystem, d: DossierRows): BronValue {
  return { systeem, gesynchroniseerdOp: d.gesynchroniseerdOp, bronBereiktOp: d.bronBereiktOp, verouderd: d.verouderd };
}
