import DataLoader from 'dataloader';
import type { Rules } from './rules';
import type { Basis, ConsentDomain, Domain, RequestContext } from './types';

export type Denial = 'FORBIDDEN' | 'CONSENT_REQUIRED';
export type Decision = { allowed: true; basis: Basis } | { allowed: false; code: Denial };

/** What the decider needs to know about a data subject beyond the rules. */
export interface SubjectFacts {
  /** BRP indicatie geheimhouding persoonsgegevens. */
  geheimhouding: boolean;
}

/** A consent lookup key: may `organisatie` receive `subject`'s data for `doel`? */
export interface ConsentQuery {
  subject: string;
  organisatie: string;
  doel: string;
}

export interface PolicySources {
  rules: Rules;
  /** Facts per subject, for a batch of subjects (one query per request). Missing = no facts known. */
  subjectFacts(bsns: readonly string[]): Promise<Map<string, SubjectFacts>>;
  /**
   * The consent domains in force today per query (one query per request). `request` lets an
   * implementation share answers among the subgraph fetches of one gateway request.
   */
  consentedDomains(queries: readonly ConsentQuery[], request: RequestContext): Promise<Array<Set<ConsentDomain>>>;
}

/** The organisation the municipality's own staff act for when their token names none. */
export const OWN_ORGANISATION = 'gemeente';

/**
 * Decides, once per request and data subject, whether a domain's category may be disclosed.
 * Create one per request: decisions depend on the actor, and cached answers must never cross
 * from one actor to another (the warning in dataloader's own header applies here too).
 */
export class PolicyDecider {
  private readonly decisions = new Map<string, Decision | Promise<Decision>>();
  private readonly facts: DataLoader<string, SubjectFacts | undefined>;
  private readonly consents: DataLoader<ConsentQuery, Set<ConsentDomain>, string>;

  constructor(
    readonly request: RequestContext,
    private readonly sources: PolicySources,
  ) {
    this.facts = new DataLoader(async (bsns) => {
      const found = await sources.subjectFacts(bsns);
      return bsns.map((b) => found.get(b));
    });
    this.consents = new DataLoader((qs) => sources.consentedDomains(qs, request), {
      cacheKeyFn: (q) => `${q.subject}|${q.organisatie}|${q.doel}`,
    });
  }

  get organisatie(): string {
    return this.request.actor.organisatie ?? OWN_ORGANISATION;
  }

  /** Partners are third parties in the sense of the BRP's geheimhouding. */
  get isThirdParty(): boolean {
    return this.request.actor.rollen.includes('partner');
  }

  /** The basis role × purpose gives for a category that is about no single subject (the audit log). */
  basisFor(domain: Domain, category: string): Basis | undefined {
    return this.sources.rules.basis(this.request.actor.rollen, this.request.doel, domain, category);
  }

  /**
   * The decision for one subject and (domain, category). Returns the cached decision
   * synchronously when there is one, so that resolving many fields of one record costs a map
   * lookup each.
   */
  decide(subject: string, domain: Domain, category: string): Decision | Promise<Decision> {
    const key = `${subject}|${domain}|${category}`;
    const cached = this.decisions.get(key);
    if (cached) return cached;
    const pending = this.compute(subject, domain, category).then((d) => {
      this.decisions.set(key, d);
      return d;
    });
    this.decisions.set(key, pending);
    return pending;
  }

  private async compute(subject: string, domain: Domain, category: string): Promise<Decision> {
    const { actor, doel } = this.request;
    const basis = this.sources.rules.basis(actor.rollen, doel, domain, category);
    if (!basis) return { allowed: false, code: 'FORBIDDEN' };
    if (basis === 'TOESTEMMING') {
      const domains = await this.consents.load({ subject, organisatie: this.organisatie, doel });
      // Basic identification of a person follows from any consent about them; a dossier domain
      // needs a consent naming that domain.
      const covered = domain === 'BRP' ? domains.size > 0 : domains.has(domain as ConsentDomain);
      if (!covered) return { allowed: false, code: 'CONSENT_REQUIRED' };
    }
    // Geheimhouding is checked after consent, so that a partner without consent cannot tell a
    // secret person from any other: both answers read CONSENT_REQUIRED.
    if (this.isThirdParty) {
      const facts = await this.facts.load(subject);
      // A person the BRP copy does not know is treated as secret: withhold rather than guess.
      if (!facts || facts.geheimhouding) return { allowed: false, code: 'FORBIDDEN' };
    }
    return { allowed: true, basis };
  }
}
