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
    jeugdhulp: (d) => [...d.records].sort((a, b) => (b.ingangsdatum ?? '').localeCompare(a.ingangsdatum ?? '')),
    bron: (d) => ({ systeem: 'JEUGD', gesynchroniseerdOp: d.gesynchroniseerdOp }),
  },
};
