import type { WmoVoorzieningRecord } from '../../domain/records';
import { bron, persoonMetDossier, shownRecords } from '../common/dossier';
import type { Resolvers } from './generated/resolvers-types';

export const resolvers: Resolvers = {
  Persoon: persoonMetDossier('wmo'),
  WmoDossier: {
    voorzieningen: (d, _args, ctx) => shownRecords<WmoVoorzieningRecord>(d, ctx, 'WmoDossier.voorzieningen', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('GWS', d),
  },
};
