/**
 * Query limits, enforced by graphql-armor before any resolver runs. armor's cost counts each selected field once and
 * multiplies a selection by a literal `first` argument: a full bucket page of 500 names costs about 4,400, a full
 * sensitiveDataReach selection about 130. The numbers leave room for the deepest useful
 * query (sensitiveDataReach -> buckets -> accessPaths -> hops -> via -> policyId: depth 6) and refuse anything much
 * larger. Introspection is exempt from the depth limit (graphql-armor ignores it by default).
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";

export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 5_000,
} as const;

export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true },
    // Armor's token plugin re-parses in parsingDidStart, which turns every syntax error into an HTTP 500; graphql-js
    // enforces the same limit while parsing (parseOptions.maxTokens in server.ts) and answers 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: true },
    // Sightline is self-hosted and its schema public (schema.graphql): "did you mean" hints help more than they leak.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
