import DataLoader from 'dataloader';
import type { PersoonRecord } from '../../domain/records';
import type { Db } from '../../lib/db';

export interface PersoonRow extends PersoonRecord {
  syncedAt: string;
}

export interface BrpLoaders {
  persoon: DataLoader<string, PersoonRow | null>;
  /** Everyone registered at an adresseerbaar object, by its identification. */
  bewoners: DataLoader<string, PersoonRow[]>;
}

export function createBrpLoaders(db: Db): BrpLoaders {
  const persoon = new DataLoader<string, PersoonRow | null>(async (bsns) => {
    const rows = await db.query<{ bsn: string; record: PersoonRecord; synced_at: string }>(
      'SELECT bsn, record, synced_at FROM brp_persoon WHERE bsn = ANY($1::text[])',
      [bsns],
    );
    const found = new Map(rows.map((r) => [r.bsn, { ...r.record, syncedAt: r.synced_at }]));
    return bsns.map((b) => found.get(b) ?? null);
  });
  const bewoners = new DataLoader<string, PersoonRow[]>(async (ids) => {
    const rows = await db.query<{ aoid: string; record: PersoonRecord; synced_at: string }>(
      `SELECT adresseerbaar_object_id AS aoid, record, synced_at FROM brp_persoon
        WHERE adresseerbaar_object_id = ANY($1::text[]) ORDER BY bsn`,
      [ids],
    );
    const byId = new Map<string, PersoonRow[]>();
    for (const r of rows) {
      const row = { ...r.record, syncedAt: r.synced_at };
      byId.set(r.aoid, [...(byId.get(r.aoid) ?? []), row]);
      // Members found here are worth remembering for their own Persoon fields in this request.
      persoon.prime(row.burgerservicenummer, row);
    }
    return ids.map((id) => byId.get(id) ?? []);
  });
  return { persoon, bewoners };
}
