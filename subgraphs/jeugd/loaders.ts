import type DataLoader from 'dataloader';
import type { JeugdhulpRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier-loader';

export type JeugdDossierRows = DossierRows<JeugdhulpRecord>;

export interface JeugdLoaders {
  dossier: DataLoader<string, JeugdDossierRows>;
}

export function createJeugdLoaders(db: Db): JeugdLoaders {
  return { dossier: createDossierLoader<JeugdhulpRecord>(db, 'JEUGD', ['JEUGDHULP']) };
}
