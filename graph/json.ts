/**
 * Objects (policies, ACLs, tags, conditions, evidence) are stored as JSON strings: Neo4j properties hold only scalars
 * and lists. Keys are written in sorted order so that equal inputs always give equal strings, which keeps re-runs
 * from rewriting unchanged values and lets hashes of inputs be compared.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** canonicalJson, or null for null/undefined: absent objects become absent properties. */
export function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalJson(value);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
