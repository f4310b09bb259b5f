/**
 * The policy layer: the one way any part of the hub decides whether personal data may leave.
 * Everything outside policy/ imports it from here.
 *
 * - rules.yaml: role × purpose → (domain, category) → legal basis; the kind of organisation each
 *   role acts for. docs/policy-matrix.md is generated from it.
 * - organisaties.yaml: the organisations whose tokens are accepted.
 * - consent/: the consent register, what a consent covers, whether it is in force, who may give it.
 * - RequestPolicy: per request, `guard` for a field, `guardUnscoped` for reports, `visible` for
 *   every list and derived view; retention is part of each decision, and every outcome is
 *   recorded in the audit log.
 * - enforcePolicy: makes the SDL's `@persoonsgegeven` tags binding.
 */
import type { Db } from '../lib/db';
import type { PersonDirectory } from '../read-model';
import { RetentionEngine } from '../retention';
import { ConsentStore } from './consent/store';
import { loadOrganisations, type OrganisationRegister } from './organisations';
import { RequestMemo } from './request-memo';
import { RequestPolicy, type AccessRecorder } from './request-policy';
import { loadRules, type Rules } from './rules';
import type { ConsentDomain, RequestContext } from './types';

export * from './types';
export { consentStatus, ConsentStore, validateToestemming, type ToestemmingRow } from './consent';
export type { Decision } from './decision';
export { enforcePolicy, type PolicyContext } from './directive';
export { INTERNAL_CONTEXT_HEADER, InternalContextSigner } from './internal-context';
export { renderPolicyMatrix } from './matrix';
export { loadOrganisations, OrganisationRegister } from './organisations';
export { RequestPolicy, type AccessRecorder } from './request-policy';
export { loadRules, Rules } from './rules';

export interface PolicyOptions {
  db: Db;
  persons: PersonDirectory;
  /** @defaultValue policy/rules.yaml */
  rules?: Rules;
  /** @defaultValue policy/organisaties.yaml */
  organisations?: OrganisationRegister;
  /** @defaultValue the Selectielijst 2020 terms shipped in retention/ */
  retention?: RetentionEngine;
  /** What "now" is: archive terms and consent validity are judged on its date. @defaultValue () => new Date() */
  clock?: () => Date;
}

/** The policy of one process: one per process, `forRequest` once per request. */
export class Policy {
  readonly rules: Rules;
  readonly organisations: OrganisationRegister;
  readonly consents: ConsentStore;
  private readonly env: ConstructorParameters<typeof RequestPolicy>[1];

  constructor(options: PolicyOptions) {
    this.rules = options.rules ?? loadRules();
    this.organisations = options.organisations ?? loadOrganisations();
    this.consents = new ConsentStore(options.db);
    this.env = {
      rules: this.rules,
      organisations: this.organisations,
      consents: this.consents,
      persons: options.persons,
      retention: options.retention ?? new RetentionEngine(),
      clock: options.clock ?? (() => new Date()),
      consentMemo: new RequestMemo<Set<ConsentDomain>>(),
    };
  }

  forRequest(request: RequestContext, recorder: AccessRecorder): RequestPolicy {
    return new RequestPolicy(request, this.env, recorder);
  }

  /** The clock decisions use (consent registration dates use it too). */
  now(): Date {
    return this.env.clock();
  }
}
