import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { checkBsn } from '../lib/errors';
import type { RequestPolicy } from './request-policy';
import { DOMAINS, type Domain } from './types';

/**
 * `@persoonsgegeven(domein, categorie)` tags personal data in a subgraph's SDL: on a field, or on
 * an object type (then every field of it). It is kept in the supergraph with @composeDirective,
 * so the composed schema documents what is sensitive. `enforcePolicy` makes the tag binding.
 */
export const POLICY_DIRECTIVE = 'persoonsgegeven';

/** What `enforcePolicy` expects on every subgraph's context. */
export interface PolicyContext {
  policy: RequestPolicy;
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
        const subject = fromArgs ? checkBsn((args as { burgerservicenummer?: unknown }).burgerservicenummer, 'burgerservicenummer') : (parent as { burgerservicenummer?: unknown } | null)?.burgerservicenummer;
        if (typeof subject !== 'string') {
          // A tagged field whose subject cannot be named is a schema bug; fail closed.
          throw new GraphQLError(`${coordinate} is tagged personal data but names no data subject`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        }
        const allowed = ctx.policy.guard(subject, tag.domain, tag.category, coordinate);
        return allowed instanceof Promise ? allowed.then(() => resolve(parent, args, ctx, info)) : resolve(parent, args, ctx, info);
      };
      return { ...field, resolve: guarded };
    },
  });
}

function readTag(args: Record<string, unknown> | undefined): Tag | undefined {
  if (!args) return undefined;
  const domain = args.domein;
  if (typeof domain !== 'string' || !(DOMAINS as readonly string[]).includes(domain)) {
    throw new Error(`@${POLICY_DIRECTIVE}(domein: ${String(domain)}) names no known domain; expected one of ${DOMAINS.join(', ')}`);
  }
  return { domain: domain as Domain, category: String(args.categorie) };
}
