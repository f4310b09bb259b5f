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
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'SERVICE_OVERLOADED',
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

/**
 * The years a date from a client may fall in. Nothing the hub holds or is asked about lies
 * outside them, and Postgres refuses some dates JavaScript accepts (year 0): a date outside them
 * is BAD_USER_INPUT before any query is made.
 */
export const DATE_YEARS = { from: 1900, to: 2199 } as const;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < DATE_YEARS.from || year > DATE_YEARS.to || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date from a client: YYYY-MM-DD that exists (no 2026-02-30) in DATE_YEARS, else BAD_USER_INPUT. */
export function checkIsoDate(value: unknown, argument: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw badUserInput(`${argument} must be an ISO date (YYYY-MM-DD) that exists, in the years ${DATE_YEARS.from}–${DATE_YEARS.to}`);
  return value;
}

/**
 * A moment from a client: an ISO date (its start, UTC) or date-time with a zone, checked as
 * checkIsoDate checks the date; returned as an ISO instant. Anything else is BAD_USER_INPUT.
 */
export function checkIsoMoment(value: unknown, argument: string): string {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/.exec(value) : null;
  const ok =
    m !== null &&
    isCalendarDate(m[1]) &&
    (m[2] === undefined || (Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4] ?? 0) <= 59 && Number(m[5] ?? 0) <= 14 && Number(m[6] ?? 0) <= 59));
  if (!ok) throw badUserInput(`${argument} must be an ISO date (2026-11-23) or date-time with zone (2026-11-23T09:00:00Z), in the years ${DATE_YEARS.from}–${DATE_YEARS.to}`);
  return new Date(value as string).toISOString();
}

/**
 * A period [van, tot) from a client, either end optional: each checked by checkIsoMoment, van
 * before tot, and with `maxDays` no longer than that. Returned as ISO instants.
 */
export function checkPeriod(
  van: unknown,
  tot: unknown,
  options: { van?: string; tot?: string; maxDays?: number } = {},
): { van: string | null; tot: string | null } {
  const names = { van: options.van ?? 'van', tot: options.tot ?? 'tot' };
  const from = van === null || van === undefined ? null : checkIsoMoment(van, names.van);
  const to = tot === null || tot === undefined ? null : checkIsoMoment(tot, names.tot);
  if (from !== null && to !== null) {
    if (from >= to) throw badUserInput(`${names.van} must be before ${names.tot}`);
    if (options.maxDays !== undefined && Date.parse(to) - Date.parse(from) > options.maxDays * 86_400_000) {
      throw badUserInput(`the period from ${names.van} to ${names.tot} may be at most ${options.maxDays} days`);
    }
  }
  return { van: from, tot: to };
}
