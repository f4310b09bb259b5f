import { badUserInput, checkBsn, checkIsoDate } from '../../lib/errors';
import { consentStatus, validateToestemming, type ConsentStore, type OrganisationRegister } from '../../policy';
import type { PersonDirectory } from '../../read-model';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';

export interface ToestemmingLoaders {
  consents: ConsentStore;
  /** Who may consent for whom follows from the BRP (age, gezag), inside the copy or not. */
  persons: PersonDirectory;
  organisations: OrganisationRegister;
  now(): Date;
}

export type ToestemmingContext = SubgraphContext<ToestemmingLoaders>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const resolvers: Resolvers = {
  Query: {
    toestemmingen: (_root, { burgerservicenummer }, ctx) => ctx.loaders.consents.forSubject(burgerservicenummer),
  },
  Mutation: {
    async registreerToestemming(_root, { input }, ctx) {
      // The register is checked against the subject named in the input, before anything is read;
      // the dates too, so that no impossible date gets as far as the database.
      const betrokkene = checkBsn(input.betrokkene, 'betrokkene');
      if (input.geldigTot !== null && input.geldigTot !== undefined) checkIsoDate(input.geldigTot, 'geldigTot');
      checkIsoDate(input.bewijs.ondertekendOp, 'bewijs.ondertekendOp');
      await ctx.policy.guard(betrokkene, 'TOESTEMMING', 'REGISTER', 'Mutation.registreerToestemming');
      const persoon = (await ctx.loaders.persons.persons([betrokkene])).get(betrokkene)?.record ?? null;
      const valid = validateToestemming(input, persoon, ctx.policy.today, ctx.loaders.organisations);
      return ctx.loaders.consents.register(valid, ctx.request.actor.sub, ctx.loaders.now());
    },
    async trekToestemmingIn(_root, { id }, ctx) {
      // Who may not manage the register at all is refused before the id is looked at, so the
      // answer never tells whether the id exists.
      ctx.policy.guardUnscoped('TOESTEMMING', 'REGISTER', 'Mutation.trekToestemmingIn');
      if (!UUID.test(id)) throw badUserInput('id must be the id of a registered toestemming');
      const existing = await ctx.loaders.consents.get(id);
      if (!existing) throw badUserInput('id must be the id of a registered toestemming');
      await ctx.policy.guard(existing.betrokkene, 'TOESTEMMING', 'REGISTER', 'Mutation.trekToestemmingIn');
      return (await ctx.loaders.consents.revoke(id, ctx.request.actor.sub, ctx.loaders.now()))!;
    },
  },
  Toestemming: {
    status: (t, _args, ctx) => consentStatus(t, ctx.policy.today),
  },
};
