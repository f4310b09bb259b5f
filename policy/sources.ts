import type { Db } from '../lib/db';
import type { ConsentQuery, PolicySources, SubjectFacts } from './decider';
import type { Rules } from './rules';
import { RequestMemo } from './request-memo';
import type { ConsentDomain } from './types';

/**
 * The decider's view of Postgres: BRP facts from the read model, consents from the register.
 * Each function answers a whole batch in one query.
 */
export function createPolicySources(db: Db, rules: Rules, today: () => string = () => new Date().toISOString().slice(0, 10)): PolicySources {
  // The subgraphs of one process share the consent answers of one gateway request.
  const consents = new RequestMemo<Set<ConsentDomain>>();
  const lookup = async (queries: readonly ConsentQuery[]) => {
    const rows = await db.query<{ i: number; domeinen: ConsentDomain[] }>(
      `SELECT q.i, t.domeinen
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(subject, org, doel, i)
         JOIN toestemming t ON t.betrokkene = q.subject AND t.ontvanger = q.org AND t.doel = q.doel
        WHERE t.ingetrokken_op IS NULL AND t.geldig_vanaf <= $4::date AND (t.geldig_tot IS NULL OR t.geldig_tot >= $4::date)`,
      [queries.map((q) => q.subject), queries.map((q) => q.organisatie), queries.map((q) => q.doel), today()],
    );
    const out = queries.map(() => new Set<ConsentDomain>());
    for (const r of rows) for (const d of r.domeinen) out[Number(r.i) - 1].add(d);
    return out;
  };
  return {
    rules,
    async subjectFacts(bsns) {
      const rows = await db.query<{ bsn: string; geheimhouding: boolean }>('SELECT bsn, geheimhouding FROM brp_persoon WHERE bsn = ANY($1::text[])', [bsns]);
      return new Map<string, SubjectFacts>(rows.map((r) => [r.bsn, { geheimhouding: r.geheimhouding }]));
    },
    /**
     * Per query, the domains covered by consents in force today. A revocation counts for every
     * gateway request that first asks after its commit.
     */
    consentedDomains(queries, request) {
      return consents.many(
        request,
        queries.map((q) => `${q.subject}|${q.organisatie}|${q.doel}`),
        (missing) => lookup(missing.map((i) => queries[i])),
      );
    },
  };
}
