import type { UitkeringRecord } from '../../domain/records';
import { bron, persoonMetDossier, shownRecords } from '../common/dossier';
import type { Resolvers } from './generated/resolvers-types';

export const resolvers: Resolvers = {
  Persoon: persoonMetDossier('werkEnInkomen'),
  WerkEnInkomenDossier: {
    uitkeringen: (d, _args, ctx) => shownRecords<UitkeringRecord>(d, ctx, 'WerkEnInkomenDossier.uitkeringen', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('GWS', d),
  },
  Uitkering: {
    besluiten: (u) => [...u.besluiten].sort((a, b) => a.datum.localeCompare(b.datum)),
  },
};
