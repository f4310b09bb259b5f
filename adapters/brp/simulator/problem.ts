/**
 * Foutbericht bodies (RFC 7807 problem+json) as the BRP API sends them. Titles and details keep
 * to the spec's patterns (no commas in a title, no quotes or colons anywhere), so every error
 * the stand-in sends validates against `Foutbericht` / `BadRequestFoutbericht`.
 */
import type { InvalidParam } from './query';

const RFC7231 = 'https://datatracker.ietf.org/doc/html/rfc7231#section-';

const PROBLEMS = {
  badRequest: { status: 400, type: `${RFC7231}6.5.1`, title: 'Foute aanvraag.', code: 'badRequest' },
  paramsValidation: {
    status: 400,
    type: `${RFC7231}6.5.1`,
    title: 'Een of meerdere parameters zijn niet correct.',
    code: 'paramsValidation',
  },
  authentication: {
    status: 401,
    type: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
    title: 'Niet correct geauthenticeerd.',
    code: 'authentication',
  },
  notFound: { status: 404, type: `${RFC7231}6.5.4`, title: 'Opgevraagde resource bestaat niet.', code: 'notFound' },
  methodNotAllowed: { status: 405, type: `${RFC7231}6.5.5`, title: 'Methode niet toegestaan.', code: 'methodNotAllowed' },
  notAcceptable: {
    status: 406,
    type: `${RFC7231}6.5.6`,
    title: 'Gevraagde contenttype wordt niet ondersteund.',
    code: 'notAcceptable',
  },
  unsupported: { status: 415, type: `${RFC7231}6.5.13`, title: 'Media Type wordt niet ondersteund.', code: 'unsupported' },
  serverError: { status: 500, type: `${RFC7231}6.6.1`, title: 'Interne server fout.', code: 'serverError' },
  notImplemented: {
    status: 501,
    type: `${RFC7231}6.6.2`,
    title: 'Zoektype wordt niet ondersteund door deze stand-in.',
    code: 'notImplemented',
  },
  notAvailable: {
    status: 503,
    type: `${RFC7231}6.6.4`,
    title: 'Bronservice BRP is tijdelijk niet beschikbaar.',
    code: 'notAvailable',
  },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export interface Foutbericht {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  invalidParams?: InvalidParam[];
}

export function foutbericht(
  kind: ProblemKind,
  instance: string,
  extra: { detail?: string; invalidParams?: InvalidParam[] } = {},
): Foutbericht {
  const p = PROBLEMS[kind];
  return {
    type: p.type,
    title: p.title,
    status: p.status,
    ...(extra.detail ? { detail: extra.detail } : {}),
    instance,
    code: p.code,
    ...(extra.invalidParams ? { invalidParams: extra.invalidParams } : {}),
  };
}
