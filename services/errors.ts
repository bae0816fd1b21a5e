/**
 * Typed errors shared across Sightline. Each carries a stable `code` (for GraphQL extensions and logs), what failed,
 * and a hint saying what to do. None of them carries a stack trace to API clients.
 */
export abstract class SightlineError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends SightlineError {
  readonly code = "CONFIG_INVALID";
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`, `Fix the environment variable ${variable} (see README, Configuration).`);
  }
}

/** A backing service (Neo4j, Temporal, AWS endpoint) cannot be reached. */
export class ServiceUnavailableError extends SightlineError {
  readonly code = "SERVICE_UNAVAILABLE";
  constructor(
    readonly service: "neo4j" | "temporal" | "aws",
    detail: string,
    hint = "Start the local stack with `sightline stack up` (or check the address in your configuration).",
  ) {
    super(`${service} is unavailable: ${detail}`, hint);
  }
}

/** Input a caller gave that cannot be used (bad regex, unknown bucket, malformed ARN...). */
export class InvalidInputError extends SightlineError {
  readonly code = "BAD_USER_INPUT";
  constructor(
    readonly field: string,
    problem: string,
    hint?: string,
  ) {
    super(`${field}: ${problem}`, hint);
  }
}

export class NotFoundError extends SightlineError {
  readonly code = "NOT_FOUND";
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`${kind} "${id}" was not found`);
  }
}

/** An AWS API call failed; recorded on the resource it concerns so that the run continues. */
export class AwsCallError extends SightlineError {
  readonly code = "AWS_CALL_FAILED";
  constructor(
    readonly operation: string,
    readonly awsCode: string,
    message: string,
    readonly resource?: string,
  ) {
    super(`${operation}${resource ? ` on ${resource}` : ""} failed: ${awsCode}: ${message}`);
  }
}
