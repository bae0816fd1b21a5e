/**
 * Posture findings (Macie's policy findings, e.g. Policy:IAMUser/S3BucketPublic) computed by services/findings and
 * stored on their buckets. Each audit passes the account's complete list: findings still present are updated (their
 * `count` grows once per run that sees them), new ones are created, and resolved ones are deleted.
 */
import type { PostureFinding } from "../../services/findings/posture-findings.js";
import { type CypherQuery, cypher } from "../cypher.js";
import type { Graph, WriteCounters } from "../driver.js";
import { canonicalJson } from "../json.js";

export function postureFindingId(bucketArn: string, type: string): string {
  return `${bucketArn}#${type}`;
}

export function buildPostureFindingsWrite(
  accountId: string,
  findings: readonly PostureFinding[],
  runId: string,
  now: string,
): CypherQuery[] {
  const rows = findings.map((f) => ({
    findingId: postureFindingId(f.bucketArn, f.type),
    bucketArn: f.bucketArn,
    props: { type: f.type, severity: f.severity, category: "POLICY", detailJson: canonicalJson(f.detail) },
  }));
  return [
    {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)-[:HAS_FINDING]->(f:Finding {category: 'POLICY'})
        WHERE NOT f.findingId IN $findingIds
        DETACH DELETE f`,
      params: { accountId, findingIds: rows.map((r) => r.findingId) },
    },
    {
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket {arn: row.bucketArn})
        MERGE (f:Finding {findingId: row.findingId})
        ON CREATE SET f.createdAt = $now, f.count = 0
        SET f += row.props,
            f.count = CASE WHEN f.auditRunId = $runId THEN f.count ELSE f.count + 1 END,
            f.auditRunId = $runId,
            f.updatedAt = $now
        MERGE (b)-[:HAS_FINDING]->(f)`,
      params: { accountId, runId, now, rows },
    },
  ];
}

export function writePostureFindings(
  graph: Graph,
  accountId: string,
  findings: readonly PostureFinding[],
  runId: string,
): Promise<WriteCounters> {
  return graph.writeAll(buildPostureFindingsWrite(accountId, findings, runId, new Date().toISOString()));
}
