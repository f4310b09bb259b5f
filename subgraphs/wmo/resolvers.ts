import type { WmoVoorzieningRecord } from '../../domain/records';
import { bron, shownRecords } from '../common/dossier';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { WmoLoaders } from './loaders';

export type WmoContext = SubgraphContext<WmoLoaders>;

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    wmo: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
  WmoDossier: {
    voorzieningen: (d, _args, ctx) => shownRecords<WmoVoorzieningRecord>(d, ctx, 'WmoDossier.voorzieningen', { newestBy: 'ingangsdatum' }),
    bron: (d) => bron('GWS', d),
  },
};
