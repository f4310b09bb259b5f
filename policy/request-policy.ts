import DataLoader from 'dataloader';
import { RECORD_TYPES } from '../domain/record-types';
import { isValidBsn } from '../lib/bsn';
import { consentRequired, forbidden } from '../lib/errors';
import type { PersonDirectory, StoredRecord } from '../read-model';
import type { RetentionEngine } from '../retention';
import { consentCovers } from './consent/in-force';
import type { ConsentQuery, ConsentStore } from './consent/store';
import { conclude, type Decision, type SubjectFacts } from './decision';
import type { Organisation, OrganisationRegister } from './organisations';
import type { RequestMemo } from './request-memo';
import type { Rules } from './rules';
import type { Basis, ConsentDomain, Domain, RequestContext } from './types';

/** Receives every outcome per field coordinate and data subject; the audit log is built from it. */
export interface AccessRecorder {
  disclosed(subject: string, coordinate: string): void;
  withheld(subject: string, coordinate: string, code: string): void;
  /** Processing about no single data subject (the log itself, a report), or its refusal (`code`). */
  processedWithoutSubject(coordinate: string, code?: string): void;
}

/** What one item of a derived view or list is about: whose it is, which domain, and the record behind it. */
export interface Visibility {
  subject: string;
  domain: Domain;
  category: string;
  /** The read-model record, whose archive term is part of the decision. */
  record?: StoredRecord;
}

/** The process-wide parts every request's policy works with. */
export interface PolicyEnvironment {
  rules: Rules;
  organisations: OrganisationRegister;
  consents: ConsentStore;
  /** The BRP as far as policy needs it (geheimhouding), inside and outside the copy alike. */
  persons: PersonDirectory;
  retention: RetentionEngine;
  clock: () => Date;
  /** Consent answers shared by the subgraphs of one gateway request in this process. */
  consentMemo: RequestMemo<Set<ConsentDomain>>;
}

/**
 * The policy of one request: every subgraph asks it the same way, and it records every outcome
 * in the request's audit recorder itself. Create one per request: decisions depend on the actor,
 * and cached answers must never cross from one actor to another (the warning in dataloader's own
 * header applies here too).
 *
 * Decisions are made once per subject and (domain, category), and returned synchronously once
 * made, so resolving many fields of one record costs a map lookup each.
 */
export class RequestPolicy {
  /** The calendar day this request is decided on (archive terms, consent validity). */
  readonly today: string;
  /** The actor's organisation, or undefined when it is not registered or its roles do not fit it: then nothing is disclosed. */
  readonly organisation: Organisation | undefined;
  /**
   * By subject, then domain, then category. Asked for every guarded field, so the lookup is three
   * map reads of strings the request already holds, not a key string built and hashed per field.
   */
  private readonly decisions = new Map<string, Map<Domain, Map<string, Decision | Promise<Decision>>>>();
  private readonly geheimhouding: DataLoader<string, boolean | null>;
  private readonly consents: DataLoader<ConsentQuery, Set<ConsentDomain>, string>;

  constructor(
    readonly request: RequestContext,
    private readonly env: PolicyEnvironment,
    readonly recorder: AccessRecorder,
  ) {
    this.today = env.clock().toISOString().slice(0, 10);
    // The gateway already refused such tokens; checked again because a subgraph trusts no one's word for policy.
    const resolved = env.organisations.resolve({ ...request.actor }, env.rules);
    this.organisation = 'actor' in resolved && resolved.actor.organisatie === request.actor.organisatie ? env.organisations.get(request.actor.organisatie) : undefined;
    this.geheimhouding = new DataLoader(async (bsns) => {
      const known = await env.persons.persons(bsns);
      return bsns.map((b) => known.get(b)?.record.geheimhouding ?? null);
    });
    this.consents = new DataLoader(
      (qs) =>
        env.consentMemo.many(
          request,
          qs.map((q) => `${q.subject}|${q.ontvanger}|${q.doel}`),
          (missing) => env.consents.domainsInForce(missing.map((i) => qs[i]), this.today),
        ),
      { cacheKeyFn: (q) => `${q.subject}|${q.ontvanger}|${q.doel}` },
    );
  }

  /** Third parties in the sense of the BRP's geheimhouding, and bound to their trusted documents. */
  get isThirdParty(): boolean {
    return this.organisation?.soort !== 'GEMEENTE';
  }

  /** The basis the rules give the actor for (domain, category) under its purpose; undefined means none. */
  basisFor(domain: Domain, category: string): Basis | undefined {
    if (!this.organisation) return undefined;
    return this.env.rules.basis(this.request.actor.rollen, this.request.doel, domain, category);
  }

