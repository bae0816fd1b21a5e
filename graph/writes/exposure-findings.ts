/**
 * Sightline's exposure findings (services/findings/exposure-findings.ts) stored on their buckets like posture
 * findings: `(Bucket)-[:HAS_FINDING]->(Finding)`, keyed `<bucketArn>#<type>`, with `detailJson`, `count` (runs that
 * raised it), `createdAt`, `updatedAt` and `auditRunId`. Their category is EXPOSURE, not Macie's POLICY, because
 * writePostureFindings reconciles every POLICY finding of the account against its own list and would delete these.
 *
 * refreshExposureFindings reads its inputs from what the audit already stored (CAN_ACCESS edges at level READ from
 * Public, AuthenticatedUsers and ExternalAccount principals; Detection categories per bucket), so it runs once the
 * buckets are classified. Re-running it for the same run with unchanged inputs writes nothing.
 */
import type { PrincipalKind } from "../../services/access/effective-access.js";
import {
  computeExposureFindings,
  type BucketSensitiveData,
  type ExposedCategory,
  type ExposureFinding,
  type ReadGrantRow,
} from "../../services/findings/exposure-findings.js";
import { type CypherQuery, cypher } from "../cypher.js";
import type { Graph, WriteCounters } from "../driver.js";
import { canonicalJson } from "../json.js";
import { postureFindingId } from "./posture-findings.js";

export const EXPOSURE_CATEGORY = "EXPOSURE";

export function buildExposureFindingsWrite(
  accountId: string,
  findings: readonly ExposureFinding[],
  runId: string,
  now: string,
): CypherQuery[] {
  const rows = findings.map((f) => ({
    findingId: postureFindingId(f.bucketArn, f.type),
    bucketArn: f.bucketArn,
    props: { type: f.type, severity: f.severity, category: EXPOSURE_CATEGORY, detailJson: canonicalJson(f.detail) },
  }));
  return [
    {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(:Bucket)-[:HAS_FINDING]->(f:Finding {category: $category})
        WHERE NOT f.findingId IN $findingIds
        DETACH DELETE f`,
      params: { accountId, category: EXPOSURE_CATEGORY, findingIds: rows.map((r) => r.findingId) },
    },
    {
      // A finding already raised by this run with the same severity and detail is left untouched (no property
      // written), so that a retried refresh changes nothing; a later run counts once more.
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket {arn: row.bucketArn})
        MERGE (f:Finding {findingId: row.findingId})
        ON CREATE SET f += row.props, f.createdAt = $now, f.updatedAt = $now, f.count = 1, f.auditRunId = $runId
        MERGE (b)-[:HAS_FINDING]->(f)
        WITH f, row
        WHERE f.auditRunId <> $runId OR f.severity <> row.props.severity OR f.detailJson <> row.props.detailJson
           OR f.category <> row.props.category OR f.type <> row.props.type
        SET f += row.props,
            f.count = CASE WHEN f.auditRunId = $runId THEN f.count ELSE f.count + 1 END,
            f.auditRunId = $runId,
            f.updatedAt = $now`,
      params: { accountId, runId, now, rows },
    },
  ];
}

/** READ edges into the account's buckets from principals outside it. */
const READ_GRANTS = cypher`
  MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)<-[g:CAN_ACCESS {level: 'READ'}]-(p:Principal)
  WHERE p:Public OR p:AuthenticatedUsers OR p:ExternalAccount
  RETURN b.arn AS bucketArn, p.arn AS principalArn,
         CASE WHEN p:Public THEN 'Public' WHEN p:AuthenticatedUsers THEN 'AuthenticatedUsers' ELSE 'ExternalAccount' END
           AS principalKind,
         g.level AS level, coalesce(g.conditional, false) AS conditional
  ORDER BY bucketArn, principalArn`;

/** Objects per category in the given buckets, counted from their sensitive-data findings' detections. */
const SENSITIVE_DATA = cypher`
  MATCH (b:Bucket)-[:CONTAINS]->(o:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)
  WHERE b.arn IN $bucketArns AND d.category IN $categories
  RETURN b.arn AS bucketArn, d.category AS category, count(DISTINCT o) AS objects
  ORDER BY bucketArn, category`;

const CATEGORIES: readonly ExposedCategory[] = ["PERSONAL", "FINANCIAL", "CREDENTIALS"];

export interface ExposureRefresh {
  findings: ExposureFinding[];
  counters: WriteCounters;
}

export async function refreshExposureFindings(graph: Graph, accountId: string, runId: string): Promise<ExposureRefresh> {
  const grants = await graph.read<ReadGrantRow & { principalKind: PrincipalKind }>(READ_GRANTS, { accountId });
  const bucketArns = [...new Set(grants.map((g) => g.bucketArn))];
  const counts =
    bucketArns.length === 0
      ? []
      : await graph.read<{ bucketArn: string; category: ExposedCategory; objects: number }>(SENSITIVE_DATA, {
          bucketArns,
          categories: CATEGORIES,
        });
  const byBucket = new Map<string, BucketSensitiveData>();
  for (const c of counts) {
    const summary = byBucket.get(c.bucketArn) ?? { bucketArn: c.bucketArn, categories: {} };
    summary.categories[c.category] = c.objects;
    byBucket.set(c.bucketArn, summary);
  }
  const findings = computeExposureFindings(grants, [...byBucket.values()]);
  const counters = await graph.writeAll(buildExposureFindingsWrite(accountId, findings, runId, new Date().toISOString()));
  return { findings, counters };
}
