/**
 * Macie-style bucket statistics, recomputed from the bucket's objects after listing and classification: counts and
 * sizes (all, classifiable, unclassifiable), how many objects are classified at their current etag, how many hold
 * sensitive data, and the sensitivity score (services/findings/sensitivity-score.ts).
 */
import type { Severity } from "../../services/classify/types.js";
import { NotFoundError } from "../../services/errors.js";
import { sensitivityScore } from "../../services/findings/sensitivity-score.js";
import { type CypherQuery, bucketArn, cypher } from "../cypher.js";
import type { Graph } from "../driver.js";

export interface BucketObjectAggregates {
  analysisFailed: boolean;
  objectCount: number;
  sizeInBytes: number;
  unclassifiableObjectCount: number;
  unclassifiableSizeInBytes: number;
  classifiedObjectCount: number;
  sensitiveObjectCount: number;
  distinctValuesBySeverity: Record<Severity, number>;
}

export interface BucketStats {
  objectCount: number;
  sizeInBytes: number;
  classifiableObjectCount: number;
  classifiableSizeInBytes: number;
  unclassifiableObjectCount: number;
  unclassifiableSizeInBytes: number;
  classifiedObjectCount: number;
  sensitiveObjectCount: number;
  sensitivityScore: number;
}

/**
 * An object is unclassifiable when its classification at the current etag recorded a reason; a fingerprint counts
 * once, at the highest severity of the detections that found it.
 */
