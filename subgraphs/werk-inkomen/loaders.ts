import type DataLoader from 'dataloader';
import type { UitkeringRecord } from '../../domain/records';
import type { Db } from '../../lib/db';
import { createDossierLoader, type DossierRows } from '../common/dossier-loader';

export type WerkInkomenDossierRows = DossierRows<UitkeringRecord>;

export interface WerkInkomenLoaders {
  dossier: DataLoader<string, WerkInkomenDossierRows>;
}

export function createWerkInkomenLoaders(db: Db): WerkInkomenLoaders {
  return { dossier: createDossierLoader<UitkeringRecord>(db, 'GWS', ['UITKERING']) };
}
