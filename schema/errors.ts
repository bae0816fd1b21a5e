/**
 * What clients see when something fails. Sightline's typed errors (and an unreachable Neo4j, reported as
 * SERVICE_UNAVAILABLE) keep their code and hint; GraphQL's own request
 * errors (syntax, validation, limits) pass through; anything else is logged in full and replaced by a generic
 * INTERNAL_SERVER_ERROR so that no internals or stack traces leak.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { Neo4jError, error as neo4jErrorCodes } from "neo4j-driver";
import { ServiceUnavailableError, SightlineError } from "../services/errors.js";
import type { ApiLogger } from "./ports.js";

/** Codes GraphQL and Apollo give to problems with the request itself: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** Driver errors that mean "Neo4j cannot be reached right now": worth telling the client, with what to do. */
const NEO4J_UNREACHABLE = new Set<string>([neo4jErrorCodes.SERVICE_UNAVAILABLE, neo4jErrorCodes.SESSION_EXPIRED]);

function asSightlineError(error: unknown): SightlineError | null {
  if (error instanceof SightlineError) return error;
  if (error instanceof Neo4jError && NEO4J_UNREACHABLE.has(error.code)) {
    return new ServiceUnavailableError("neo4j", error.message);
  }
  return null;
}

export const INTERNAL_ERROR_MESSAGE = "Internal server error. The details are in the API server's log.";

export function createErrorFormatter(logger: ApiLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const known = asSightlineError(original);
    const location = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (known !== null) {
      return {
        message: known.message,
        ...location,
        extensions: { code: known.code, ...(known.hint ? { hint: known.hint } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError && typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
      return { message: formatted.message, ...location, extensions: { code } };
    }
    logger.error(
      {
        err:
          original instanceof Error
            ? { name: original.name, message: original.message, stack: original.stack }
            : String(original),
        path: formatted.path,
      },
      "GraphQL operation failed with an unexpected error",
    );
    return { message: INTERNAL_ERROR_MESSAGE, ...location, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
