import type DataLoader from 'dataloader';
import type { WmoVoorzieningRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier-loader';

export type WmoDossierRows = DossierRows<WmoVoorzieningRecord>;

export interface WmoLoaders {
  dossier: DataLoader<string, WmoDossierRows>;
}

export function createWmoLoaders(db: Db): WmoLoaders {
  return { dossier: createDossierLoader<WmoVoorzieningRecord>(db, 'GWS', ['WMO_VOORZIENING']) };
}
