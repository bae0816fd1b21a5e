import { describe, expect, it } from "vitest";
import { type BucketObjectAggregates, buildBucketAggregates, buildSensitiveSummaryWrite, bucketStats } from "../../../graph/writes/bucket-stats.js";
import { sensitivityScore } from "../../../services/findings/sensitivity-score.js";

const none = { LOW: 0, MEDIUM: 0, HIGH: 0 };
const base = { analysisFailed: false, objectCount: 10, classifiableObjectCount: 10, classifiedObjectCount: 10, distinctValuesBySeverity: none };

describe("sensitivityScore", () => {
  it("is -1 when the bucket could not be analysed, whatever else is known", () => {
    expect(sensitivityScore({ ...base, analysisFailed: true, distinctValuesBySeverity: { LOW: 0, MEDIUM: 0, HIGH: 5 } })).toBe(-1);
  });

  it("is 50 when nothing has been analysed, or nothing could be", () => {
    expect(sensitivityScore({ ...base, classifiedObjectCount: 0 })).toBe(50);
    expect(sensitivityScore({ ...base, classifiableObjectCount: 0, classifiedObjectCount: 0 })).toBe(50);
  });

  it("falls from 49 to 1 as the analysed share grows when nothing sensitive is found; an empty bucket is 1", () => {
    expect(sensitivityScore({ ...base, classifiableObjectCount: 1000, classifiedObjectCount: 1 })).toBe(49);
    expect(sensitivityScore({ ...base, classifiedObjectCount: 5 })).toBe(25);
    expect(sensitivityScore(base)).toBe(1);
    expect(sensitivityScore({ ...base, objectCount: 0, classifiableObjectCount: 0, classifiedObjectCount: 0 })).toBe(1);
  });

  it("rises from 51 towards 99 with severity-weighted distinct sensitive values", () => {
    const score = (LOW: number, MEDIUM: number, HIGH: number) => sensitivityScore({ ...base, distinctValuesBySeverity: { LOW, MEDIUM, HIGH } });
    expect(score(1, 0, 0)).toBe(51);
    expect(score(0, 1, 0)).toBe(53);
    expect(score(0, 0, 1)).toBe(59);
    expect(score(0, 0, 10)).toBe(93);
    expect(score(0, 0, 1_000_000)).toBe(99);
    expect(score(20, 0, 0)).toBe(score(0, 0, 1));
  });
});

describe("bucketStats", () => {
  it("derives classifiable counts and sizes and scores the bucket", () => {
    const aggregates: BucketObjectAggregates = {
      analysisFailed: false,
      objectCount: 4,
      sizeInBytes: 1000,
      unclassifiableObjectCount: 1,
      unclassifiableSizeInBytes: 600,
      classifiedObjectCount: 3,
      sensitiveObjectCount: 1,
      distinctValuesBySeverity: { LOW: 0, MEDIUM: 2, HIGH: 0 },
    };
    expect(bucketStats(aggregates)).toEqual({
      objectCount: 4,
      sizeInBytes: 1000,
      classifiableObjectCount: 3,
      classifiableSizeInBytes: 400,
      unclassifiableObjectCount: 1,
      unclassifiableSizeInBytes: 600,
      classifiedObjectCount: 3,
      sensitiveObjectCount: 1,
      sensitivityScore: 55,
    });
  });

  it("aggregates from the bucket's objects in one read", () => {
    expect(buildBucketAggregates("data")).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (b:Bucket {arn: $bucketArn})
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
             unclassifiableSizeInBytes, classifiedObjectCount, sensitiveObjectCount, distinctValuesBySeverity",
        "params": {
          "bucketArn": "arn:aws:s3:::data",
        },
      }
    `);
  });

  it("replaces each bucket's sensitive-data summaries, one per filter its detections match", () => {
    const q = buildSensitiveSummaryWrite(["arn:aws:s3:::a", "arn:aws:s3:::b"]);
    expect(q.params).toEqual({ bucketArns: ["arn:aws:s3:::a", "arn:aws:s3:::b"] });
    expect(q.cypher).toMatchInlineSnapshot(`
      "UNWIND $bucketArns AS bucketArn
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
      }"
    `);
  });
});
