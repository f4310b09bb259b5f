import DataLoader from 'dataloader';
import type { RecordType } from '../../domain/record-types';
import type { Db } from '../../lib/db';

export interface HouseholdRecords {
  id: string;
  leden: string[];
  records: Array<{ type: RecordType; record: unknown }>;
}

export interface DossierLoaders {
  /** A household's members and every dossier record of theirs, in one query for all households asked. */
  huishouden: DataLoader<string, HouseholdRecords>;
}

export function createDossierLoaders(db: Db): DossierLoaders {
  return {
    huishouden: new DataLoader(async (ids) => {
      const rows = await db.query<{ hid: string; bsn: string; record_type: RecordType | null; record: unknown }>(
        `SELECT p.huishouden_id AS hid, p.bsn, d.record_type, d.record
           FROM brp_persoon p LEFT JOIN dossier_record d ON d.bsn = p.bsn
          WHERE p.huishouden_id = ANY($1::text[])`,
        [ids],
      );
      const byId = new Map<string, HouseholdRecords>(ids.map((id) => [id, { id, leden: [], records: [] }]));
      for (const r of rows) {
        const h = byId.get(r.hid)!;
        if (!h.leden.includes(r.bsn)) h.leden.push(r.bsn);
        if (r.record_type) h.records.push({ type: r.record_type, record: r.record });
      }
      return ids.map((id) => byId.get(id)!);
    }),
  };
}
