import type DataLoader from 'dataloader';
import type { InschrijvingRecord, LeerlingRecord, VerzuimmeldingRecord, VrijstellingRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier-loader';

type LeerplichtRecord = LeerlingRecord | InschrijvingRecord | VerzuimmeldingRecord | VrijstellingRecord;
export type LeerplichtDossierRows = DossierRows<LeerplichtRecord>;

export interface LeerplichtLoaders {
  /** All four LAS record types of a person in one query. */
  dossier: DataLoader<string, LeerplichtDossierRows>;
}

export function createLeerplichtLoaders(db: Db): LeerplichtLoaders {
  return { dossier: createDossierLoader<LeerplichtRecord>(db, 'LAS', ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING']) };
}
