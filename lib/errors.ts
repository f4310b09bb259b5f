import { GraphQLError } from 'graphql';

/**
 * One constructor per meaning, each with a stable `extensions.code` (CONTRACT.md). Messages say
 * what was expected and what came, and never carry personal data: a BSN or a name in an error
 * would leak to logs and clients alike.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'PURPOSE_NOT_ALLOWED'
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'CONSENT_REQUIRED'
  | 'SOURCE_UNAVAILABLE'
  | 'OPERATION_NOT_TRUSTED';

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function purposeNotAllowed(reason: string): GraphQLError {
  return new GraphQLError(`Purpose not allowed: ${reason}`, { extensions: { code: 'PURPOSE_NOT_ALLOWED', http: { status: 403 } } });
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

export function sourceUnavailable(system: string): GraphQLError {
  return new GraphQLError(`The ${system} data cannot be read right now`, { extensions: { code: 'SOURCE_UNAVAILABLE', bron: system } });
}

/** Rejects a burgerservicenummer that is not nine digits passing the elfproef. */
export function invalidBsn(argument: string): GraphQLError {
  return badUserInput(`${argument} must be nine digits that pass the elfproef`);
}
