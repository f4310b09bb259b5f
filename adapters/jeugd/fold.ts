/**
 * Folding iJw messages into Jeugdhulp records: a pure function, no I/O, so the sync job can run
 * it on whatever it read and persist the outcome in one transaction.
 *
 * Rules:
 * - JW301 creates or replaces the toewijzing with that ToewijzingNummer. What providers reported
 *   (startZorg, stopZorg) is kept: a gewijzigde toewijzing does not undo a reported start or stop.
 * - JW305 sets startZorg to the StartProduct's Begindatum.
 * - JW307 sets stopZorg to the StopProduct's Einddatum and closes the toewijzing: einddatum becomes
 *   the stop date when there is none or a later one.
 * - Idempotent twice over. A message whose id was applied before (in this fold or, via
 *   `options.alreadyApplied`, an earlier one) is skipped and listed in `duplicates`. And applying
 *   the same facts again yields equal records, which never show up in `changed`.
 * - Order-tolerant: a JW305/JW307 for a toewijzing we do not know yet is kept in `pending` (not
 *   dropped, not an error) and applied as soon as its JW301 arrives — later in the same batch, or
 *   in a later fold when the caller passes `pending` back. Callers report what stays pending.
 * - Never throws on content: what cannot be applied is listed in `rejected` with a reason that
 *   names no personal data.
 *
 * Known limits (documented, not silently wrong): StatusAanlevering 3 (verwijderen) is rejected,
 * because undoing a stop needs the toewijzing's own einddatum, which the record no longer holds;
 * a corrected JW307 with a later date moves stopZorg but not einddatum until the next JW301 for
 * that toewijzing. A full resync from the source repairs both.
 */
import type { JeugdhulpRecord } from '../../domain/records';
import type { JeugdBerichtRecord, ProductVerwijzing, StartProductRecord, StopProductRecord } from './types';

/** A start or stop report waiting for the JW301 of its toewijzing. Persist it between folds. */
export type PendingEvent =
  | { soort: 'JW305'; berichtId: string; burgerservicenummer: string; product: StartProductRecord }
  | { soort: 'JW307'; berichtId: string; burgerservicenummer: string; product: StopProductRecord };

/** A report the fold could not apply, and why (no values from the message). */
interface RejectedEvent {
  berichtId: string;
  toewijzingNummer: string | null;
  reden: 'BSN_WIJKT_AF' | 'MEERDERE_TOEWIJZINGEN_PASSEN' | 'STATUS_AANLEVERING_NIET_ONDERSTEUND';
}

interface FoldOptions {
  /** Ids (`JeugdBerichtRecord.id`) of messages applied by earlier folds; they are skipped. */
  alreadyApplied?: ReadonlySet<string> | readonly string[];
  /** `pending` from the previous fold, retried first so their JW301 can arrive in any batch. */
  pending?: readonly PendingEvent[];
}

interface FoldResult {
  /** Records that differ from `current` after the fold (new or modified), each once, final state. */
  changed: JeugdhulpRecord[];
  /** The whole state after the fold, by toewijzingNummer. `current` itself is never modified. */
  records: Map<string, JeugdhulpRecord>;
  /** Ids of the messages this fold processed; add them to `alreadyApplied` for the next fold. */
  applied: string[];
  /** Ids of messages skipped because they were applied before. */
  duplicates: string[];
  /** Start/stop reports still waiting for their toewijzing. */
  pending: PendingEvent[];
  rejected: RejectedEvent[];
}

/**
 * Applies `berichten` in order to `current` (records by toewijzingNummer, or a list of them).
 * Pure: the same input gives the same output and nothing passed in is modified.
 */
