/**
 * Turns what a Neo4j reader returns into plain JSON-like values. The driver returns 64-bit integers as `Integer`
 * objects and temporal values as driver classes unless configured otherwise; the query modules accept both shapes so
 * that they do not depend on how graph/driver.ts configures its driver.
 */
import neo4j from "neo4j-driver";

export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers, booleans, lists and maps make up nearly all of a path row: they skip the driver's type tests,
  // which dominated the client's CPU time on sensitiveDataReach's 1,000-path answers.
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plain);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) return plainEntries(value);
  if (neo4j.isInt(value)) return value.toNumber();
  if (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  return plainEntries(value);
}

function plainEntries(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v);
  return out;
}

/** Parses a JSON property written by graph/ (viaJson, conditionsJson, statsJson); a missing or corrupt one is `fallback`. */
export function parseJsonProperty<T>(json: unknown, fallback: T): T {
  if (typeof json !== "string" || json === "") return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/** Cypher expression ranking a severity so that `minSeverity` filters can compare numbers. */
export function severityRankExpression(variable: string): string {
  return `CASE toUpper(${variable}) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END`;
}

export const SEVERITY_RANK = { LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
export type SeverityName = keyof typeof SEVERITY_RANK;
