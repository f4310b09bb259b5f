import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { WerkInkomenLoaders } from './loaders';

export type WerkInkomenContext = SubgraphContext<WerkInkomenLoaders>;

export const resolvers: Resolvers = {
  Persoon: {
    __resolveReference: (ref) => ({ burgerservicenummer: ref.burgerservicenummer }),
    werkEnInkomen: (p, _args, ctx) => ctx.loaders.dossier.load(p.burgerservicenummer),
  },
  WerkEnInkomenDossier: {
    uitkeringen: (d) => [...d.records].sort((a, b) => (b.ingangsdatum ?? '').localeCompare(a.ingangsdatum ?? '')),
    bron: (d) => ({ systeem: 'GWS', gesynchroniseerdOp: d.gesynchroniseerdOp }),
  },
  Uitkering: {
    besluiten: (u) => [...u.besluiten].sort((a, b) => a.datum.localeCompare(b.datum)),
  },
};
