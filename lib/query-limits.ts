import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';

/**
 * The query limits of the hub (docs/CONTRACT.md, "Query limits"), in one place: the gateway checks
 * them before it plans a query, and every subgraph checks them again on what it is sent, so a
 * subgraph behind another gateway, or called with a context it was given for something smaller,
 * still refuses a query nobody should run.
 */
export const QUERY_LIMITS = {
  /** Levels of fields. */
  maxDepth: 10,
  maxAliases: 20,
  /** graphql-armor's cost: 2 per object field, 1 per scalar, times 1.5 per level. */
  maxCost: 5000,
} as const;

/** What an ApolloServer needs to enforce the limits; spread it into its options. */
export interface QueryLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: false;
  includeStacktraceInErrorResponses: false;
}

/**
 * A fresh set of graphql-armor protections for one server (armor changes the configuration it is
 * given, so two servers must not share one). Besides the three limits, armor's defaults apply: at
 * most 1000 tokens and 50 directives, no batched requests, no field suggestions.
 *
 * Fragments are not counted as levels (`flattenFragments`). They add nothing to the shape of the
 * answer, and the gateway wraps every entity fetch in `... on Persoon { … }`: counted as a level,
 * that wrapper made a subgraph see a query one level deeper and half again as costly as the one
 * the gateway had let through, and refuse the gateway's own plan.
 */
export function queryLimits(): QueryLimitOptions {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, flattenFragments: true },
  }).protect();
}
