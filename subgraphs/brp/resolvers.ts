import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { BrpLoaders } from './loaders';

export type BrpContext = SubgraphContext<BrpLoaders>;

export const resolvers: Resolvers = {
  Query: {
    persoon: (_root, { burgerservicenummer }, ctx) => ctx.loaders.persoon.load(burgerservicenummer),
    async huishouden(_root, { burgerservicenummer }, ctx) {
      const persoon = await ctx.loaders.persoonMetHuishouden.load(burgerservicenummer);
      if (!persoon?.adres) return null;
      return { id: ctx.loaders.householdId(persoon.adres.adresseerbaarObjectId), burgerservicenummer, adres: persoon.adres, householdInCopy: persoon.householdInCopy };
    },
  },
  Persoon: {
    __resolveReference: (ref, ctx) => ctx.loaders.persoon.load(ref.burgerservicenummer),
    naam: (p) => p.naam,
    // A person is either in the copy (confirmed by the last BRP sync that read them) or asked of
    // the BRP just now: either way their syncedAt is when the BRP was last reached for them.
    bron: (p, _args, ctx) => ({ systeem: 'BRP', gesynchroniseerdOp: p.syncedAt, bronBereiktOp: p.syncedAt, verouderd: ctx.loaders.verouderd(p.syncedAt) }),
  },
  Huishouden: {
    // A derived view under the one visibility rule: members the actor may not identify are left
    // out silently, so the list does not tell who else lives there.
    async leden(h, _args, ctx) {
      const members = await ctx.loaders.bewoners.load({ adresseerbaarObjectId: h.adres.adresseerbaarObjectId, householdInCopy: h.householdInCopy });
      return ctx.policy.visible(members, (m) => ({ subject: m.burgerservicenummer, domain: 'BRP', category: 'BASIS' }), 'Huishouden.leden');
    },
  },
};
