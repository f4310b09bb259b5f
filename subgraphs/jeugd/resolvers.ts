import type { JeugdhulpRecord } from '../../domain/records';
import { bron, shownRecords } from '../common/dossier';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { JeugdLoaders } from './loaders';

export type JeugdContext = SubgraphContext<JeugdLoaders>;

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    jeugd: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
  JeugdDossier: {
    jeugdhulp: (d, _args, ctx) => shownRecords<JeugdhulpRecord>(d, ctx, 'JeugdDossier.jeugdhulp', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('JEUGD', d),
  },
};
