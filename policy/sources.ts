import type { Db } from '../lib/db';
import type { ConsentQuery, PolicySources, SubjectFacts } from './decider';
import type { Rules } from './rules';
import type { ConsentDomain } from './types';

/**
 * The decider's view of Postgres: BRP facts from the read model, consents from the register.
 * Each function answers a whole batch in one query.
 */
export function createPolicySources(db: Db, rules: Rules, consents?: (qs: readonly ConsentQuery[]) => Promise<Array<Set<ConsentDomain>>>): PolicySources {
  return {
    rules,
    async subjectFacts(bsns) {
      const rows = await db.query<{ bsn: string; geheimhouding: boolean }>('SELECT bsn, geheimhouding FROM brp_persoon WHERE bsn = ANY($1::text[])', [bsns]);
      return new Map<string, SubjectFacts>(rows.map((r) => [r.bsn, { geheimhouding: r.geheimhouding }]));
    },
    // Until the consent register answers, no consent is in force: deny by default.
    consentedDomains: consents ?? (async (qs) => qs.map(() => new Set<ConsentDomain>())),
  };
}
