/**
 * Stores objects' Classifications the way Macie reports them: one sensitive-data Finding per object whose type names
 * the category found (SensitiveData:S3Object/Personal, /Financial, /Credentials, /CustomIdentifier, or /Multiple when
 * more than one), with one Detection per identifier and the keyed fingerprints of the values it found. Raw values
 * never reach this module: occurrences carry only locations, evidence and fingerprints.
 *
 * Re-classifying replaces the object's previous detections; the Finding keeps its createdAt when its type is
 * unchanged. Recording `classifiedEtag` is what lets the next run skip the object while its etag stays the same.
 *
 * Results are written in batches: one transaction of four UNWIND statements for any number of objects, because the
 * round trips and the commit, not the rows, are what a write costs. Fingerprints are the only nodes that objects of
 * different buckets share, so their links are written in one global order (by value) to keep concurrent batches from
 * taking their locks in opposite orders; a deadlock that still happens is retried by the managed transaction.
 */
import type {
  Category,
  Classification,
  Detection,
  Severity,
  UnclassifiableReason,
} from "../../services/classify/types.js";
import { NotFoundError } from "../../services/errors.js";
import { type CypherQuery, cypher, objectArn } from "../cypher.js";
import type { Graph, WriteCounters } from "../driver.js";
import { addCounters } from "../driver.js";
import { canonicalJson } from "../json.js";

/**
 * A failed read says nothing about the object, so its classifiedEtag is left as it was and the next run tries again;
 * every other reason (format, limits, access) stands until the object changes.
 */
const RETRIED_REASONS: ReadonlySet<UnclassifiableReason> = new Set<UnclassifiableReason>(["READ_FAILED"]);

/** Macie shows the first 15 occurrences of each detection in a finding. */
export const OCCURRENCES_KEPT = 15;

const CATEGORY_SUFFIX: Record<Category, string> = {
  PERSONAL: "Personal",
  FINANCIAL: "Financial",
  CREDENTIALS: "Credentials",
  CUSTOM_IDENTIFIER: "CustomIdentifier",
};

const SEVERITY_RANK: Record<Severity, number> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/** One object's result, as the audit produces it. */
export interface ClassifiedObject {
  key: string;
  /** The etag that was classified. */
  etag: string;
  classification: Classification;
}

export function sensitiveDataFindingType(detections: readonly Detection[]): string {
  const categories = [...new Set(detections.map((d) => d.category))];
  const suffix = categories.length === 1 ? CATEGORY_SUFFIX[categories[0] as Category] : "Multiple";
  return `SensitiveData:S3Object/${suffix}`;
}

export function maxSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((max, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[max] ? s : max), "LOW");
}

/** Macie's sensitive-data finding is per object and type, so its key is the object's ARN and the finding type. */
export function sensitiveDataFindingId(objectArnValue: string, detections: readonly Detection[]): string | null {
  return detections.length === 0 ? null : `${objectArnValue}#${sensitiveDataFindingType(detections)}`;
}

/** The last result per key: a batch that names an object twice stores what a second write would have left. */
export function lastResultPerKey(objects: readonly ClassifiedObject[]): ClassifiedObject[] {
  return [...new Map(objects.map((o) => [o.key, o])).values()];
}

/**
 * Sets each object's classification state and deletes its previous detections (and its finding when the type
 * changed); returns, per object found, the fingerprint values those detections linked to.
 */
export function buildClassificationsReset(bucketName: string, objects: readonly ClassifiedObject[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MATCH (o:Object {arn: row.objectArn})
      SET o += row.props
      WITH o, row
      OPTIONAL MATCH (o)-[:HAS_FINDING]->(f:Finding {category: 'CLASSIFICATION'})
      OPTIONAL MATCH (f)-[:HAS_DETECTION]->(d:Detection)
      OPTIONAL MATCH (d)-[:HAS_FINGERPRINT]->(fp:Fingerprint)
      WITH o, row, collect(DISTINCT f) AS findings, collect(DISTINCT d) AS detections, collect(DISTINCT fp.value) AS fingerprints
      FOREACH (n IN detections | DETACH DELETE n)
      FOREACH (n IN [x IN findings WHERE row.findingId IS NULL OR x.findingId <> row.findingId] | DETACH DELETE n)
      RETURN o.arn AS arn, fingerprints`,
    params: {
      rows: objects.map(({ key, etag, classification }) => {
        const arn = objectArn(bucketName, key);
        return {
          objectArn: arn,
          findingId: sensitiveDataFindingId(arn, classification.detections),
          props: {
            ...(classification.unclassifiable !== null && RETRIED_REASONS.has(classification.unclassifiable.reason)
              ? {}
              : { classifiedEtag: etag }),
            format: classification.format,
            bytesScanned: classification.bytesScanned,
            unclassifiableReason: classification.unclassifiable?.reason ?? null,
            unclassifiableDetail: classification.unclassifiable?.detail ?? null,
          },
        };
      }),
    },
  };
}

/** Creates the Findings and Detections of the objects where something sensitive was found; null when none was. */
export function buildFindingsWrite(
  bucketName: string,
  objects: readonly ClassifiedObject[],
  runId: string,
  now: string,
): CypherQuery | null {
  const sensitive = objects.filter((o) => o.classification.detections.length > 0);
  if (sensitive.length === 0) return null;
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MATCH (o:Object {arn: row.objectArn})
      MERGE (f:Finding {findingId: row.findingId})
      ON CREATE SET f.createdAt = $now, f.count = 0
      SET f += row.finding,
          f.count = CASE WHEN f.auditRunId = $runId THEN f.count ELSE f.count + 1 END,
          f.auditRunId = $runId,
          f.updatedAt = $now
      MERGE (o)-[:HAS_FINDING]->(f)
      WITH f, row
      UNWIND row.detections AS detection
      MERGE (d:Detection {detectionId: detection.detectionId})
      SET d += detection.props
      MERGE (f)-[:HAS_DETECTION]->(d)`,
    params: {
      runId,
      now,
      rows: sensitive.map(({ key, classification: { detections } }) => {
        const arn = objectArn(bucketName, key);
        return {
          objectArn: arn,
          findingId: sensitiveDataFindingId(arn, detections),
          finding: {
            type: sensitiveDataFindingType(detections),
            category: "CLASSIFICATION",
            severity: maxSeverity(detections.map((d) => d.severity)),
            detectionsJson: canonicalJson(
              detections.map((d) => ({ type: d.type, category: d.category, count: d.count, severity: d.severity })),
            ),
          },
          detections: detections.map((d) => ({
            detectionId: `${arn}#${d.type}`,
            props: {
              type: d.type,
              category: d.category,
              count: d.count,
              distinctValues: d.distinctValues,
              severity: d.severity,
              occurrencesJson: canonicalJson(d.occurrences.slice(0, OCCURRENCES_KEPT)),
            },
          })),
        };
      }),
    },
  };
}

