import { GraphQLError } from 'graphql';
import { RequestRecorder } from '../../audit';
import { isValidBsn } from '../../lib/bsn';
import { badUserInput, invalidBsn, sourceUnavailable } from '../../lib/errors';
import { requireBasis } from '../../policy/directive';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import { inzageCsv, inzageJson, type AuditLoaders } from './loaders';

export type AuditContext = SubgraphContext<AuditLoaders>;

/**
 * Every root field starts here: the read is refused unless it can itself be logged (fail
 * closed), and unless the rules give the actor a basis for AUDIT/LOG. A refusal is logged too,
 * about the subject asked for when there is one.
 */
function admit(ctx: AuditContext, coordinate: string, subject?: string | null): RequestRecorder {
  const recorder = ctx.access;
  if (!(recorder instanceof RequestRecorder)) throw sourceUnavailable('audit');
  try {
    requireBasis(ctx, 'AUDIT', 'LOG');
  } catch (err) {
    const code = String((err as GraphQLError).extensions?.code ?? 'FORBIDDEN');
    if (subject && isValidBsn(subject)) recorder.withheld(subject, coordinate, code);
    else recorder.processedWithoutSubject(coordinate, code);
    throw err;
  }
  return recorder;
}

function bsnArgument(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isValidBsn(value)) throw invalidBsn(name);
  return value;
}

export const resolvers: Resolvers = {
  Query: {
    async auditRecords(_root, { filter, first, after }, ctx) {
      const coordinate = 'Query.auditRecords';
      const recorder = admit(ctx, coordinate, filter.betrokkene);
      const betrokkene = bsnArgument(filter.betrokkene, 'filter.betrokkene');
      const page = await ctx.loaders.records({ ...filter, betrokkene }, first ?? 50, after ?? null);
      // Seeing who looked at a person's data is processing that person's data: each person on
      // the page gets a record, so it shows in their own subject-access report.
      if (betrokkene) recorder.disclosed(betrokkene, coordinate);
      for (const e of page.edges) if (e.node.betrokkene) recorder.disclosed(e.node.betrokkene.id, coordinate);
      recorder.processedWithoutSubject(coordinate);
      return page;
    },

    async verifieerAuditLog(_root, _args, ctx) {
      const recorder = admit(ctx, 'Query.verifieerAuditLog');
      const result = await ctx.loaders.source.verify();
      recorder.processedWithoutSubject('Query.verifieerAuditLog');
      return result;
    },

    async inzageRapport(_root, { burgerservicenummer, van, tot }, ctx) {
      const coordinate = 'Query.inzageRapport';
      const recorder = admit(ctx, coordinate, burgerservicenummer);
      const bsn = bsnArgument(burgerservicenummer, 'burgerservicenummer');
      if (!bsn) throw invalidBsn('burgerservicenummer');
      const report = await ctx.loaders.inzage(bsn, van ?? null, tot ?? null);
      recorder.disclosed(bsn, coordinate);
      return report;
    },

    async snuffelRapport(_root, { van, tot, drempels }, ctx) {
      const coordinate = 'Query.snuffelRapport';
      const recorder = admit(ctx, coordinate);
      const given = Object.fromEntries(Object.entries(drempels ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>;
      for (const [k, v] of Object.entries(given)) if (!(v >= 0) || (k === 'factorBovenMediaan' && v === 0)) throw badUserInput(`drempels.${k} must be a positive number`);
      const report = await ctx.loaders.snuffel(van, tot, given);
      for (const s of report.signalen) for (const bsn of s.personen) recorder.disclosed(bsn, coordinate);
      recorder.processedWithoutSubject(coordinate);
      return report;
    },

    async vernietigingen(_root, { van, tot, first, after }, ctx) {
      const recorder = admit(ctx, 'Query.vernietigingen');
      const page = await ctx.loaders.vernietigingen(van ?? null, tot ?? null, first ?? 50, after ?? null);
      recorder.processedWithoutSubject('Query.vernietigingen');
      return page;
    },
  },

  AuditRecord: {
    betrokkene: (r) => r.betrokkene?.id ?? null,
    betrokkeneType: (r) => r.betrokkene?.type ?? null,
  },

  Verwerkingsactiviteit: {
    id: (id) => id,
    naam: (id, _args, ctx) => ctx.loaders.source.register.activity(id)?.naam ?? null,
    grondslag: (id, _args, ctx) => ctx.loaders.source.register.activity(id)?.grondslag ?? null,
    bewaartermijn: (id, _args, ctx) => ctx.loaders.source.register.activity(id)?.bewaartermijn ?? null,
  },

  InzageRapport: {
    json: (r) => inzageJson(r),
    csv: (r, _args, ctx) => inzageCsv(r, ctx.loaders.source.register),
  },
};
