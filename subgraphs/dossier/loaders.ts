import DataLoader from 'dataloader';
import type { Db } from '../../lib/db';
import { householdDossiers, type StoredRecord } from '../../read-model';

export interface HouseholdRecords {
  id: string;
  leden: string[];
  records: StoredRecord[];
}

export interface DossierLoaders {
  /** A household's members and every dossier record of theirs, in one query for all households asked. */
  huishouden: DataLoader<string, HouseholdRecords>;
}

export function createDossierLoaders(db: Db): DossierLoaders {
  return {
    huishouden: new DataLoader(async (ids) => {
      const found = await householdDossiers(db, ids);
      return ids.map((id) => ({ id, ...found.get(id)! }));
    }),
  };
}