interface FingerprintLink {
  value: string;
  /** The identifier that first found the value in this batch: a new Fingerprint node takes it as its type. */
  type: string;
  detectionId: string;
}

/** Every (fingerprint, detection) pair of the batch, ordered by value so that locks are taken in one global order. */
export function fingerprintLinks(bucketName: string, objects: readonly ClassifiedObject[]): FingerprintLink[] {
  const pairs = objects.flatMap(({ key, classification }) =>
    classification.detections.flatMap((d) =>
      [...new Set(d.occurrences.map((o) => o.fingerprint))].map((value) => ({
        value,
        type: d.type,
        detectionId: `${objectArn(bucketName, key)}#${d.type}`,
      })),
    ),
  );
  const firstType = new Map<string, string>();
  for (const { value, type } of pairs) if (!firstType.has(value)) firstType.set(value, type);
  return pairs
    .map((pair) => ({ ...pair, type: firstType.get(pair.value) as string }))
    .sort((a, b) => compare(a.value, b.value) || compare(a.detectionId, b.detectionId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Links detections to their fingerprints, creating the Fingerprint nodes not yet known; null when there are none. */
export function buildFingerprintLinks(links: readonly FingerprintLink[]): CypherQuery | null {
  if (links.length === 0) return null;
  return {
    cypher: cypher`
      UNWIND $links AS link
      MERGE (fp:Fingerprint {value: link.value})
      ON CREATE SET fp.type = link.type
      WITH fp, link
      MATCH (d:Detection {detectionId: link.detectionId})
      MERGE (d)-[:HAS_FINGERPRINT]->(fp)`,
    params: { links: [...links] },
  };
}

/** Deletes the given fingerprints that no detection links to any more, in value order like the links. */
export function buildFingerprintCleanup(values: readonly string[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $values AS value
      MATCH (fp:Fingerprint {value: value})
      WHERE NOT EXISTS { (fp)<-[:HAS_FINGERPRINT]-() }
      DELETE fp`,
    params: { values: [...new Set(values)].sort(compare) },
  };
}

/**
 * Writes many objects' results of one bucket in one transaction: the same graph as writing them one by one, in
 * order, with one exception no query reads: a value that one identifier found and another finds in the same batch
 * keeps its Fingerprint node, and that node's first `type`, where one-by-one writes could delete and re-create it.
 * Throws NotFoundError (and writes nothing) when an object is not in the graph. Batches of 50 to 200 objects keep a
 * transaction's size modest while paying the commit once.
 */
export async function writeClassifications(
  graph: Graph,
  bucketName: string,
  items: readonly ClassifiedObject[],
  runId: string,
): Promise<WriteCounters> {
  const objects = lastResultPerKey(items);
  const counters: WriteCounters = {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
    labelsAdded: 0,
  };
  if (objects.length === 0) return counters;
  const reset = buildClassificationsReset(bucketName, objects);
  const findings = buildFindingsWrite(bucketName, objects, runId, new Date().toISOString());
  const links = buildFingerprintLinks(fingerprintLinks(bucketName, objects));
  return graph.writeTransaction(async (tx) => {
    const total = { ...counters };
    const cleared = await tx.run<{ arn: string; fingerprints: string[] }>(reset.cypher, reset.params);
    const found = new Set(cleared.rows.map((r) => r.arn));
    const missing = objects.map((o) => objectArn(bucketName, o.key)).filter((arn) => !found.has(arn));
    if (missing.length > 0) throw new NotFoundError("Object", missing.join(", "));
    addCounters(total, cleared.counters);
    for (const query of [findings, links]) {
      if (query !== null) addCounters(total, (await tx.run(query.cypher, query.params)).counters);
    }
    const previous = cleared.rows.flatMap((r) => r.fingerprints);
    if (previous.length > 0) {
      const cleanup = buildFingerprintCleanup(previous);
      addCounters(total, (await tx.run(cleanup.cypher, cleanup.params)).counters);
    }
    return total;
  });
}

/** One object's result: a batch of one. */
export function writeClassification(
  graph: Graph,
  bucketName: string,
  key: string,
  etag: string,
  classification: Classification,
  runId: string,
): Promise<WriteCounters> {
  return writeClassifications(graph, bucketName, [{ key, etag, classification }], runId);
}
