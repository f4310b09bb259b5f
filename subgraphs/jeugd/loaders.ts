import type DataLoader from 'dataloader';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier';

export type JeugdDossierRows = DossierRows;

export interface JeugdLoaders {
  dossier: DataLoader<string, JeugdDossierRows>;
}

export function createJeugdLoaders(db: Db): JeugdLoaders {
  return { dossier: createDossierLoader(db, 'JEUGD', ['JEUGDHULP']) };
}
