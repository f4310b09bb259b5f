import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Rules } from './rules';
import { ORGANISATION_KINDS, type Actor, type OrganisationKind, type TokenClaims } from './types';

const registerSchema = z.object({
  organisaties: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and hyphens'), naam: z.string().min(1), soort: z.enum(ORGANISATION_KINDS) }))
    .min(1),
});

export interface Organisation {
  code: string;
  naam: string;
  soort: OrganisationKind;
}

/** Why a token's organisation was refused; the gateway answers 403 with the code. */
export interface OrganisationRefusal {
  code: 'ORGANISATION_UNKNOWN' | 'ORGANISATION_NOT_ALLOWED';
  message: string;
}

/**
 * The organisations whose tokens the hub accepts. Whether an actor is the municipality or a third
 * party follows from here and from its roles, never from the spelling of a claim.
 */
export class OrganisationRegister {
  private readonly byCode: Map<string, Organisation>;
  /** The municipality: a municipal token without an `org` claim acts for it. */
  readonly municipality: Organisation;

  constructor(organisations: readonly Organisation[]) {
    this.byCode = new Map();
    for (const o of organisations) {
      if (this.byCode.has(o.code)) throw new Error(`organisation register: ${o.code} appears twice`);
      this.byCode.set(o.code, o);
    }
    const municipalities = organisations.filter((o) => o.soort === 'GEMEENTE');
    if (municipalities.length !== 1) throw new Error(`organisation register: expected exactly one organisation of soort GEMEENTE, found ${municipalities.length}`);
    this.municipality = municipalities[0];
  }

  get(code: string): Organisation | undefined {
    return this.byCode.get(code);
  }

  get all(): Organisation[] {
    return [...this.byCode.values()];
  }

  /**
   * The actor a token stands for, or why it may not act: its organisation must be registered, and
   * every role it holds must be one that acts for that kind of organisation (a partner role for a
   * partner, the municipality's roles for the municipality).
   */
  resolve(claims: TokenClaims, rules: Rules): { actor: Actor } | { refusal: OrganisationRefusal } {
    const organisation = claims.organisatie === null ? this.municipality : this.get(claims.organisatie);
    if (!organisation) return { refusal: { code: 'ORGANISATION_UNKNOWN', message: 'The organisation in the token (claim org) is not in the organisation register' } };
    const wrong = claims.rollen.filter((r) => rules.organisationKindOf(r) !== organisation.soort);
    if (wrong.length) {
      return { refusal: { code: 'ORGANISATION_NOT_ALLOWED', message: `Role ${wrong.join(', ')} does not act for an organisation of soort ${organisation.soort}` } };
    }
    return { actor: { sub: claims.sub, organisatie: organisation.code, rollen: claims.rollen } };
  }
}

/** Loads and validates a register; throws naming every problem. @defaultValue policy/organisaties.yaml */
export function loadOrganisations(path = join(__dirname, 'organisaties.yaml')): OrganisationRegister {
  const parsed = registerSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`organisation register ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return new OrganisationRegister(parsed.data.organisaties);
}
