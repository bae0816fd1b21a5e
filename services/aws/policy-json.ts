/**
 * Policy documents as AWS hands them over: S3 returns plain JSON; IAM returns RFC 3986 URL-encoded JSON
 * (GetAccountAuthorizationDetails, GetRole, GetPolicyVersion). moto sometimes returns IAM documents unencoded, so
 * decoding looks at the text rather than trusting the source.
 */
import type { PolicyDocument } from "../access/policy-document.js";

export class MalformedPolicyError extends Error {
  constructor(detail: string) {
    super(`malformed policy document: ${detail}`);
    this.name = "MalformedPolicyDocument";
  }
}

/** Parses policy JSON and checks the one element every policy must have. */
export function parsePolicyDocument(json: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new MalformedPolicyError((error as Error).message);
  }
  if (typeof parsed !== "object" || parsed === null || !("Statement" in parsed)) {
    throw new MalformedPolicyError("no Statement element");
  }
  const statement = (parsed as { Statement: unknown }).Statement;
  if (typeof statement !== "object" || statement === null) {
    throw new MalformedPolicyError("Statement is neither an object nor an array");
  }
  return parsed as PolicyDocument;
}

/**
 * IAM's URL-encoded policy text to a document. Raw JSON starts with "{"; decoding raw JSON could corrupt a literal
 * "%" inside a condition value, so only text that is not already JSON is decoded.
 */
export function decodeIamPolicyDocument(text: string): PolicyDocument {
  const trimmed = text.trim();
  return parsePolicyDocument(trimmed.startsWith("{") ? trimmed : decodeURIComponent(trimmed));
}