export function buildBucketAggregates(bucketName: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (b:Bucket {arn: $bucketArn})
      CALL (b) {
        OPTIONAL MATCH (b)-[:CONTAINS]->(o:Object)
        WITH o, o.classifiedEtag IS NOT NULL AND o.classifiedEtag = o.etag AS current
        WITH o, current AND o.unclassifiableReason IS NOT NULL AS unclassifiable, current AND o.unclassifiableReason IS NULL AS classified
        RETURN count(o) AS objectCount,
               coalesce(sum(o.size), 0) AS sizeInBytes,
               count(CASE WHEN unclassifiable THEN 1 END) AS unclassifiableObjectCount,
               coalesce(sum(CASE WHEN unclassifiable THEN o.size END), 0) AS unclassifiableSizeInBytes,
               count(CASE WHEN classified THEN 1 END) AS classifiedObjectCount,
               count(CASE WHEN EXISTS { (o)-[:HAS_FINDING]->(:Finding {category: 'CLASSIFICATION'}) } THEN 1 END) AS sensitiveObjectCount
      }
      CALL (b) {
        OPTIONAL MATCH (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)-[:HAS_FINGERPRINT]->(fp:Fingerprint)
        WITH fp, max(CASE d.severity WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END) AS rank
        RETURN {
          LOW: count(CASE WHEN fp IS NOT NULL AND rank = 1 THEN 1 END),
          MEDIUM: count(CASE WHEN rank = 2 THEN 1 END),
          HIGH: count(CASE WHEN rank = 3 THEN 1 END)
        } AS distinctValuesBySeverity
      }
      RETURN b.errorCode IS NOT NULL AS analysisFailed, objectCount, sizeInBytes, unclassifiableObjectCount,
             unclassifiableSizeInBytes, classifiedObjectCount, sensitiveObjectCount, distinctValuesBySeverity`,
    params: { bucketArn: bucketArn(bucketName) },
  };
}

export function bucketStats(aggregates: BucketObjectAggregates): BucketStats {
  const classifiableObjectCount = aggregates.objectCount - aggregates.unclassifiableObjectCount;
  return {
    objectCount: aggregates.objectCount,
    sizeInBytes: aggregates.sizeInBytes,
    classifiableObjectCount,
    classifiableSizeInBytes: aggregates.sizeInBytes - aggregates.unclassifiableSizeInBytes,
    unclassifiableObjectCount: aggregates.unclassifiableObjectCount,
    unclassifiableSizeInBytes: aggregates.unclassifiableSizeInBytes,
    classifiedObjectCount: aggregates.classifiedObjectCount,
    sensitiveObjectCount: aggregates.sensitiveObjectCount,
    sensitivityScore: sensitivityScore({
      analysisFailed: aggregates.analysisFailed,
      objectCount: aggregates.objectCount,
      classifiableObjectCount,
      classifiedObjectCount: aggregates.classifiedObjectCount,
      distinctValuesBySeverity: aggregates.distinctValuesBySeverity,
    }),
  };
}

export function buildBucketStatsWrite(bucketName: string, stats: BucketStats): CypherQuery {
  return {
    cypher: cypher`
      MATCH (b:Bucket {arn: $bucketArn})
      SET b += $stats`,
    params: { bucketArn: bucketArn(bucketName), stats },
  };
}

/**
 * Replaces the buckets' sensitive-data summaries: one (:SensitiveSummary) per filter that sensitiveDataReach accepts
 * and that some detection in the bucket matches, keyed `<category>|<type>|<minSeverity>` with `*` for "any"
 * (`sensitiveSummaryKey`), holding the counts the answer reports. Finding and object counts are distinct per filter,
 * which is why every combination is stored rather than per-type counts that could not be added up. sensitiveDataReach
 * then finds the matching buckets with one index seek instead of walking every object's findings.
 */
export function buildSensitiveSummaryWrite(bucketArns: readonly string[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $bucketArns AS bucketArn
      MATCH (b:Bucket {arn: bucketArn})
      CALL (b) {
        // By key prefix rather than by relationship, so that summaries left behind by a deleted bucket of the same
        // name go too (a bucket name has no space).
        MATCH (old:SensitiveSummary) WHERE old.summaryId STARTS WITH b.arn + ' '
        DETACH DELETE old
      }
      CALL (b) {
        MATCH (b)-[:CONTAINS]->(o:Object)-[:HAS_FINDING]->(f:Finding)-[:HAS_DETECTION]->(d:Detection)
        WITH o, f, d, CASE toUpper(d.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END AS rank
        UNWIND CASE WHEN d.category IS NULL THEN ['*'] ELSE ['*', d.category] END AS category
        UNWIND CASE WHEN d.type IS NULL THEN ['*'] ELSE ['*', d.type] END AS type
        UNWIND [s IN [['*', 0], ['LOW', 1], ['MEDIUM', 2], ['HIGH', 3]] WHERE rank >= s[1] | s[0]] AS minSeverity
        WITH category + '|' + type + '|' + minSeverity AS key, o, f, d
        WITH key, count(DISTINCT f) AS findingCount, count(DISTINCT o) AS objectCount, sum(coalesce(d.count, 0)) AS occurrences
        CREATE (b)-[:HAS_SENSITIVE_SUMMARY]->(:SensitiveSummary {
          summaryId: b.arn + ' ' + key, key: key, findingCount: findingCount, objectCount: objectCount, occurrences: occurrences
        })
      }`,
    params: { bucketArns: [...bucketArns] },
  };
}

export async function updateBucketStats(graph: Graph, bucketName: string): Promise<BucketStats> {
  const aggregatesQuery = buildBucketAggregates(bucketName);
  const summaries = buildSensitiveSummaryWrite([bucketArn(bucketName)]);
  return graph.writeTransaction(async (tx) => {
    const { rows } = await tx.run<BucketObjectAggregates>(aggregatesQuery.cypher, aggregatesQuery.params);
    const aggregates = rows[0];
    if (aggregates === undefined) throw new NotFoundError("Bucket", bucketName);
    const stats = bucketStats(aggregates);
    const write = buildBucketStatsWrite(bucketName, stats);
    await tx.run(write.cypher, write.params);
    await tx.run(summaries.cypher, summaries.params);
    return stats;
  });
}

/** Rewrites the sensitive-data summaries of the buckets `bucketArns` (graphs written before summaries existed, fixtures). */
export async function updateSensitiveSummaries(graph: Graph, bucketArns: readonly string[]): Promise<void> {
  const write = buildSensitiveSummaryWrite(bucketArns);
  await graph.write(write.cypher, write.params);
}
