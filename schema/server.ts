/**
 * The API's public surface: createApiServer builds an Apollo server over the schema, limits and error policy;
 * startApiServer also listens on HTTP. Every operation gets a fresh context (createRequestContext).
 */
import "reflect-metadata";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSightlineSchema } from "./build-schema.js";
import { createRequestContext, stderrLogger, type ApiContext } from "./context.js";
import { createErrorFormatter } from "./errors.js";
import { QUERY_LIMITS, queryLimits } from "./limits.js";
import type { ApiDeps } from "./ports.js";

export type { ApiContext } from "./context.js";
export type { ApiDeps, AuditService, AuditRunStatus, ApiLogger } from "./ports.js";
export { createRequestContext } from "./context.js";

export async function createApiServer(deps: ApiDeps): Promise<ApolloServer<ApiContext>> {
  const limits = queryLimits();
  return new ApolloServer<ApiContext>({
    schema: await buildSightlineSchema(),
    // The armor plugins read no context, so they serve any context type.
    plugins: limits.plugins as ApolloServerPlugin<ApiContext>[],
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(deps.logger ?? stderrLogger),
  });
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and serves GraphQL over HTTP (POST and GET) at the root path. */
export async function startApiServer(deps: ApiDeps, listen: { host: string; port: number }): Promise<RunningApi> {
  const server = await createApiServer(deps);
  const { url } = await startStandaloneServer(server, {
    listen: { host: listen.host, port: listen.port },
    context: async () => createRequestContext(deps),
  });
  return { url, stop: () => server.stop() };
}
