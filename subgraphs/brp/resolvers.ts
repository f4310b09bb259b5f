import { createHash } from 'node:crypto';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { BrpLoaders } from './loaders';

export type BrpContext = SubgraphContext<BrpLoaders>;

export const resolvers: Resolvers = {
  Query: {
    persoon: (_root, { burgerservicenummer }, ctx) => ctx.loaders.persoon.load(burgerservicenummer),
    async huishouden(_root, { burgerservicenummer }, ctx) {
      const persoon = await ctx.loaders.persoon.load(burgerservicenummer);
      if (!persoon?.adres) return null;
      // An opaque id: stable for the address, without exposing the BAG identification itself.
      const id = createHash('sha256').update(`huishouden:${persoon.adres.adresseerbaarObjectId}`).digest('hex').slice(0, 24);
      return { id, burgerservicenummer, adres: persoon.adres };
    },
  },
  Persoon: {
    __resolveReference: (ref, ctx) => ctx.loaders.persoon.load(ref.burgerservicenummer),
    naam: (p) => p.naam,
    bron: (p) => ({ systeem: 'BRP', gesynchroniseerdOp: p.syncedAt }),
  },
  Huishouden: {
    leden: (h, _args, ctx) => ctx.loaders.bewoners.load(h.adres.adresseerbaarObjectId),
  },
};
