import type { ConsentDomain, Domain } from '../types';

/** The dates and revocation of a consent: all that decides whether it is in force. */
export interface ConsentTerm {
  geldigVanaf: string;
  geldigTot: string | null;
  ingetrokkenOp: string | null;
}

export type ConsentStatus = 'ACTIEF' | 'NOG_NIET_GELDIG' | 'VERLOPEN' | 'INGETROKKEN';

/**
 * The one definition of "in force": not revoked, and `today` within [geldigVanaf, geldigTot]
 * (both days included; no geldigTot means until revoked). A revocation counts from the moment it
 * is registered, whatever its date.
 */
export function consentStatus(c: ConsentTerm, today: string): ConsentStatus {
  if (c.ingetrokkenOp) return 'INGETROKKEN';
  if (c.geldigVanaf > today) return 'NOG_NIET_GELDIG';
  if (c.geldigTot !== null && c.geldigTot < today) return 'VERLOPEN';
  return 'ACTIEF';
}

export function inForce(c: ConsentTerm, today: string): boolean {
  return consentStatus(c, today) === 'ACTIEF';
}

/**
 * What the consents in force open of a domain. A dossier domain needs a consent naming it; basic
 * identification of the person (BRP) follows from any consent about them, since no dossier can
 * be shown without saying whose it is.
 */
export function consentCovers(domeinen: ReadonlySet<ConsentDomain>, domain: Domain): boolean {
  return domain === 'BRP' ? domeinen.size > 0 : domeinen.has(domain as ConsentDomain);
}
