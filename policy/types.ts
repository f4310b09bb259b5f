/** Vocabulary of the policy layer: who asks, for what, and on which basis data may flow. */

export const DOMAINS = ['BRP', 'WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT', 'TOESTEMMING', 'AUDIT'] as const;
export type Domain = (typeof DOMAINS)[number];

/** The domains a consent can name (the schema's `Domein`). */
export const CONSENT_DOMAINS = ['WMO', 'JEUGD', 'WERK_INKOMEN', 'LEERPLICHT'] as const;
export type ConsentDomain = (typeof CONSENT_DOMAINS)[number];

export const ROLES = ['wmo-consulent', 'jeugd-consulent', 'klantmanager-wi', 'leerplichtambtenaar', 'regisseur', 'partner', 'privacy-officer'] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ['WMO_ONDERSTEUNING', 'JEUGDHULP', 'PARTICIPATIE', 'LEERPLICHT', 'INTEGRALE_AANPAK', 'AUDIT'] as const;
export type Purpose = (typeof PURPOSES)[number];

export type Basis = 'WETTELIJKE_TAAK' | 'TOESTEMMING';

/** Whom an organisation is to the data: the municipality itself, or a third party working with it. */
export const ORGANISATION_KINDS = ['GEMEENTE', 'PARTNER'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** What a verified token says of its holder, before the organisation register is consulted. */
export interface TokenClaims {
  sub: string;
  /** Token claim `org`; absent for the municipality's own staff. */
  organisatie: string | null;
  rollen: Role[];
}

/** The person or system behind a request, with the registered organisation it acts for. */
export interface Actor {
  sub: string;
  /** Code of an organisation in the register (policy/organisaties.yaml). */
  organisatie: string;
  rollen: Role[];
}

/** What the gateway establishes about a request and hands to every subgraph, signed. */
export interface RequestContext {
  actor: Actor;
  doel: Purpose;
  /** W3C trace id (32 hex) and the gateway's span id (16 hex). */
  traceId: string;
  spanId: string;
  /** Operation name and SHA-256 of the document, for the audit log. */
  operationName: string | null;
  documentHash: string | null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