  /** The decision for one subject and (domain, category), synchronously once it has been made. */
  decide(subject: string, domain: Domain, category: string): Decision | Promise<Decision> {
    let ofSubject = this.decisions.get(subject);
    if (!ofSubject) this.decisions.set(subject, (ofSubject = new Map()));
    let ofDomain = ofSubject.get(domain);
    if (!ofDomain) ofSubject.set(domain, (ofDomain = new Map()));
    const cached = ofDomain.get(category);
    if (cached) return cached;
    const made = ofDomain;
    const pending = this.compute(subject, domain, category).then((d) => {
      made.set(category, d);
      return d;
    });
    made.set(category, pending);
    return pending;
  }

  /**
   * For a field about one subject: throws FORBIDDEN or CONSENT_REQUIRED when it may not be
   * disclosed, and records the outcome either way. Synchronous when the decision is cached.
   */
  guard(subject: string, domain: Domain, category: string, coordinate: string): void | Promise<void> {
    const decision = this.decide(subject, domain, category);
    // A closure only for the first field of each decision: this runs for every guarded field of
    // every subject, and under tsx every closure made here is also given its name at run time.
    return decision instanceof Promise ? decision.then((d) => this.apply(d, subject, coordinate)) : this.apply(decision, subject, coordinate);
  }

  /** Records a field's outcome; throws the client's error when it is withheld. */
  private apply(d: Decision, subject: string, coordinate: string): void {
    if (!d.allowed) {
      this.recorder.withheld(subject, coordinate, d.code);
      throw d.code === 'CONSENT_REQUIRED' ? consentRequired() : forbidden();
    }
    this.recorder.disclosed(subject, coordinate);
  }

  /**
   * For data about no single subject (the audit log, reports): the rules must give the actor a
   * basis. A refusal is recorded, about the subject asked for when the request names a valid one.
   */
  guardUnscoped(domain: Domain, category: string, coordinate: string, subject?: string | null): void {
    if (this.basisFor(domain, category)) return;
    if (subject && isValidBsn(subject)) this.recorder.withheld(subject, coordinate, 'FORBIDDEN');
    else this.recorder.processedWithoutSubject(coordinate, 'FORBIDDEN');
    throw forbidden();
  }

  /**
   * The one visibility rule for every list and derived view (household members, domains,
   * timeline, a dossier's records): an item is shown only when the actor may identify its
   * subject, may see its domain, and its record is within its archive term. Everything else is
   * left out silently — an error per hidden item would tell that it exists — and a record past its
   * term is left out exactly as if it did not exist. Outcomes are recorded per subject.
   */
  async visible<T>(items: readonly T[], describe: (item: T) => Visibility, coordinate: string): Promise<T[]> {
    const described = items.map(describe);
    // One decision per subject and (domain, category), however many items share it: a
    // household's timeline has many records of few people.
    const byKey = new Map<string, Promise<Decision>>();
    const keyOf = (d: Visibility) => `${d.subject}|${d.domain}|${d.category}`;
    for (const d of described) {
      const key = keyOf(d);
      if (!byKey.has(key)) {
        byKey.set(key, Promise.all([this.decide(d.subject, 'BRP', 'BASIS'), this.decide(d.subject, d.domain, d.category)]).then(([who, what]) => (who.allowed ? what : who)));
      }
    }
    const decided = new Map(await Promise.all([...byKey].map(async ([key, decision]) => [key, await decision] as const)));
    const shown: T[] = [];
    const disclosed = new Set<string>();
    const refused = new Map<string, string>();
    items.forEach((item, i) => {
      const d = described[i];
      const decision = decided.get(keyOf(d))!;
      if (!decision.allowed) refused.set(d.subject, decision.code);
      else if (!d.record || !this.env.retention.isExpired(d.record.type, d.record.record, d.record.birth, this.today)) {
        shown.push(item);
        disclosed.add(d.subject);
      }
    });
    for (const s of disclosed) this.recorder.disclosed(s, coordinate);
    for (const [s, code] of refused) this.recorder.withheld(s, coordinate, code);
    return shown;
  }

  /** `visible` for read-model records: subject, domain and term follow from the record. */
  visibleRecords(records: readonly StoredRecord[], coordinate: string): Promise<StoredRecord[]> {
    return this.visible(records, (r) => ({ subject: r.bsn, domain: RECORD_TYPES[r.type].domain, category: 'DOSSIER', record: r }), coordinate);
  }

  private async compute(subject: string, domain: Domain, category: string): Promise<Decision> {
    const basis = this.basisFor(domain, category);
    const thirdParty = this.isThirdParty;
    const facts: SubjectFacts = { consented: new Set(), geheimhouding: null };
    if (!basis) return conclude(basis, domain, thirdParty, facts);
    if (basis === 'TOESTEMMING') {
      facts.consented = await this.consents.load({ subject, ontvanger: this.request.actor.organisatie, doel: this.request.doel });
      // Without consent the answer is known; the BRP is not asked about someone nothing opens.
      if (!consentCovers(facts.consented, domain)) return conclude(basis, domain, thirdParty, facts);
    }
    if (thirdParty) facts.geheimhouding = await this.geheimhouding.load(subject);
    return conclude(basis, domain, thirdParty, facts);
  }
}
