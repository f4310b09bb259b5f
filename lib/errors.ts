import { GraphQLError } from 'graphql';

import { isValidBsn } from './bsn';

/**
 * The public error codes: the only `extensions.code` values a client ever sees (docs/CONTRACT.md
 * says when each comes and what the response is). Anything else is an internal fault and reaches
 * the client as SOURCE_UNAVAILABLE, its message replaced.
 */
export const PUBLIC_ERROR_CODES = [
  'UNAUTHENTICATED',
  'PURPOSE_NOT_ALLOWED',
  'ORGANISATION_UNKNOWN',
  'ORGANISATION_NOT_ALLOWED',
  'OPERATION_NOT_TRUSTED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'SOURCE_UNAVAILABLE',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
] as const;
export type ErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

export function isPublicErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (PUBLIC_ERROR_CODES as readonly string[]).includes(code);
}

/*
 * One constructor per meaning, each with its stable code. Messages say what was expected and
 * what came, and never carry personal data: a BSN or a name in an error would leak to logs and
 * clients alike.
 */

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function forbidden(): GraphQLError {
  return new GraphQLError('No legal basis to disclose this field for this actor and purpose', {
    extensions: { code: 'FORBIDDEN', basis: null },
  });
}

export function consentRequired(): GraphQLError {
  return new GraphQLError('Disclosure needs a consent in force that covers this organisation, domain and purpose', {
    extensions: { code: 'CONSENT_REQUIRED', basis: 'TOESTEMMING' },
  });
}

/** The one check of a burgerservicenummer from a client: nine digits passing the elfproef, else BAD_USER_INPUT. */
export function checkBsn(value: unknown, argument: string): string {
  if (typeof value !== 'string' || !isValidBsn(value)) throw badUserInput(`${argument} must be nine digits that pass the elfproef`);
  return value;
}

/** A calendar date from a client: YYYY-MM-DD that exists (no 2026-02-30), else BAD_USER_INPUT. */
export function checkIsoDate(value: string, argument: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) throw badUserInput(`${argument} must be an ISO date (YYYY-MM-DD)`);
  return value;
}
