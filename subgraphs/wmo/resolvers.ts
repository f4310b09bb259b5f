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
    // Newest first: what a consulent looks for is what is running now.
    voorzieningen: (d) => [...d.records].sort((a, b) => (b.ingangsdatum ?? '').localeCompare(a.ingangsdatum ?? '')),
    bron: (d) => ({ systeem: 'GWS', gesynchroniseerdOp: d.gesynchroniseerdOp }),
  },
};
