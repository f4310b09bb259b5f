import type { PersoonRecord } from '../../domain/records';
import { badUserInput } from '../../lib/errors';
import { authorize } from '../../policy/directive';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { ToestemmingStore } from './store';
import { validateToestemming } from './validate';

export interface ToestemmingLoaders {
  store: ToestemmingStore;
  persoon(bsn: string): Promise<PersoonRecord | null>;
  today(): string;
}

export type ToestemmingContext = SubgraphContext<ToestemmingLoaders>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const resolvers: Resolvers = {
  Query: {
    toestemmingen: (_root, { burgerservicenummer }, ctx) => ctx.loaders.store.forSubject(burgerservicenummer),
  },
  Mutation: {
    async registreerToestemming(_root, { input }, ctx) {
      // The register is checked against the subject named in the input, before anything is read.
      await authorize(ctx, input.betrokkene, 'TOESTEMMING', 'REGISTER', 'Mutation.registreerToestemming');
      const valid = validateToestemming(input, await ctx.loaders.persoon(input.betrokkene), ctx.loaders.today());
      return ctx.loaders.store.register(valid, ctx.request.actor.sub);
    },
    async trekToestemmingIn(_root, { id }, ctx) {
      if (!UUID.test(id)) throw badUserInput('id must be the id of a registered toestemming');
      const existing = await ctx.loaders.store.get(id);
      // The same answer for an id that does not exist and one about a subject the actor may not manage.
      if (!existing) throw badUserInput('id must be the id of a registered toestemming');
      await authorize(ctx, existing.betrokkene, 'TOESTEMMING', 'REGISTER', 'Mutation.trekToestemmingIn');
      return (await ctx.loaders.store.revoke(id, ctx.request.actor.sub))!;
    },
  },
  Toestemming: {
    status: (t, _args, ctx) => {
      if (t.ingetrokkenOp) return 'INGETROKKEN';
      return t.geldigTot !== null && t.geldigTot < ctx.loaders.today() ? 'VERLOPEN' : 'ACTIEF';
    },
  },
};
