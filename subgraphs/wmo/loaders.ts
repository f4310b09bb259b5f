import type DataLoader from 'dataloader';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier';

export type WmoDossierRows = DossierRows;

export interface WmoLoaders {
  dossier: DataLoader<string, WmoDossierRows>;
}

export function createWmoLoaders(db: Db): WmoLoaders {
  return { dossier: createDossierLoader(db, 'GWS', ['WMO_VOORZIENING']) };
}
