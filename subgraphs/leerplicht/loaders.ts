import type DataLoader from 'dataloader';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier';

export type LeerplichtDossierRows = DossierRows;

export interface LeerplichtLoaders {
  /** All four LAS record types of a person in one query. */
  dossier: DataLoader<string, LeerplichtDossierRows>;
}

export function createLeerplichtLoaders(db: Db): LeerplichtLoaders {
  return { dossier: createDossierLoader(db, 'LAS', ['LEERLING', 'INSCHRIJVING', 'VERZUIMMELDING', 'VRIJSTELLING']) };
}
