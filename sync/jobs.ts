import type { GwsAnswer } from '../adapters/gws';
import { foldBerichten, type PendingEvent } from '../adapters/jeugd';
import type { RecordOf } from '../domain/record-types';
import type { JeugdhulpRecord, PersoonRecord, UitkeringRecord, WmoVoorzieningRecord } from '../domain/records';
import type { Db } from '../lib/db';
import type { OpaqueIds } from '../lib/opaque';
import { mapLimit } from '../lib/map-limit';
import { analyzeReadModels, dossierSubjects, markSynced, recordsOfType, sweepDossier, sweepPersons, syncState, tombstoneDossierRecords, upsertDossierRecords, upsertPersons, versionOf } from '../read-model';
import { ConsentStore } from '../policy';
import type { RetentionEngine } from '../retention';
import type { SyncSources } from './sources';

type HeldRecord = Awaited<ReturnType<RetentionEngine['filterForImport']>>['held'][number];

/** What a job processor needs; BullMQ wiring lives in sync/service.ts. */
export interface SyncDeps {
  db: Db;
  sources: SyncSources;
  /** Decides what may be copied at all (archive terms, destruction requests). */
  retention: RetentionEngine;
  /** Keys the household ids the read model stores (the same key the brp subgraph uses). */
  ids: OpaqueIds;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

export type JobResult = Record<string, number | string | boolean>;

const PAGE_SIZE = 200;
const FEED_PAGE = 500;
// Parallel requests to the BRP: enough to hide latency, few enough not to trip its rate limit.
const BRP_CONCURRENCY = 8;

const nowIso = (deps: SyncDeps) => (deps.now ?? (() => new Date()))().toISOString();
const todayOf = (iso: string) => iso.slice(0, 10);

/** Full sync of GWS (Wmo voorzieningen, Participatiewet uitkeringen): scan all, upsert, sweep. */
export async function fullGws(deps: SyncDeps, run: string): Promise<JobResult> {
  const at = nowIso(deps);
  const held: HeldRecord[] = [];
  // Both of GWS's record types the same way: page through, keep what is within its term.
  const copy = async <T extends 'WMO_VOORZIENING' | 'UITKERING'>(type: T, pages: AsyncIterable<GwsAnswer<RecordOf[T]>>) => {
    let kept = 0;
    for await (const page of pages) {
      // The page's state is as of its answer, as GWS timed it: a change applied since, read from
      // a later answer, is newer and stays, however late this page is written.
      const read = nowIso(deps);
      const f = await deps.retention.filterForImport(deps.db, type, page.records, todayOf(at));
      await upsertDossierRecords(deps.db, type, f.keep, run, read, versionOf.gws(page.tijdstipBericht, 'page'));
      held.push(...f.held);
      kept += f.keep.length;
    }
    return kept;
  };
  const wmo = await copy('WMO_VOORZIENING', deps.sources.gws.scanWmoVoorzieningen({ pageSize: PAGE_SIZE }));
  const uitkeringen = await copy('UITKERING', deps.sources.gws.scanUitkeringen({ pageSize: PAGE_SIZE }));
  // The sweep, the backlog and the freshness mark commit together: either the read model is
  // known complete as of `at`, or it keeps its previous mark.
  const removed = await deps.db.transaction(async (tx) => {
    const n = await sweepDossier(tx, ['WMO_VOORZIENING', 'UITKERING'], run, at);
    await deps.retention.recordBacklog(tx, 'GWS', ['WMO_VOORZIENING', 'UITKERING'], held, at);
    await markSynced(tx, 'GWS', { full: at });
    return n;
  });
  return { wmo, uitkeringen, removed, notImported: held.length };
}

/**
 * What a queued GWS kennisgeving carries: which record changed and how GWS says it changed, never
 * the record itself. Queue payloads stay in Redis (and in its dumps) and must hold no personal
 * data; and the message's content is not to be trusted anyway (see applyGwsKennisgeving).
 */
export interface GwsKennisgevingSignaal {
  entiteittype: 'WVZ' | 'UIT';
  /** toewijzingNummer (WVZ) or dossierNummer (UIT). */
  sleutel: string;
  soort: 'T' | 'W' | 'V';
  referentienummer: string;
  tijdstipBericht: string;
}

/**
 * Applies one StUF kennisgeving (Lk01) from GWS, taken as a signal only: whatever the message
 * said, the record is read anew from GWS by its key (an Lv01) and the copy follows what GWS holds
 * now: found, it is upserted (through the retention filter); not found, the copy is deleted. So a
 * forged, replayed or reordered kennisgeving can at most make the hub re-read GWS. Idempotent.
 */
export async function applyGwsKennisgeving(deps: SyncDeps, k: GwsKennisgevingSignaal): Promise<JobResult> {
  // Job data comes back from Redis: check its shape rather than trust a cast.
  if ((k?.entiteittype !== 'WVZ' && k?.entiteittype !== 'UIT') || typeof k.sleutel !== 'string' || k.sleutel === '') {
    throw new Error('expected a GWS kennisgeving job with entiteittype WVZ or UIT and a sleutel, got another shape');
  }
  const type = k.entiteittype === 'WVZ' ? 'WMO_VOORZIENING' : 'UITKERING';
  const { record: current, tijdstipBericht } = k.entiteittype === 'WVZ' ? await deps.sources.gws.wmoVoorziening(k.sleutel) : await deps.sources.gws.uitkering(k.sleutel);
  const at = nowIso(deps);
  // When GWS stated this state, by its clock (read-model/versions.ts), not when the kennisgeving
  // said it changed: the message is not trusted, and the answer is what was read.
  const version = versionOf.gws(tijdstipBericht, 'record');
  await deps.db.transaction(async (tx) => {
    // A change that puts a record past its term (or under a destruction request) removes the copy.
    const keep =
      current === null
        ? []
        : type === 'WMO_VOORZIENING'
          ? (await deps.retention.filterForImport(tx, type, [current as WmoVoorzieningRecord], todayOf(at))).keep
          : (await deps.retention.filterForImport(tx, type, [current as UitkeringRecord], todayOf(at))).keep;
    if (keep.length === 0) await tombstoneDossierRecords(tx, type, [k.sleutel], version, at);
    else await upsertDossierRecords(tx, type, keep as Array<WmoVoorzieningRecord & UitkeringRecord>, null, at, version);
    await markSynced(tx, 'GWS', { change: at });
  });
  return { type, soort: k.soort, found: current !== null };
}

interface JeugdProgress {
  pending: PendingEvent[];
  /** Messages read from the feed's start: the feed position records are versioned by. */
  gelezen?: number;
}

/** Full sync of the Jeugd read model: reads the whole feed from its start and folds it anew. */
export async function fullJeugd(deps: SyncDeps, run: string): Promise<JobResult> {
  const at = nowIso(deps);
  let records = new Map<string, JeugdhulpRecord>();
  let pending: PendingEvent[] = [];
  let cursor: string | null = null;
  let messages = 0;
  for (;;) {
    const page = await deps.sources.jeugd.lees(cursor, FEED_PAGE);
    const folded = foldBerichten(records, page.berichten, { pending });
    records = folded.records;
    pending = folded.pending;
    messages += page.berichten.length;
    cursor = page.volgende;
    if (!page.meer) break;
  }
  const { keep: all, held } = await deps.retention.filterForImport(deps.db, 'JEUGDHULP', [...records.values()], todayOf(at));
  for (let i = 0; i < all.length; i += PAGE_SIZE) await upsertDossierRecords(deps.db, 'JEUGDHULP', all.slice(i, i + PAGE_SIZE), run, at, versionOf.jeugd(messages));
  const removed = await deps.db.transaction(async (tx) => {
    const n = await sweepDossier(tx, ['JEUGDHULP'], run, at);
    await deps.retention.recordBacklog(tx, 'JEUGD', ['JEUGDHULP'], held, at);
    await markSynced(tx, 'JEUGD', { full: at, cursor: cursor ?? undefined, progress: { pending, gelezen: messages } satisfies JeugdProgress });
    return n;
  });
  return { messages, records: all.length, pending: pending.length, removed, notImported: held.length };
}

/**
 * Reads the Jeugd feed from the persisted cursor and applies what is new. The records, the new
 * cursor and the pending start/stop reports commit in one transaction: a crash re-reads the same
 * page and folds it to the same result.
 */
export async function pollJeugd(deps: SyncDeps): Promise<JobResult> {
  const state = await syncState(deps.db, 'JEUGD');
  if (!state?.cursor) return { skipped: 'no full sync yet' };
  let cursor = state.cursor;
  let pending = (state.progress as JeugdProgress | null)?.pending ?? [];
  // A cursor persisted before positions were counted starts at 0: below every version a full
  // sync writes, so the next full sync's state wins, as it should.
  let gelezen = (state.progress as JeugdProgress | null)?.gelezen ?? 0;
  let changed = 0;
  for (;;) {
    const page = await deps.sources.jeugd.lees(cursor, FEED_PAGE);
    if (page.berichten.length === 0 && page.volgende === cursor) {
      await markSynced(deps.db, 'JEUGD', { reached: nowIso(deps) });
      break;
    }
    const position = gelezen + page.berichten.length;
    // A start or stop report may name its toewijzing only by product, so the fold gets every
    // jeugdhulp record of the persons this page speaks of.
    const bsns = [...new Set([...page.berichten.map((b) => b.burgerservicenummer), ...pending.map((p) => p.burgerservicenummer)])];
    const current = await recordsOfType(deps.db, 'JEUGDHULP', { bsns });
    const folded = foldBerichten(
      current.map((r) => r.record as JeugdhulpRecord),
      page.berichten,
      { pending },
    );
    const at = nowIso(deps);
    await deps.db.transaction(async (tx) => {
      const { keep, held } = await deps.retention.filterForImport(tx, 'JEUGDHULP', folded.changed, todayOf(at));
      await upsertDossierRecords(tx, 'JEUGDHULP', keep, null, at, versionOf.jeugd(position));
      if (held.length) await tombstoneDossierRecords(tx, 'JEUGDHULP', folded.changed.filter((r) => !keep.includes(r)).map((r) => r.toewijzingNummer), versionOf.jeugd(position), at);
      await markSynced(tx, 'JEUGD', { ...(folded.changed.length ? { change: at } : {}), reached: at, cursor: page.volgende, progress: { pending: folded.pending, gelezen: position } satisfies JeugdProgress });
    });
    changed += folded.changed.length;
    gelezen = position;
    cursor = page.volgende;
    pending = folded.pending;
    if (!page.meer) break;
  }
  return { changed };
}

/**
 * Imports the newest complete LAS export not imported yet. An export is a snapshot, so it
 * replaces the LAS read model whole, in one transaction: readers see the old export or the new
 * one, never a mix.
 */
export async function importLas(deps: SyncDeps, run: string, force = false): Promise<JobResult> {
  const exports = await deps.sources.las.listExports();
  // Listing the exports reached LAS: nothing newer than what the copy holds is confirmed now.
  const reached = nowIso(deps);
  const newest = exports.at(-1);
  if (!newest) {
    await markSynced(deps.db, 'LAS', { reached });
    return { skipped: 'no complete export' };
  }
  const state = await syncState(deps.db, 'LAS');
  if (!force && state?.cursor === newest) {
    await markSynced(deps.db, 'LAS', { reached });
    return { skipped: 'newest export already imported' };
  }
  const data = await deps.sources.las.readExport(newest);
  const at = nowIso(deps);
  const mark = `${run}:${newest}`;
  const today = todayOf(at);
  await deps.db.transaction(async (tx) => {
    const leerlingen = await deps.retention.filterForImport(tx, 'LEERLING', data.leerlingen, today);
    const inschrijvingen = await deps.retention.filterForImport(tx, 'INSCHRIJVING', data.inschrijvingen, today);
    const meldingen = await deps.retention.filterForImport(tx, 'VERZUIMMELDING', data.verzuimmeldingen, today);
    const vrijstellingen = await deps.retention.filterForImport(tx, 'VRIJSTELLING', data.vrijstellingen, today);
    await upsertDossierRecords(tx, 'LEERLING', leerlingen.keep, mark, at, versionOf.las(newest));
    await upsertDossierRecords(tx, 'INSCHRIJVING', inschrijvingen.keep, mark, at, versionOf.las(newest));
    await upsertDossierRecords(tx, 'VERZUIMMELDING', meldingen.keep, mark, at, versionOf.las(newest));
    await upsertDossierRecords(tx, 'VRIJSTELLING', vrijstellingen.keep, mark, at, versionOf.las(newest));
    await sweepDossier(tx, ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING'], mark, at);
    const held = [...leerlingen.held, ...inschrijvingen.held, ...meldingen.held, ...vrijstellingen.held];
    await deps.retention.recordBacklog(tx, 'LAS', ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING'], held, at);
    await markSynced(tx, 'LAS', { full: at, cursor: newest });
  });
  return { exportId: newest, leerlingen: data.leerlingen.length, inschrijvingen: data.inschrijvingen.length, verzuimmeldingen: data.verzuimmeldingen.length };
}

/**
 * The retention run (daily, and last in every full sync): destroy what is past its term (which
 * the read path already no longer serves) or under a carried-out request. It then refreshes the
 * planner's statistics of the read models, which a full sync has just rewritten, and of the
 * consent register, which every request reads.
 */
export async function retention(deps: SyncDeps): Promise<JobResult> {
  const at = nowIso(deps);
  const destroyed = await deps.retention.destroy(deps.db, todayOf(at), at);
  await analyzeReadModels(deps.db);
  await new ConsentStore(deps.db).analyze();
  return destroyed;
}

/**
 * Full sync of the BRP copy. The hub keeps only the persons the social domain needs (data
 * minimisation): every subject of a dossier record, everyone registered at their addresses (the
 * household), and the parents of their minors (who may consent for them).
 */
export async function fullBrp(deps: SyncDeps, run: string): Promise<JobResult> {
  const at = nowIso(deps);
  const brp = deps.sources.brp;
  const subjects = await dossierSubjects(deps.db);

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

  // Only minors' parents: they may consent for them (and hold gezag). An adult's parents are
  // nobody the social domain needs; should one be asked for, the BRP is asked on demand.
  const minors = [...known.values()].filter((p) => (p.leeftijd !== null ? p.leeftijd < 18 : p.gezag.some((g) => g.minderjarige === p.burgerservicenummer)));
  const parents = minors.flatMap((p) => [...p.ouders, ...p.gezag.filter((g) => g.minderjarige === null || g.minderjarige === p.burgerservicenummer).flatMap((g) => g.ouders)]);
  await fetch(parents);

  const persons = [...known.values()];
  for (let i = 0; i < persons.length; i += PAGE_SIZE) await upsertPersons(deps.db, persons.slice(i, i + PAGE_SIZE), { run, at, version: versionOf.brp(at), completeAddresses: addresses, householdId: (aoid) => deps.ids.household(aoid) });
  const removed = await deps.db.transaction(async (tx) => {
    const n = await sweepPersons(tx, run, at);
    await markSynced(tx, 'BRP', { full: at });
    return n;
  });
  return { persons: persons.length, addresses: addresses.size, removed };
}