export function foldBerichten(
  current: ReadonlyMap<string, JeugdhulpRecord> | readonly JeugdhulpRecord[],
  berichten: readonly JeugdBerichtRecord[],
  options: FoldOptions = {},
): FoldResult {
  const before = toMap(current);
  const records = new Map(before);
  const seen = new Set<string>(options.alreadyApplied ?? []);
  const touched = new Set<string>();
  const applied: string[] = [];
  const duplicates: string[] = [];
  const rejected: RejectedEvent[] = [];
  let pending: PendingEvent[] = [];

  const put = (record: JeugdhulpRecord): void => {
    records.set(record.toewijzingNummer, record);
    touched.add(record.toewijzingNummer);
  };

  /** Applies one start/stop report, or returns it when its toewijzing is not known yet. */
  const applyEvent = (event: PendingEvent): PendingEvent | null => {
    const { product } = event;
    if (product.statusAanlevering === '3') {
      rejected.push({ berichtId: event.berichtId, toewijzingNummer: product.toewijzingNummer, reden: 'STATUS_AANLEVERING_NIET_ONDERSTEUND' });
      return null;
    }
    const match = findToewijzing(records, event.burgerservicenummer, product);
    if (match === 'none') return event;
    if (match === 'ambiguous') {
      rejected.push({ berichtId: event.berichtId, toewijzingNummer: null, reden: 'MEERDERE_TOEWIJZINGEN_PASSEN' });
      return null;
    }
    if (match.burgerservicenummer !== event.burgerservicenummer) {
      // A provider's report may not move care onto another person's toewijzing.
      rejected.push({ berichtId: event.berichtId, toewijzingNummer: match.toewijzingNummer, reden: 'BSN_WIJKT_AF' });
      return null;
    }
    const next =
      event.soort === 'JW305'
        ? { ...match, startZorg: event.product.begindatum }
        : {
            ...match,
            stopZorg: event.product.einddatum,
            einddatum: closeBy(match.einddatum, event.product.einddatum),
          };
    put(next);
    return null;
  };

  const retryPending = (): void => {
    pending = pending.flatMap((event) => {
      const left = applyEvent(event);
      return left === null ? [] : [left];
    });
  };

  pending = [...(options.pending ?? [])];
  retryPending();

  for (const bericht of berichten) {
    if (seen.has(bericht.id)) {
      duplicates.push(bericht.id);
      continue;
    }
    seen.add(bericht.id);
    applied.push(bericht.id);

    switch (bericht.soort) {
      case 'JW301':
        for (const toewijzing of bericht.toewijzingen) {
          const existing = records.get(toewijzing.toewijzingNummer);
          const stopZorg = existing?.stopZorg ?? null;
          put({
            ...toewijzing,
            startZorg: existing?.startZorg ?? null,
            stopZorg,
            einddatum: closeBy(toewijzing.einddatum, stopZorg),
          });
        }
        // Reports that arrived before this toewijzing can be applied now.
        retryPending();
        break;
      case 'JW305':
        for (const product of bericht.startProducten) {
          const left = applyEvent({ soort: 'JW305', berichtId: bericht.id, burgerservicenummer: bericht.burgerservicenummer, product });
          if (left) pending.push(left);
        }
        break;
      case 'JW307':
        for (const product of bericht.stopProducten) {
          const left = applyEvent({ soort: 'JW307', berichtId: bericht.id, burgerservicenummer: bericht.burgerservicenummer, product });
          if (left) pending.push(left);
        }
        break;
    }
  }

  const changed: JeugdhulpRecord[] = [];
  for (const key of touched) {
    const after = records.get(key)!;
    const was = before.get(key);
    if (was === undefined || !sameRecord(was, after)) changed.push(after);
  }
  return { changed, records, applied, duplicates, pending, rejected };
}

function toMap(current: ReadonlyMap<string, JeugdhulpRecord> | readonly JeugdhulpRecord[]): Map<string, JeugdhulpRecord> {
  if (current instanceof Map) return new Map(current);
  return new Map((current as readonly JeugdhulpRecord[]).map((r) => [r.toewijzingNummer, r]));
}

/** The stop date closes the toewijzing unless it already ends earlier. ISO dates compare as strings. */
function closeBy(einddatum: string | null, stop: string | null): string | null {
  if (stop === null) return einddatum;
  return einddatum === null || einddatum > stop ? stop : einddatum;
}

/**
 * Finds the toewijzing a start/stop refers to: by ToewijzingNummer when given (iJw: start and stop
 * always refer to the number of the original JW301), otherwise by client and product fields.
 */
function findToewijzing(
  records: ReadonlyMap<string, JeugdhulpRecord>,
  bsn: string,
  ref: ProductVerwijzing,
): JeugdhulpRecord | 'none' | 'ambiguous' {
  if (ref.toewijzingNummer !== null) return records.get(ref.toewijzingNummer) ?? 'none';
  const candidates = [...records.values()].filter(
    (r) =>
      r.burgerservicenummer === bsn &&
      (ref.productCategorie === null || r.productCategorie === ref.productCategorie) &&
      (ref.productCode === null || r.productCode === ref.productCode) &&
      (ref.toewijzingIngangsdatum === null || r.ingangsdatum === ref.toewijzingIngangsdatum),
  );
  if (candidates.length === 0) return 'none';
  return candidates.length === 1 ? candidates[0] : 'ambiguous';
}

function sameRecord(a: JeugdhulpRecord, b: JeugdhulpRecord): boolean {
  return (
    a.burgerservicenummer === b.burgerservicenummer &&
    a.toewijzingNummer === b.toewijzingNummer &&
    a.productCategorie === b.productCategorie &&
    a.productCode === b.productCode &&
    a.omschrijving === b.omschrijving &&
    a.verwijzer === b.verwijzer &&
    a.ingangsdatum === b.ingangsdatum &&
    a.einddatum === b.einddatum &&
    a.startZorg === b.startZorg &&
    a.stopZorg === b.stopZorg &&
    (a.omvang === null || b.omvang === null
      ? a.omvang === b.omvang
      : a.omvang.volume === b.omvang.volume && a.omvang.eenheid === b.omvang.eenheid && a.omvang.frequentie === b.omvang.frequentie)
  );
}
