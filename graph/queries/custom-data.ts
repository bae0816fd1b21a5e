/**
 * Reads of custom data identifiers and allow lists, and the detector configuration audits build from them
 * (loadDetectorConfig). Stored definitions were validated when created; they are compiled again here because a
 * compiled RE2 pattern cannot be stored.
 */
import { compileAllowList, type AllowList } from "../../services/classify/detect/allow-list.js";
import { compileCustomIdentifier, type CustomIdentifier } from "../../services/classify/detect/custom-identifier.js";
import type { AllowListCriteria, AllowListRecord, CustomIdentifierRecord } from "../writes/custom-data.js";
import type { GraphReader } from "./reader.js";

export interface CustomIdentifierRow extends CustomIdentifierRecord {
  createdAt: string | null;
}

export interface AllowListRow extends AllowListRecord {
  createdAt: string | null;
}

export const CUSTOM_IDENTIFIERS_CYPHER = `MATCH (c:CustomDataIdentifier)
RETURN c.id AS id, c.name AS name, c.description AS description, c.definitionJson AS definitionJson, c.createdAt AS createdAt
ORDER BY c.name, c.id`;

export const ALLOW_LISTS_CYPHER = `MATCH (a:AllowList)
RETURN a.id AS id, a.name AS name, a.description AS description, a.definitionJson AS definitionJson, a.createdAt AS createdAt
ORDER BY a.name, a.id`;

interface StoredRow {
  id: string;
  name: string;
  description: string | null;
  definitionJson: string;
  createdAt: string | null;
}

export async function listCustomIdentifiers(graph: GraphReader): Promise<CustomIdentifierRow[]> {
  const rows = await graph.read<StoredRow>(CUSTOM_IDENTIFIERS_CYPHER, {});
  return rows.map((row) => {
    const definition = JSON.parse(row.definitionJson) as Omit<CustomIdentifierRecord, "id" | "name" | "description">;
    return {
      id: row.id,
      name: row.name,
      description: row.description ?? null,
      regex: definition.regex,
      keywords: definition.keywords ?? [],
      ignoreWords: definition.ignoreWords ?? [],
      maximumMatchDistance: definition.maximumMatchDistance,
      severityLevels: definition.severityLevels,
      createdAt: row.createdAt ?? null,
    };
  });
}

export async function listAllowLists(graph: GraphReader): Promise<AllowListRow[]> {
  const rows = await graph.read<StoredRow>(ALLOW_LISTS_CYPHER, {});
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description ?? null,
    criteria: JSON.parse(row.definitionJson) as AllowListCriteria,
    createdAt: row.createdAt ?? null,
  }));
}

export interface DetectorConfig {
  customIdentifiers: CustomIdentifier[];
  allowLists: AllowList[];
}

/** Every stored custom identifier and allow list, compiled: the second argument of createClassifier. */
export async function loadDetectorConfig(graph: GraphReader): Promise<DetectorConfig> {
  const [identifiers, lists] = await Promise.all([listCustomIdentifiers(graph), listAllowLists(graph)]);
  return {
    customIdentifiers: identifiers.map((row) => compileCustomIdentifier(row)),
    allowLists: lists.map((row) => compileAllowList(row.criteria)),
  };
}

/** The object a sensitive-data finding is about, and the identifier types it reports. */
export interface FindingObject {
  bucket: string;
  key: string;
  types: string[];
}

export const FINDING_OBJECT_CYPHER = `MATCH (o:Object)-[:HAS_FINDING]->(f:Finding {findingId: $findingId})
OPTIONAL MATCH (f)-[:HAS_DETECTION]->(d:Detection)
WITH o, d ORDER BY d.type
RETURN o.bucket AS bucket, o.key AS key, [t IN collect(d.type) WHERE t IS NOT NULL] AS types`;

/** Null when no object has a finding with this id (posture findings are on buckets, so they give null too). */
export async function findingObject(graph: GraphReader, findingId: string): Promise<FindingObject | null> {
  const rows = await graph.read<FindingObject>(FINDING_OBJECT_CYPHER, { findingId });
  return rows[0] ?? null;
}
