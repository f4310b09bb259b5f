import type { Db } from '../../lib/db';
import { badUserInput, checkBsn } from '../../lib/errors';
import type { Policy } from '../../policy';
import { destructionRecords, isRequestableDomain, openRequestCount, registerDestructionRequest, retentionBacklog } from '../../retention';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';

export interface RetentieLoaders {
  db: Db;
  policy: Policy;
}

export type RetentieContext = SubgraphContext<RetentieLoaders>;

/** Most destruction records one report lists (the schema's `eerste`). */
const MAX_LIST = 1000;

export const resolvers: Resolvers = {
  Query: {
    bewaartermijnRapport: (_root, _args, ctx) => {
      ctx.policy.guardUnscoped('AUDIT', 'LOG', 'Query.bewaartermijnRapport');
      ctx.policy.recorder.processedWithoutSubject('Query.bewaartermijnRapport');
      return {};
    },
  },
  BewaartermijnRapport: {
    vernietigingen: (_r, { eerste }, ctx) => destructionRecords(ctx.loaders.db, { limit: Math.max(0, Math.min(eerste ?? 100, MAX_LIST)) }),
    achterstand: (_r, _args, ctx) => retentionBacklog(ctx.loaders.db),
    openstaandeVerzoeken: (_r, _args, ctx) => openRequestCount(ctx.loaders.db),
  },
  Mutation: {
    async registreerVernietigingsverzoek(_root, { input }, ctx) {
      const betrokkene = checkBsn(input.betrokkene, 'betrokkene');
      if (!isRequestableDomain(input.domein)) throw badUserInput('domein must be WMO or JEUGD: only there does the law give this right');
      // The desk that holds the file takes the request: its consulent on the statutory task.
      await ctx.policy.guard(betrokkene, input.domein, 'DOSSIER', 'Mutation.registreerVernietigingsverzoek');
      return registerDestructionRequest(ctx.loaders.db, { betrokkene, domein: input.domein, door: ctx.request.actor.sub }, ctx.loaders.policy.now());
    },
  },
};
