import { inzageCsv, inzageJson } from '../../audit';
import { badUserInput, checkBsn } from '../../lib/errors';
import type { AccessRecorder } from '../../policy';
import type { SubgraphContext } from '../common/server';
import type { Resolvers } from './generated/resolvers-types';
import type { AuditLoaders } from './loaders';

export type AuditContext = SubgraphContext<AuditLoaders>;

/**
 * Every root field starts here: the rules must give the actor a basis for AUDIT/LOG. The policy
 * layer records a refusal, about the subject asked for when there is one; what is read is
 * recorded through the returned recorder, so reading the log is itself in the log.
 */
function admit(ctx: AuditContext, coordinate: string, subject?: string | null): AccessRecorder {
  ctx.policy.guardUnscoped('AUDIT', 'LOG', coordinate, subject);
  return ctx.policy.recorder;
}

function bsnArgument(value: string | null | undefined, name: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  return checkBsn(value, name);
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

    async auditTellingen(_root, { per, interval, van, tot, organisatie, doel }, ctx) {
      const coordinate = 'Query.auditTellingen';
      const recorder = admit(ctx, coordinate);
      const result = await ctx.loaders.tellingen({ per, interval: interval ?? 'DAG', van, tot, organisatie: organisatie || null, doel: doel || null });
      // Counts name no person: the read is recorded as processing without a subject.
      recorder.processedWithoutSubject(coordinate);
      return result;
    },

    async inzageRapport(_root, { burgerservicenummer, van, tot }, ctx) {
      const coordinate = 'Query.inzageRapport';
      const recorder = admit(ctx, coordinate, burgerservicenummer);
      const bsn = checkBsn(burgerservicenummer, 'burgerservicenummer');
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
    json: (r, _args, ctx) => inzageJson(r, ctx.loaders.source.register),
    csv: (r, _args, ctx) => inzageCsv(r, ctx.loaders.source.register),
  },
};
