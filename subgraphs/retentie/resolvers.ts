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

export const resolvers: Resolvers = {
  Query: {
    bewaartermijnRapport: (_root, _args, ctx) => {
      ctx.policy.guardUnscoped('AUDIT', 'LOG', 'Query.bewaartermijnRapport');
      ctx.policy.recorder.processedWithoutSubject('Query.bewaartermijnRapport');
      return {};
    },
  },
  BewaartermijnRapport: {
    // `eerste` is within the maximum its schema description states (lib/query-limits.ts).
    vernietigingen: (_r, { eerste }, ctx) => destructionRecords(ctx.loaders.db, { limit: eerste ?? 100 }),
    achterstand: (_r, _args, ctx) => retentionBacklog(ctx.loaders.db),
    openstaandeVerzoeken: (_r, _args, ctx) => openRequestCount(ctx.loaders.db),
  },
  Mutation: {
    async registreerVernietigingsverzoek(_root, { input }, ctx) {
      const betrokkene = checkBsn(input.betrokkene, 'betrokkene');
      if (!isRequestableDomain(input.domein)) throw badUserInput('domein must be WMO or JEUGD: only there does the law give this right');
      // Filed by the privacy officer on the person's behalf: a desk, or a consent, cannot destroy a file.
      await ctx.policy.guard(betrokkene, 'AUDIT', 'VERZOEK_BETROKKENE', 'Mutation.registreerVernietigingsverzoek');
      return registerDestructionRequest(ctx.loaders.db, { betrokkene, domein: input.domein, door: ctx.request.actor.sub }, ctx.loaders.policy.now());
    },
  },
};
