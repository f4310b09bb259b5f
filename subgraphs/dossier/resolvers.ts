import { RECORD_TYPES } from '../../domain/record-types';
import type { SubgraphContext } from '../common/server';
import { eventsOf } from './events';
import type { Resolvers } from './generated/resolvers-types';
import type { DossierLoaders, HouseholdRecords } from './loaders';

export type DossierContext = SubgraphContext<DossierLoaders>;

const DOMAINS = ['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT'] as const;

/**
 * The household's records the actor may see: for each member, only domains the policy opens for
 * that member, and only members the actor may identify at all. Everything else is dropped
 * silently — an error per hidden record would tell that it exists.
 */
async function visibleRecords(h: HouseholdRecords, ctx: DossierContext, coordinate: string) {
  const allowed = new Set<string>();
  await Promise.all(
    h.leden.flatMap((bsn) =>
      DOMAINS.map(async (domain) => {
        const [basis, dossier] = await Promise.all([ctx.policy.decide(bsn, 'BRP', 'BASIS'), ctx.policy.decide(bsn, domain, 'DOSSIER')]);
        if (basis.allowed && dossier.allowed) allowed.add(`${bsn}|${domain}`);
      }),
    ),
  );
  const visible = h.records.filter((r) => allowed.has(`${(r.record as { burgerservicenummer: string }).burgerservicenummer}|${RECORD_TYPES[r.type].domain}`));
  for (const bsn of new Set(visible.map((r) => (r.record as { burgerservicenummer: string }).burgerservicenummer))) ctx.access?.disclosed(bsn, coordinate);
  return visible;
}

export const resolvers: Resolvers = {
  Huishouden: {
    __resolveReference: (ref, ctx) => ctx.loaders.huishouden.load(ref.id),
    async domeinen(h, _args, ctx) {
      const visible = await visibleRecords(h, ctx, 'Huishouden.domeinen');
      const present = new Set(visible.map((r) => RECORD_TYPES[r.type].domain));
      return DOMAINS.filter((d) => present.has(d));
    },
    async tijdlijn(h, { eerste }, ctx) {
      const today = new Date().toISOString().slice(0, 10);
      const events = (await visibleRecords(h, ctx, 'Huishouden.tijdlijn')).flatMap((r) => eventsOf(r.type, r.record, today));
      events.sort((a, b) => b.datum.localeCompare(a.datum) || a.domein.localeCompare(b.domein) || a.soort.localeCompare(b.soort));
      return events.slice(0, Math.max(0, Math.min(eerste ?? 100, 1000)));
    },
  },
  Gebeurtenis: {
    betrokkene: (g) => ({ burgerservicenummer: g.burgerservicenummer }),
  },
};
