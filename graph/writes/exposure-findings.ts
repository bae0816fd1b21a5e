/**
 * Sightline's exposure findings (services/findings/exposure-findings.ts) stored on their buckets like posture
 * findings: `(Bucket)-[:HAS_FINDING]->(Finding)`, keyed `<bucketArn>#<type>`, with `detailJson`, `count` (runs that
 * raised it), `createdAt`, `updatedAt` and `auditRunId`. Their category is EXPOSURE, not Macie's POLICY, because
 * writePostureFindings reconciles every POLICY finding of the account against its own list and would delete these.
 *
 * refreshExposureFindings reads its inputs from what the audit already stored: the READ paths into the account's
 * buckets that hold sensitive data (a CAN_ACCESS edge at level READ, reached directly or through up to
 * DEFAULT_MAX_HOPS CAN_ASSUME edges, as whoCanAccess follows them), and Detection categories per bucket. A path counts
 * when the principal at its start is outside the account, by the rule sensitiveDataReach uses (exposureOf): the public
 * and any signed-in user, or a principal of another account whatever its kind. So it runs once the buckets are
 * classified. Re-running it for the same run with unchanged inputs writes nothing.
 */
import type { PrincipalKind } from "../../services/access/effective-access.js";
import {
  computeExposureFindings,
  type BucketSensitiveData,
  type ExposedCategory,
  type ExposedPrincipal,
  type ExposureFinding,
  type ReadGrantRow,
} from "../../services/findings/exposure-findings.js";
import { type CypherQuery, cypher } from "../cypher.js";
import type { Graph, WriteCounters } from "../driver.js";
import { canonicalJson } from "../json.js";
import { DEFAULT_MAX_HOPS, assumeChainMatch } from "../queries/access-paths.js";
import { exposureOf } from "../queries/sensitive-data-reach.js";
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

/**
 * READ paths into the account's buckets that hold data of `$categories`, from principals that may be outside the
 * account (the rows are classified by exposureOf; this filter only keeps the account's own principals out). `via` is
 * the roles assumed, in order, before the READ grant: empty for the principal's own grant. A path is conditional when
 * its grant or any assumption on the way is, as whoCanAccess reports it.
 */
export function readPathsQuery(accountId: string, categories: readonly ExposedCategory[], maxHops = DEFAULT_MAX_HOPS): CypherQuery {
  return {
    cypher: [
      "MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)<-[g:CAN_ACCESS {level: 'READ'}]-(grantee:Principal)",
      "WHERE EXISTS {",
      "  MATCH (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)",
      "  WHERE d.category IN $categories",
      "}",
      assumeChainMatch(maxHops, "(p:Principal)", "(grantee)"),
      "WITH b, g, p, route",
      "WHERE p.kind IN ['Public', 'AuthenticatedUsers', 'ExternalAccount'] OR p.accountId <> $accountId",
      "RETURN b.arn AS bucketArn, p.arn AS principalArn, p.kind AS principalKind, p.accountId AS principalAccountId,",
      "  [n IN nodes(route)[1..] | n.arn] AS via,",
      "  coalesce(g.conditional, false) OR any(r IN relationships(route) WHERE coalesce(r.conditional, false)) AS conditional",
      "ORDER BY bucketArn, principalArn, size(via), via",
    ].join("\n"),
    params: { accountId, categories: [...categories] },
  };
}

/** One READ path into a bucket, as readPathsQuery returns it. */
export interface ReadPathRow {
  bucketArn: string;
  principalArn: string;
  principalKind: PrincipalKind;
  principalAccountId: string | null;
  /** Roles assumed, in order, before the READ grant; empty when the principal's own grant reads. */
  via: string[];
  conditional: boolean;
}

/** A reader named by a finding: its kind as the graph has it, and every way it reads. */
export interface ExposedReader extends ExposedPrincipal {
  /** Each way the principal reads the bucket: the roles it assumes in order, `[]` for its own grant. Shortest first. */
  viaRoleChains: string[][];
}

export type ReaderExposureFinding = Omit<ExposureFinding, "detail"> & {
  detail: Omit<ExposureFinding["detail"], "principals"> & { principals: ExposedReader[] };
};

/** Code-unit order, independent of locale, so that the stored detail is stable across machines. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareChains(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const order = compare(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Pure: the exposure findings of the account `accountId` from its READ paths. Each path's audience is decided by
 * account (exposureOf: Public and AuthenticatedUsers are the public, any principal of another account is an external
 * account; the account's own principals are dropped); the readers named then get their role chains.
 */
export function exposureFindingsFromPaths(
  accountId: string,
  paths: readonly ReadPathRow[],
  sensitiveData: readonly BucketSensitiveData[],
): ReaderExposureFinding[] {
  const grants: ReadGrantRow[] = [];
  const chainsByReader = new Map<string, string[][]>();
  for (const path of paths) {
    const exposure = exposureOf({ kind: path.principalKind, accountId: path.principalAccountId }, accountId);
    if (exposure === "INTERNAL") continue;
    grants.push({
      bucketArn: path.bucketArn,
      principalArn: path.principalArn,
      principalKind: path.principalKind,
      level: "READ",
      conditional: path.conditional,
      audience: exposure === "PUBLIC" ? "Public" : "ExternalAccount",
    });
    const key = `${path.bucketArn} ${path.principalArn}`;
    const chains = chainsByReader.get(key) ?? [];
    if (!chains.some((c) => compareChains(c, path.via) === 0)) chains.push([...path.via]);
    chainsByReader.set(key, chains);
  }
  return computeExposureFindings(grants, sensitiveData).map((finding) => ({
    ...finding,
    detail: {
      ...finding.detail,
      principals: finding.detail.principals.map((p) => ({
        ...p,
        viaRoleChains: [...chainsByReader.get(`${finding.bucketArn} ${p.arn}`)!].sort(compareChains),
      })),
    },
  }));
}

/** Objects per category in the given buckets, counted from their sensitive-data findings' detections. */
const SENSITIVE_DATA = cypher`
  MATCH (b:Bucket)-[:CONTAINS]->(o:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)
  WHERE b.arn IN $bucketArns AND d.category IN $categories
  RETURN b.arn AS bucketArn, d.category AS category, count(DISTINCT o) AS objects
  ORDER BY bucketArn, category`;

const CATEGORIES: readonly ExposedCategory[] = ["PERSONAL", "FINANCIAL", "CREDENTIALS"];

export interface ExposureRefresh {
  findings: ReaderExposureFinding[];
  counters: WriteCounters;
}

export async function refreshExposureFindings(graph: Graph, accountId: string, runId: string): Promise<ExposureRefresh> {
  const query = readPathsQuery(accountId, CATEGORIES);
  const paths = await graph.read<ReadPathRow>(query.cypher, query.params);
  const bucketArns = [...new Set(paths.map((p) => p.bucketArn))];
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
  const findings = exposureFindingsFromPaths(accountId, paths, [...byBucket.values()]);
  const counters = await graph.writeAll(buildExposureFindingsWrite(accountId, findings, runId, new Date().toISOString()));
  return { findings, counters };
}
