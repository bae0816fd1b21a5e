/**
 * "Who can read data that contains X?": principals with READ access (directly or through role chains) to buckets
 * holding objects whose sensitive-data findings match a category or identifier type, ranked by exposure so that the
 * public and other accounts come first.
 */
import type { CypherQuery, GraphReader } from "./reader.js";
import {
  ACCESS_PATH_COLUMNS,
  DEFAULT_PATH_LIMIT,
  SAME_LENGTH_PATH_ORDER,
  assumeChainOfLength,
  readShortestFirst,
  toAccessPath,
  type AccessPath,
  type AccessPathRow,
} from "./access-paths.js";
import { SEVERITY_RANK, severityRankExpression, type SeverityName } from "./values.js";

export interface SensitiveDataReachArgs {
  /** Detection category: CREDENTIALS, FINANCIAL, PERSONAL, CUSTOM_IDENTIFIER. */
  category?: string | null;
  /** Managed or custom identifier type, e.g. CREDIT_CARD_NUMBER. */
  type?: string | null;
  /** Severity of the detection (the identifier's own severity for the count found). */
  minSeverity?: SeverityName | null;
  maxHops: number;
  limit?: number;
}

export type Exposure = "PUBLIC" | "EXTERNAL_ACCOUNT" | "INTERNAL";
const EXPOSURE_RANK: Record<Exposure, number> = { PUBLIC: 0, EXTERNAL_ACCOUNT: 1, INTERNAL: 2 };

export interface SensitiveCounts {
  findingCount: number;
  objectCount: number;
  /** Occurrences of sensitive values in the matching detections. */
  occurrences: number;
}

export interface ReachedBucket extends SensitiveCounts {
  bucket: { arn: string; name: string; accountId: string | null };
  accessPaths: AccessPath[];
}

export interface ReachEntry extends SensitiveCounts {
  principal: AccessPath["principal"];
  exposure: Exposure;
  buckets: ReachedBucket[];
}

/** READ paths through exactly `hops` role assumptions (all of `args.maxHops` unless given), at most `limit`. */
export function sensitiveDataReachQuery(
  args: SensitiveDataReachArgs,
  hops = args.maxHops,
  limit = args.limit ?? DEFAULT_PATH_LIMIT,
): CypherQuery {
  const conditions: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (args.type) {
    conditions.push("d.type = $type");
    params.type = args.type;
  }
  if (args.category) {
    conditions.push("d.category = $category");
    params.category = args.category;
  }
  if (args.minSeverity) {
    conditions.push(`${severityRankExpression("d.severity")} >= $minSeverityRank`);
    params.minSeverityRank = SEVERITY_RANK[args.minSeverity];
  }
  const lines = ["MATCH (b:Bucket)-[:CONTAINS]->(o:Object)-[:HAS_FINDING]->(f:Finding)-[:HAS_DETECTION]->(d:Detection)"];
  if (conditions.length > 0) lines.push(`WHERE ${conditions.join(" AND ")}`);
  lines.push(
    "WITH b, count(DISTINCT f) AS findingCount, count(DISTINCT o) AS objectCount, sum(coalesce(d.count, 0)) AS occurrences",
    "MATCH (b)<-[g:CAN_ACCESS]-(grantee:Principal)",
    "WHERE g.level = 'READ'",
    assumeChainOfLength(hops),
    `WITH p, b, g, route, findingCount, objectCount, occurrences ORDER BY ${SAME_LENGTH_PATH_ORDER}`,
    "LIMIT toInteger($limit)",
    `RETURN ${ACCESS_PATH_COLUMNS},\n  findingCount, objectCount, occurrences`,
  );
  return { cypher: lines.join("\n"), params };
}

type ReachRow = AccessPathRow & SensitiveCounts;

export function exposureOf(
  principal: { kind: string | null; accountId: string | null },
  bucketAccountId: string | null,
): Exposure {
  if (principal.kind === "Public" || principal.kind === "AuthenticatedUsers") return "PUBLIC";
  if (principal.kind === "ExternalAccount") return "EXTERNAL_ACCOUNT";
  if (principal.accountId && bucketAccountId && principal.accountId !== bucketAccountId) return "EXTERNAL_ACCOUNT";
  return "INTERNAL";
}

/** Groups path rows by principal, then bucket; totals count each bucket once however many paths reach it. */
export function rankReach(rows: readonly ReachRow[]): ReachEntry[] {
  const entries = new Map<string, ReachEntry>();
  for (const row of rows) {
    const path = toAccessPath(row);
    let entry = entries.get(row.principal.arn);
    if (entry === undefined) {
      const empty = { findingCount: 0, objectCount: 0, occurrences: 0 };
      entry = { principal: row.principal, exposure: "INTERNAL", ...empty, buckets: [] };
      entries.set(row.principal.arn, entry);
    }
    const exposure = exposureOf(row.principal, row.bucket.accountId);
    if (EXPOSURE_RANK[exposure] < EXPOSURE_RANK[entry.exposure]) entry.exposure = exposure;
    let bucket = entry.buckets.find((b) => b.bucket.arn === row.bucket.arn);
    if (bucket === undefined) {
      bucket = {
        bucket: row.bucket,
        findingCount: row.findingCount,
        objectCount: row.objectCount,
        occurrences: row.occurrences,
        accessPaths: [],
      };
      entry.buckets.push(bucket);
      entry.findingCount += row.findingCount;
      entry.objectCount += row.objectCount;
      entry.occurrences += row.occurrences;
    }
    bucket.accessPaths.push(path);
  }
  const ranked = [...entries.values()];
  for (const e of ranked) {
    e.buckets.sort((a, b) => b.findingCount - a.findingCount || a.bucket.name.localeCompare(b.bucket.name));
  }
  return ranked.sort(
    (a, b) =>
      EXPOSURE_RANK[a.exposure] - EXPOSURE_RANK[b.exposure] ||
      b.findingCount - a.findingCount ||
      b.occurrences - a.occurrences ||
      a.principal.arn.localeCompare(b.principal.arn),
  );
}

export async function runSensitiveDataReach(reader: GraphReader, args: SensitiveDataReachArgs): Promise<ReachEntry[]> {
  const rows = await readShortestFirst<ReachRow>(reader, args.maxHops, args.limit ?? DEFAULT_PATH_LIMIT, (hops, remaining) =>
    sensitiveDataReachQuery(args, hops, remaining),
  );
  return rankReach(rows);
}
