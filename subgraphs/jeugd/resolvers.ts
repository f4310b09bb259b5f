import type { JeugdhulpRecord } from '../../domain/records';
import { bron, persoonMetDossier, shownRecords } from '../common/dossier';
import type { Resolvers } from './generated/resolvers-types';

export const resolvers: Resolvers = {
  Persoon: persoonMetDossier('jeugd'),
  JeugdDossier: {
    jeugdhulp: (d, _args, ctx) => shownRecords<JeugdhulpRecord>(d, ctx, 'JeugdDossier.jeugdhulp', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('JEUGD', d),
  },
};
