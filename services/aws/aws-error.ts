/**
 * How the collectors read SDK failures: some error codes mean "this feature is not configured" (an answer, not a
 * failure), everything else is a CollectionError recorded on the resource so that the sweep continues.
 */
import { AwsCallError } from "../errors.js";
import type { CollectionError } from "./inventory.js";

/** Codes S3 returns when a bucket or account simply has no such configuration. */
export const NOT_CONFIGURED_CODES: ReadonlySet<string> = new Set([
  "NoSuchBucketPolicy",
  "ServerSideEncryptionConfigurationNotFoundError",
  "ReplicationConfigurationNotFoundError",
  "NoSuchTagSet",
  "NoSuchWebsiteConfiguration",
  "OwnershipControlsNotFoundError",
  "NoSuchPublicAccessBlockConfiguration",
  "NoSuchAccessPointPolicy",
]);

function httpStatusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof metadata?.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
}

/** Codes for errors whose response had no body (HEAD requests, some 403s): the SDK names those "Unknown". */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  301: "PermanentRedirect",
  403: "AccessDenied",
  404: "NotFound",
};

/** The AWS error code of an SDK v3 exception (its `name`), or of a network-level failure (`code`, e.g. ECONNREFUSED). */
export function awsErrorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { name, code, Code } = error as { name?: unknown; code?: unknown; Code?: unknown };
    const status = httpStatusOf(error);
    if (
      (name === "Unknown" || name === "UnknownError") &&
      status !== undefined &&
      CODE_BY_STATUS[status] !== undefined
    ) {
      return CODE_BY_STATUS[status];
    }
    if (typeof Code === "string" && Code !== "") return Code;
    if (typeof name === "string" && name !== "" && name !== "Error") return name;
    if (typeof code === "string" && code !== "") return code;
  }
  return "UnknownError";
}

export function awsErrorMessage(error: unknown): string {
  const status = typeof error === "object" && error !== null ? httpStatusOf(error) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (message === "" || message === "UnknownError" || message === "Unknown") {
    return status === undefined ? "no error message" : `HTTP ${status} without an error message`;
  }
  return message;
}

export function isNotConfigured(error: unknown): boolean {
  return NOT_CONFIGURED_CODES.has(awsErrorCode(error));
}

export function toCollectionError(operation: string, error: unknown, resource?: string): CollectionError {
  return {
    operation,
    code: awsErrorCode(error),
    message: awsErrorMessage(error),
    ...(resource === undefined ? {} : { resource }),
  };
}

export function toAwsCallError(operation: string, error: unknown, resource?: string): AwsCallError {
  return new AwsCallError(operation, awsErrorCode(error), awsErrorMessage(error), resource);
}

/** The result of one read call: a value, "not configured", or a failure to record. */
export type Outcome<T> = { kind: "ok"; value: T } | { kind: "absent" } | { kind: "failed"; error: CollectionError };

export async function attempt<T>(operation: string, resource: string, call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { kind: "ok", value: await call() };
  } catch (error) {
    if (isNotConfigured(error)) return { kind: "absent" };
    return { kind: "failed", error: toCollectionError(operation, error, resource) };
  }
}
