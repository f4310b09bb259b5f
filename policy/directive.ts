import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { isValidBsn } from '../lib/bsn';
import { consentRequired, forbidden, invalidBsn } from '../lib/errors';
import type { Decision, PolicyDecider } from './decider';
import { DOMAINS, type Domain } from './types';

/**
 * `@persoonsgegeven(domein, categorie)` tags personal data in a subgraph's SDL: on a field, or on
 * an object type (then every field of it). It is kept in the supergraph with @composeDirective,
 * so the composed schema documents what is sensitive. `enforcePolicy` makes the tag binding.
 */
export const POLICY_DIRECTIVE = 'persoonsgegeven';
export const POLICY_LINK =
  '@link(url: "https://ontschot.nl/schema/persoonsgegeven/v1.0", import: ["@persoonsgegeven"]) @composeDirective(name: "@persoonsgegeven")';
export const POLICY_DIRECTIVE_SDL = 'directive @persoonsgegeven(domein: String!, categorie: String!) on FIELD_DEFINITION | OBJECT';

/** Receives every policy outcome per field coordinate; the audit log is built from it. */
export interface AccessRecorder {
  disclosed(subject: string, coordinate: string): void;
  withheld(subject: string, coordinate: string, code: string): void;
}

/** What `enforcePolicy` expects on every subgraph's context. */
export interface PolicyContext {
  policy: PolicyDecider;
  access?: AccessRecorder;
}

interface Tag {
  domain: Domain;
  category: string;
}

/**
 * Wraps the resolver of every tagged field so that it runs only after the policy allows it for
 * the field's data subject: `burgerservicenummer` of the parent object, or of the arguments on a
 * root field. A denial makes the field null with one error carrying the code and basis; the
 * same denial whether or not data exists behind the field, because the check runs before the
 * resolver looks.
 */
export function enforcePolicy(schema: GraphQLSchema): GraphQLSchema {
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name].filter(Boolean));
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName, current) => {
      const type = current.getType(typeName);
      const tag = readTag(getDirective(current, field, POLICY_DIRECTIVE)?.[0]) ?? (type ? readTag(getDirective(current, type, POLICY_DIRECTIVE)?.[0]) : undefined);
      if (!tag) return field;
      const coordinate = `${typeName}.${fieldName}`;
      const resolve = field.resolve ?? defaultFieldResolver;
      const fromArgs = rootTypes.has(typeName);
      const guarded: GraphQLFieldResolver<unknown, PolicyContext> = (parent, args, ctx, info) => {
        const subject = fromArgs ? (args as { burgerservicenummer?: unknown }).burgerservicenummer : (parent as { burgerservicenummer?: unknown } | null)?.burgerservicenummer;
        if (typeof subject !== 'string') {
          // A tagged field whose subject cannot be named is a schema bug; fail closed.
          throw new GraphQLError(`${coordinate} is tagged personal data but names no data subject`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        }
        if (fromArgs && !isValidBsn(subject)) throw invalidBsn('burgerservicenummer');
        const allowed = authorize(ctx, subject, tag.domain, tag.category, coordinate);
        return allowed instanceof Promise ? allowed.then(() => resolve(parent, args, ctx, info)) : resolve(parent, args, ctx, info);
      };
      return { ...field, resolve: guarded };
    },
  });
}

/**
 * The check behind the directive, for the few resolvers whose subject is known only once they
 * have loaded something (a mutation on a consent by id). Throws the same errors and records the
 * same outcome as the directive does; returns synchronously when the decision is cached.
 */
export function authorize(ctx: PolicyContext, subject: string, domain: Domain, category: string, coordinate: string): void | Promise<void> {
  const decision = ctx.policy.decide(subject, domain, category);
  const check = (d: Decision) => {
    if (!d.allowed) {
      ctx.access?.withheld(subject, coordinate, d.code);
      throw d.code === 'CONSENT_REQUIRED' ? consentRequired() : forbidden();
    }
    ctx.access?.disclosed(subject, coordinate);
  };
  return decision instanceof Promise ? decision.then(check) : check(decision);
}

/** For data about no single subject (audit log, reports): the rules must give the actor a basis. */
export function requireBasis(ctx: PolicyContext, domain: Domain, category: string): void {
  if (!ctx.policy.basisFor(domain, category)) throw forbidden();
}

function readTag(args: Record<string, unknown> | undefined): Tag | undefined {
  if (!args) return undefined;
  const domain = args.domein;
  if (typeof domain !== 'string' || !(DOMAINS as readonly string[]).includes(domain)) {
    throw new Error(`@${POLICY_DIRECTIVE}(domein: ${String(domain)}) names no known domain; expected one of ${DOMAINS.join(', ')}`);
  }
  return { domain: domain as Domain, category: String(args.categorie) };
}
