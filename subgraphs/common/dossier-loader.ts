import DataLoader from 'dataloader';
import type { SourceSystem } from '../../domain/record-types';
import type { Db } from '../../lib/db';

/** A dossier block as loaders hand it to resolvers: the person's records and their freshness. */
export interface DossierRows<R> {
  burgerservicenummer: string;
  /** Each record as the adapter produced it, with the read model's record type beside it. */
  records: Array<R & { recordType: string }>;
  /** When the read model was last confirmed against the source for this person; null if never. */
  gesynchroniseerdOp: string | null;
}

/**
 * One DataLoader per request and domain: all persons asked for in one tick are read with a
 * single query, freshness included, whatever the household size (no N+1).
 */
export function createDossierLoader<R>(db: Db, source: SourceSystem, recordTypes: readonly string[]): DataLoader<string, DossierRows<R>> {
  return new DataLoader(async (bsns) => {
    const rows = await db.query<{ bsn: string; record_type: string | null; record: R | null; synced_at: string | null; last_full_sync_at: string | null; last_change_at: string | null }>(
      `SELECT b.bsn, d.record_type, d.record, d.synced_at, s.last_full_sync_at, s.last_change_at
         FROM unnest($1::text[]) AS b(bsn)
         LEFT JOIN dossier_record d ON d.bsn = b.bsn AND d.record_type = ANY($3::text[])
         LEFT JOIN sync_state s ON s.source = $2
        ORDER BY b.bsn, d.record_type, d.id`,
      [bsns, source, recordTypes],
    );
    const byBsn = new Map<string, DossierRows<R>>();
    for (const row of rows) {
      let entry = byBsn.get(row.bsn);
      if (!entry) {
        entry = { burgerservicenummer: row.bsn, records: [], gesynchroniseerdOp: latest(row.last_full_sync_at, row.last_change_at) };
        byBsn.set(row.bsn, entry);
      }
      if (row.record && row.record_type) {
        entry.records.push({ ...row.record, recordType: row.record_type });
        entry.gesynchroniseerdOp = latest(entry.gesynchroniseerdOp, row.synced_at);
      }
    }
    return bsns.map((b) => byBsn.get(b) ?? { burgerservicenummer: b, records: [], gesynchroniseerdOp: null });
  });
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
