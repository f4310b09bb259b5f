import { RECORD_TYPES } from '../../domain/record-types';
import type { SubgraphContext } from '../common/server';
import { eventsOf } from './events';
import type { Resolvers } from './generated/resolvers-types';
import type { DossierLoaders } from './loaders';

export type DossierContext = SubgraphContext<DossierLoaders>;

const DOMAINS = ['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT'] as const;

export const resolvers: Resolvers = {
  Huishouden: {
    __resolveReference: (ref, ctx) => ctx.loaders.huishouden.load(ref.id),
    // Both views show only what the policy's one visibility rule lets through, per member and
    // domain: nothing else, not even a hint that it exists.
    async domeinen(h, _args, ctx) {
      const present = new Set((await ctx.policy.visibleRecords(h.records, 'Huishouden.domeinen')).map((r) => RECORD_TYPES[r.type].domain));
      return DOMAINS.filter((d) => present.has(d));
    },
    async tijdlijn(h, { eerste }, ctx) {
      const visible = await ctx.policy.visibleRecords(h.records, 'Huishouden.tijdlijn');
      const events = visible.flatMap((r) => eventsOf(r.type, r.record, ctx.policy.today));
      events.sort((a, b) => b.datum.localeCompare(a.datum) || a.domein.localeCompare(b.domein) || a.soort.localeCompare(b.soort));
      // `eerste` is within the maximum its schema description states: the query limits refused
      // anything else before this ran (lib/query-limits.ts).
      return events.slice(0, eerste ?? 100);
    },
  },
  Gebeurtenis: {
    betrokkene: (g) => ({ burgerservicenummer: g.burgerservicenummer }),
  },
};
