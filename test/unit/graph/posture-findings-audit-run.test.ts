import { describe, expect, it } from "vitest";
import { buildFinishAuditRun, buildStartAuditRun } from "../../../graph/writes/audit-run.js";
import { buildPostureFindingsWrite, postureFindingId } from "../../../graph/writes/posture-findings.js";

describe("buildPostureFindingsWrite", () => {
  it("deletes resolved findings, then merges current ones counting each run once", () => {
    const queries = buildPostureFindingsWrite(
      "111122223333",
      [{ bucketArn: "arn:aws:s3:::data", type: "Policy:IAMUser/S3BucketPublic", severity: "HIGH", detail: { b: 1, a: 2 } }],
      "run-1",
      "2026-11-26T10:00:00.000Z",
    );
    expect(queries).toMatchInlineSnapshot(`
      [
        {
          "cypher": "MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)-[:HAS_FINDING]->(f:Finding {category: 'POLICY'})
      WHERE NOT f.findingId IN $findingIds
      DETACH DELETE f",
          "params": {
            "accountId": "111122223333",
            "findingIds": [
              "arn:aws:s3:::data#Policy:IAMUser/S3BucketPublic",
            ],
          },
        },
        {
          "cypher": "UNWIND $rows AS row
      MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket {arn: row.bucketArn})
      MERGE (f:Finding {findingId: row.findingId})
      ON CREATE SET f.createdAt = $now, f.count = 0
      SET f += row.props,
          f.count = CASE WHEN f.auditRunId = $runId THEN f.count ELSE f.count + 1 END,
          f.auditRunId = $runId,
          f.updatedAt = $now
      MERGE (b)-[:HAS_FINDING]->(f)",
          "params": {
            "accountId": "111122223333",
            "now": "2026-11-26T10:00:00.000Z",
            "rows": [
              {
                "bucketArn": "arn:aws:s3:::data",
                "findingId": "arn:aws:s3:::data#Policy:IAMUser/S3BucketPublic",
                "props": {
                  "category": "POLICY",
                  "detailJson": "{"a":2,"b":1}",
                  "severity": "HIGH",
                  "type": "Policy:IAMUser/S3BucketPublic",
                },
              },
            ],
            "runId": "run-1",
          },
        },
      ]
    `);
  });

  it("keys a posture finding by bucket and type", () => {
    expect(postureFindingId("arn:aws:s3:::data", "Policy:IAMUser/S3BucketPublic")).toBe(
      "arn:aws:s3:::data#Policy:IAMUser/S3BucketPublic",
    );
  });
});

describe("audit runs", () => {
  it("starts a run idempotently, linked to its account", () => {
    expect(buildStartAuditRun("run-1", "111122223333", "2026-11-26T10:00:00.000Z")).toMatchInlineSnapshot(`
      {
        "cypher": "MERGE (a:Account {accountId: $accountId})
      ON CREATE SET a.external = false
      MERGE (r:AuditRun {runId: $runId})
      ON CREATE SET r.accountId = $accountId, r.status = 'RUNNING', r.startedAt = $now
      MERGE (r)-[:AUDITED]->(a)",
        "params": {
          "accountId": "111122223333",
          "now": "2026-11-26T10:00:00.000Z",
          "runId": "run-1",
        },
      }
    `);
  });

  it("finishes a run with its statistics as JSON", () => {
    expect(buildFinishAuditRun("run-1", "FAILED", { buckets: 3 }, "AccessDenied on ListBuckets", "2026-11-26T10:05:00.000Z"))
      .toMatchInlineSnapshot(`
        {
          "cypher": "MATCH (r:AuditRun {runId: $runId})
        SET r.status = $status, r.finishedAt = $now, r.statsJson = $statsJson, r.error = $error
        RETURN r.runId AS runId",
          "params": {
            "error": "AccessDenied on ListBuckets",
            "now": "2026-11-26T10:05:00.000Z",
            "runId": "run-1",
            "statsJson": "{"buckets":3}",
            "status": "FAILED",
          },
        }
      `);
  });
});
