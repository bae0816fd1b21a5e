import { describe, expect, it } from "vitest";
import {
  buildObjectsDelete,
  buildObjectsNeedingClassification,
  buildObjectsWrite,
} from "../../../graph/writes/objects.js";

describe("buildObjectsWrite", () => {
  it("merges the batch under the account's bucket, stamped with the run", () => {
    const query = buildObjectsWrite(
      "111122223333",
      "data",
      [{ bucket: "data", key: "a/b.csv", size: 12, storageClass: "STANDARD", etag: '"e1"', lastModified: "2026-11-01T00:00:00Z" }],
      "run-1",
    );
    expect(query).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket {arn: $bucketArn})
      UNWIND $rows AS row
      MERGE (o:Object {arn: row.arn})
      SET o += row.props
      MERGE (b)-[:CONTAINS]->(o)
      RETURN count(o) AS written",
        "params": {
          "accountId": "111122223333",
          "bucketArn": "arn:aws:s3:::data",
          "rows": [
            {
              "arn": "arn:aws:s3:::data/a/b.csv",
              "props": {
                "bucket": "data",
                "etag": ""e1"",
                "key": "a/b.csv",
                "lastAuditRunId": "run-1",
                "lastModified": "2026-11-01T00:00:00Z",
                "size": 12,
                "storageClass": "STANDARD",
              },
            },
          ],
        },
      }
    `);
  });
});

describe("buildObjectsDelete", () => {
  it("deletes a batch of objects not seen in the run with their findings, detections and orphaned fingerprints", () => {
    expect(buildObjectsDelete("data", "run-2", 1000)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (:Bucket {arn: $bucketArn})-[:CONTAINS]->(o:Object)
      WHERE $keepRunId IS NULL OR o.lastAuditRunId IS NULL OR o.lastAuditRunId <> $keepRunId
      WITH o
      LIMIT $limit
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
      DETACH DELETE o
      RETURN count(*) AS deleted",
        "params": {
          "bucketArn": "arn:aws:s3:::data",
          "keepRunId": "run-2",
          "limit": 1000,
        },
      }
    `);
  });

  it("deletes every object when no run is to be kept (a bucket that disappeared)", () => {
    expect(buildObjectsDelete("data", null, 1000).params).toEqual({ bucketArn: "arn:aws:s3:::data", keepRunId: null, limit: 1000 });
  });
});

describe("buildObjectsNeedingClassification", () => {
  it("selects objects whose etag differs from classifiedEtag, a page at a time in key order", () => {
    expect(buildObjectsNeedingClassification("data", { afterKey: "k", limit: 10 })).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (:Bucket {arn: $bucketArn})-[:CONTAINS]->(o:Object)
      WHERE (o.classifiedEtag IS NULL OR o.classifiedEtag <> o.etag) AND o.key > $afterKey
      RETURN o.key AS key, o.etag AS etag, o.size AS size, o.storageClass AS storageClass
      ORDER BY key
      LIMIT $limit",
        "params": {
          "afterKey": "k",
          "bucketArn": "arn:aws:s3:::data",
          "limit": 10,
        },
      }
    `);
  });
});
