import { consentCovers } from './consent/in-force';
import type { Basis, ConsentDomain, Domain } from './types';

export type Refusal = 'FORBIDDEN' | 'CONSENT_REQUIRED';
export type Decision = { allowed: true; basis: Basis } | { allowed: false; code: Refusal };

/** What is known of the subject, for the bases that depend on more than the rules. */
export interface SubjectFacts {
  /** Domains that consents in force open to the actor's organisation for its purpose. */
  consented: ReadonlySet<ConsentDomain>;
  /** BRP geheimhouding persoonsgegevens; null when the BRP does not know the person. */
  geheimhouding: boolean | null;
}

/**
 * The decision, once the rules have given their basis (or none) and the facts are known. Pure:
 * the per-request policy and the generated policy matrix both use it, so the document and the
 * code cannot drift apart.
 *
 * The order matters. Consent is checked before geheimhouding, so that a partner without consent
 * cannot tell a secret person from any other: both read CONSENT_REQUIRED. A person the BRP does
 * not know is treated as secret to a third party: withhold rather than guess.
 */
export function conclude(basis: Basis | undefined, domain: Domain, thirdParty: boolean, facts: SubjectFacts): Decision {
  if (!basis) return { allowed: false, code: 'FORBIDDEN' };
  if (basis === 'TOESTEMMING' && !consentCovers(facts.consented, domain)) return { allowed: false, code: 'CONSENT_REQUIRED' };
  if (thirdParty && facts.geheimhouding !== false) return { allowed: false, code: 'FORBIDDEN' };
  return { allowed: true, basis };
}
