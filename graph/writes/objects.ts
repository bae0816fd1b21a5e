/**
 * Object listings: written in batches of OBJECT_BATCH_SIZE rows per transaction (a bucket can hold millions of
 * objects), stamped with the run that saw them, and pruned after the listing so that objects deleted from S3 leave
 * the graph together with their findings, detections and any fingerprint no other detection shares.
 *
 * Incremental classification rests on two properties: `etag` (what S3 says the object is now) and `classifiedEtag`
 * (what it was when last classified). Objects whose two differ are the only ones to read again.
 */
import type { ObjectFacts } from "../../services/aws/inventory.js";
import { NotFoundError } from "../../services/errors.js";
import { type CypherQuery, bucketArn, cypher, objectArn } from "../cypher.js";
import type { Graph } from "../driver.js";

export const OBJECT_BATCH_SIZE = 1000;

/**
 * Deletes the object `o` in scope, its sensitive-data findings and detections, and fingerprints left without a
 * detection, so that neither pruning nor the removal of a whole bucket leaves orphans behind.
 */
const DELETE_OBJECT_SUBGRAPH = cypher`
  CALL (o) {
    OPTIONAL MATCH (o)-[:HAS_FINDING]->(f:Finding)
    OPTIONAL MATCH (f)-[:HAS_DETECTION]->(d:Detection)
    OPTIONAL MATCH (d)-[:HAS_FINGERPRINT]->(fp:Fingerprint)
    WITH collect(DISTINCT f) AS findings, collect(DISTINCT d) AS detections, collect(DISTINCT fp) AS fingerprints
    FOREACH (n IN detections | DETACH DELETE n)
    FOREACH (n IN findings | DETACH DELETE n)
    WITH fingerprints
    UNWIND fingerprints AS fp
    WITH fp
    WHERE NOT EXISTS { (fp)<-[:HAS_FINGERPRINT]-() }
    DELETE fp
  }
  DETACH DELETE o`;

export function buildObjectsWrite(
  accountId: string,
  bucketName: string,
  objects: readonly ObjectFacts[],
  runId: string,
): CypherQuery {
  return {
    cypher: cypher`
      MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket {arn: $bucketArn})
      UNWIND $rows AS row
      MERGE (o:Object {arn: row.arn})
      SET o += row.props
      MERGE (b)-[:CONTAINS]->(o)
      RETURN count(o) AS written`,
    params: {
      accountId,
      bucketArn: bucketArn(bucketName),
      rows: objects.map((o) => ({
        arn: objectArn(bucketName, o.key),
        props: {
          bucket: bucketName,
          key: o.key,
          size: o.size,
          storageClass: o.storageClass,
          etag: o.etag,
          lastModified: o.lastModified,
          lastAuditRunId: runId,
        },
      })),
    },
  };
}

/** Up to `limit` objects of the bucket not seen in run `keepRunId` (all of them when it is null), with their subgraph. */
export function buildObjectsDelete(bucketName: string, keepRunId: string | null, limit: number): CypherQuery {
  return {
    cypher: cypher`
      MATCH (:Bucket {arn: $bucketArn})-[:CONTAINS]->(o:Object)
      WHERE $keepRunId IS NULL OR o.lastAuditRunId IS NULL OR o.lastAuditRunId <> $keepRunId
      WITH o
      LIMIT $limit
      ${DELETE_OBJECT_SUBGRAPH.split("\n").join("\n      ")}
      RETURN count(*) AS deleted`,
    params: { bucketArn: bucketArn(bucketName), keepRunId, limit },
  };
}

export interface ObjectToClassify {
  key: string;
  etag: string;
  size: number;
  storageClass: string;
}

export function buildObjectsNeedingClassification(
  bucketName: string,
  page: { afterKey?: string; limit?: number } = {},
): CypherQuery {
  return {
    cypher: cypher`
      MATCH (:Bucket {arn: $bucketArn})-[:CONTAINS]->(o:Object)
      WHERE (o.classifiedEtag IS NULL OR o.classifiedEtag <> o.etag) AND o.key > $afterKey
      RETURN o.key AS key, o.etag AS etag, o.size AS size, o.storageClass AS storageClass
      ORDER BY key
      LIMIT $limit`,
    params: { bucketArn: bucketArn(bucketName), afterKey: page.afterKey ?? "", limit: page.limit ?? 1_000_000_000 },
  };
}

/** Writes the listing in transactions of OBJECT_BATCH_SIZE rows. Returns how many objects were written. */
export async function writeObjects(
  graph: Graph,
  accountId: string,
  bucketName: string,
  objects: readonly ObjectFacts[],
  runId: string,
): Promise<number> {
  let written = 0;
  for (let start = 0; start < objects.length; start += OBJECT_BATCH_SIZE) {
    const batch = objects.slice(start, start + OBJECT_BATCH_SIZE);
    const query = buildObjectsWrite(accountId, bucketName, batch, runId);
    const { rows } = await graph.write<{ written: number }>(query.cypher, query.params);
    if (rows[0]?.written !== batch.length) throw new NotFoundError("Bucket", `${bucketName} (account ${accountId})`);
    written += batch.length;
  }
  return written;
}

/** Deletes objects of the bucket in batches; `keepRunId` null deletes them all. Returns how many went. */
export async function deleteBucketObjects(graph: Graph, bucketName: string, keepRunId: string | null): Promise<number> {
  let total = 0;
  for (;;) {
    const query = buildObjectsDelete(bucketName, keepRunId, OBJECT_BATCH_SIZE);
    const { rows } = await graph.write<{ deleted: number }>(query.cypher, query.params);
    const deleted = rows[0]?.deleted ?? 0;
    total += deleted;
    if (deleted < OBJECT_BATCH_SIZE) return total;
  }
}

/** Removes the bucket's objects that the listing of run `runId` did not see. Returns how many were removed. */
export function pruneObjects(graph: Graph, bucketName: string, runId: string): Promise<number> {
  return deleteBucketObjects(graph, bucketName, runId);
}

/** Objects never classified, or changed since (etag differs from classifiedEtag), in key order. */
export async function objectsNeedingClassification(
  graph: Graph,
  bucketName: string,
  page: { afterKey?: string; limit?: number } = {},
): Promise<ObjectToClassify[]> {
  const query = buildObjectsNeedingClassification(bucketName, page);
  return graph.read<ObjectToClassify>(query.cypher, query.params);
}
