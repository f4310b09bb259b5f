import type DataLoader from 'dataloader';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier';

export type WerkInkomenDossierRows = DossierRows;

export interface WerkInkomenLoaders {
  dossier: DataLoader<string, WerkInkomenDossierRows>;
}

export function createWerkInkomenLoaders(db: Db): WerkInkomenLoaders {
  return { dossier: createDossierLoader(db, 'GWS', ['UITKERING']) };
}
