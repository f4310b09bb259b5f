import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DOMAINS, ORGANISATION_KINDS, PURPOSES, ROLES, type Basis, type Domain, type OrganisationKind, type Purpose, type Role } from './types';

const grantSchema = z.object({
  domain: z.enum(DOMAINS),
  category: z.string().regex(/^[A-Z_]+$/),
  basis: z.enum(['WETTELIJKE_TAAK', 'TOESTEMMING']),
});

const rulesSchema = z.object({
  version: z.string().min(1),
  // Every role names the kind of organisation it acts for.
  rollen: z.record(z.enum(ROLES), z.object({ organisatie: z.enum(ORGANISATION_KINDS) })),
  rules: z
    .array(z.object({ role: z.enum(ROLES), purpose: z.enum(PURPOSES), grants: z.array(grantSchema).min(1) }))
    .min(1),
});

type RulesFile = z.infer<typeof rulesSchema>;

/**
 * The rules, indexed for the two questions the hub asks: may this role claim this purpose, and
 * on which basis (if any) does role × purpose open a domain's category.
 */
export class Rules {
  readonly version: string;
  private readonly grants = new Map<string, Basis>();
  private readonly purposes = new Map<Role, Set<Purpose>>();
  private readonly kinds: Record<Role, OrganisationKind>;
  /** The rules as written, in file order (for the policy matrix). */
  readonly file: RulesFile;

  constructor(file: RulesFile) {
    this.version = file.version;
    this.file = file;
    this.kinds = Object.fromEntries(ROLES.map((r) => [r, file.rollen[r].organisatie])) as Record<Role, OrganisationKind>;
    for (const rule of file.rules) {
      if (!this.purposes.has(rule.role)) this.purposes.set(rule.role, new Set());
      this.purposes.get(rule.role)!.add(rule.purpose);
      for (const g of rule.grants) {
        const key = grantKey(rule.role, rule.purpose, g.domain, g.category);
        if (this.grants.has(key)) throw new Error(`rules: ${rule.role} × ${rule.purpose} names ${g.domain}/${g.category} twice`);
        this.grants.set(key, g.basis);
      }
    }
  }

  /** The kind of organisation a role acts for. */
  organisationKindOf(role: Role): OrganisationKind {
    return this.kinds[role];
  }

  /** Whether any of the roles may claim the purpose. */
  mayClaim(roles: readonly Role[], purpose: Purpose): boolean {
    return roles.some((r) => this.purposes.get(r)?.has(purpose) ?? false);
  }

  /**
   * The strongest basis any of the actor's roles has for (domain, category) under the purpose:
   * a statutory task beats consent; undefined means denied.
   */
  basis(roles: readonly Role[], purpose: Purpose, domain: Domain, category: string): Basis | undefined {
    let found: Basis | undefined;
    for (const role of roles) {
      const b = this.grants.get(grantKey(role, purpose, domain, category));
      if (b === 'WETTELIJKE_TAAK') return b;
      if (b) found = b;
    }
    return found;
  }
}

function grantKey(role: string, purpose: string, domain: string, category: string): string {
  return `${role}|${purpose}|${domain}|${category}`;
}

/** Loads and validates a rules file; throws with every problem named. @defaultValue policy/rules.yaml */
export function loadRules(path = join(__dirname, 'rules.yaml')): Rules {
  const parsed = rulesSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`policy rules ${path} are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new Rules(parsed.data);
}
