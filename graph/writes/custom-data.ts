/**
 * Custom data identifiers and allow lists, as the API stores them: one node each, keyed by a stable id, holding the
 * definition as canonical JSON. Creating the same definition again is a no-op (MERGE on the id); the definition is
 * validated (compiled with RE2) by the caller before it is written, so the graph only ever holds usable ones.
 */
import { cypher, type CypherQuery } from "../cypher.js";
import { canonicalJson } from "../json.js";

/** The write side as the API sees it; graph/driver.ts's `Graph` satisfies it. */
export interface GraphWriter {
  write<Row = Record<string, unknown>>(cypher: string, params: Record<string, unknown>): Promise<{ rows: Row[] }>;
}

export interface StoredSeverityLevel {
  occurrencesThreshold: number;
  severity: "LOW" | "MEDIUM" | "HIGH";
}

/** What a CustomDataIdentifier node's definitionJson holds. */
export interface CustomIdentifierRecord {
  id: string;
  name: string;
  description: string | null;
  regex: string;
  keywords: string[];
  ignoreWords: string[];
  maximumMatchDistance: number;
  severityLevels: StoredSeverityLevel[];
}

export type AllowListCriteria = { kind: "literal"; entries: string[] } | { kind: "regex"; regex: string };

export interface AllowListRecord {
  id: string;
  name: string;
  description: string | null;
  criteria: AllowListCriteria;
}

export function mergeCustomIdentifierQuery(record: CustomIdentifierRecord, now: string): CypherQuery {
  const { id, name, description, ...definition } = record;
  return {
    cypher: cypher`
      MERGE (c:CustomDataIdentifier {id: $id})
      ON CREATE SET c.createdAt = $now
      SET c.name = $name, c.description = $description, c.definitionJson = $definitionJson
      RETURN c.createdAt AS createdAt`,
    params: { id, name, description, definitionJson: canonicalJson(definition), now },
  };
}

export function mergeAllowListQuery(record: AllowListRecord, now: string): CypherQuery {
  return {
    cypher: cypher`
      MERGE (a:AllowList {id: $id})
      ON CREATE SET a.createdAt = $now
      SET a.name = $name, a.description = $description, a.kind = $kind, a.definitionJson = $definitionJson
      RETURN a.createdAt AS createdAt`,
    params: {
      id: record.id,
      name: record.name,
      description: record.description,
      kind: record.criteria.kind,
      definitionJson: canonicalJson(record.criteria),
      now,
    },
  };
}

/** Deletes one node of `label` by id; the query returns `deleted` (0 or 1). */
export function deleteByIdQuery(label: "CustomDataIdentifier" | "AllowList", id: string): CypherQuery {
  return {
    cypher: cypher`
      OPTIONAL MATCH (n:${label} {id: $id})
      DETACH DELETE n
      RETURN count(n) AS deleted`,
    params: { id },
  };
}

/** Stores a custom identifier (idempotent) and returns its creation time, kept from the first write. */
export async function writeCustomIdentifier(graph: GraphWriter, record: CustomIdentifierRecord, now = new Date()): Promise<string> {
  const { cypher: text, params } = mergeCustomIdentifierQuery(record, now.toISOString());
  const { rows } = await graph.write<{ createdAt: string }>(text, params);
  return rows[0]?.createdAt ?? now.toISOString();
}

export async function writeAllowList(graph: GraphWriter, record: AllowListRecord, now = new Date()): Promise<string> {
  const { cypher: text, params } = mergeAllowListQuery(record, now.toISOString());
  const { rows } = await graph.write<{ createdAt: string }>(text, params);
  return rows[0]?.createdAt ?? now.toISOString();
}

/** Whether a node was deleted. */
export async function deleteCustomData(graph: GraphWriter, label: "CustomDataIdentifier" | "AllowList", id: string): Promise<boolean> {
  const { cypher: text, params } = deleteByIdQuery(label, id);
  const { rows } = await graph.write<{ deleted: number }>(text, params);
  return (rows[0]?.deleted ?? 0) > 0;
}
