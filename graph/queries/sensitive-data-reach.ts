/**
 * "Who can read data that contains X?": principals with READ access (directly or through role chains) to buckets
 * holding objects whose sensitive-data findings match a category or identifier type, ranked by exposure so that the
 * public and other accounts come first.
 *
 * The answer is the first `limit` paths in ACCESS_PATH_ORDER. Two plans give them, chosen per question from the
 * matching buckets' READ in-degree (read from Neo4j's degree store, no edge is touched):
 * - bucket first (`sensitiveDataReachQuery`): expand every READ grant into the matching buckets, sort, cut. Its cost
 *   grows with those grants: cheap for a rare identifier, seconds for PERSONAL data on an organisation's graph.
 * - principal first (`reachByPrincipalQuery`): walk principals in ARN order on the Principal(arn) index and expand
 *   each one's READ grants (after its role chain) until `limit` rows are found; the sort is then only partial. Its
 *   cost is about limit x (all CAN_ACCESS edges) / (READ grants into the matching buckets).
 */
import type { CypherQuery, GraphReader } from "./reader.js";
import {
  DEFAULT_PATH_LIMIT,
  SAME_LENGTH_PATH_ORDER,
  assumeChainOfLength,
  readAllLengths,
  readShortestFirst,
  toAccessPath,
  type AccessPath,
  type AccessPathRow,
} from "./access-paths.js";
import { plain, type SeverityName } from "./values.js";

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

/**
 * The bucket-first plan: READ paths through exactly `hops` role assumptions (all of `args.maxHops` unless given) into
 * the buckets with matching detections, at most `limit`.
 */
export function sensitiveDataReachQuery(
  args: SensitiveDataReachArgs,
  hops = args.maxHops,
  limit = args.limit ?? DEFAULT_PATH_LIMIT,
): CypherQuery {
  const params: Record<string, unknown> = { key: sensitiveSummaryKey(args), limit };
  const lines = [
    SUMMARY_MATCH,
    "WITH b, s.findingCount AS findingCount, s.objectCount AS objectCount, s.occurrences AS occurrences",
    "MATCH (b)<-[g:CAN_ACCESS]-(grantee:Principal)",
    "WHERE g.level = 'READ'",
    assumeChainOfLength(hops),
    `WITH p, b, g, route, findingCount, objectCount, occurrences ORDER BY ${SAME_LENGTH_PATH_ORDER}`,
    "LIMIT toInteger($limit)",
    `RETURN ${REACH_PATH_COLUMNS},\n  findingCount, objectCount, occurrences`,
  ];
  return { cypher: lines.join("\n"), params };
}

type ReachRow = AccessPathRow & SensitiveCounts;

/**
 * ACCESS_PATH_COLUMNS as lists of property values in a fixed order: an answer is ~1,000 rows, and a map repeats its
 * keys in every row, which the driver decodes one string at a time. `chain` leaves out the principal it starts at.
 */
const REACH_PATH_COLUMNS = [
  "[p.arn, p.kind, p.name, p.accountId] AS principal",
  "[b.arn, b.name, b.accountId] AS bucket",
  "[g.level, g.actions, g.conditional, g.conditionsJson, g.deniedWhenJson, g.viaJson] AS grant",
  "[n IN tail(nodes(route)) | [n.arn, n.kind, n.name]] AS chain",
  "[r IN relationships(route) | [r.conditional, r.conditionsJson, r.viaJson]] AS assumes",
].join(",\n  ");

type Text = string | null;

/** One row of REACH_PATH_COLUMNS. */
export interface ReachPathColumns {
  principal: [string, Text, Text, Text];
  bucket: [string, string, Text];
  grant: [string, string[] | null, boolean | null, Text, Text, Text];
  chain: [string, Text, Text][];
  assumes: [boolean | null, Text, Text][];
}

/** The AccessPathRow that ACCESS_PATH_COLUMNS would have returned for the same path, with its bucket's counts. */
export function reachRowOf(row: ReachPathColumns, counts: SensitiveCounts): ReachRow {
  const [arn, kind, name, accountId] = row.principal;
  const [level, actions, conditional, conditionsJson, deniedWhenJson, viaJson] = row.grant;
  const chain: AccessPathRow["chain"] = [{ arn, kind, name }];
  for (const [nodeArn, nodeKind, nodeName] of row.chain) chain.push({ arn: nodeArn, kind: nodeKind, name: nodeName });
  return {
    principal: { arn, kind, name, accountId },
    bucket: { arn: row.bucket[0], name: row.bucket[1], accountId: row.bucket[2] },
    grant: { level, actions, conditional, conditionsJson, deniedWhenJson, viaJson },
    chain,
    assumes: row.assumes.map(([edgeConditional, edgeConditions, edgeVia]) => ({
      conditional: edgeConditional,
      conditionsJson: edgeConditions,
      viaJson: edgeVia,
    })),
    findingCount: counts.findingCount,
    objectCount: counts.objectCount,
    occurrences: counts.occurrences,
  };
}

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
  // Per principal, its buckets by ARN: a principal of an organisation graph reaches hundreds of them.
  const bucketsOf = new Map<ReachEntry, Map<string, ReachedBucket>>();
  for (const row of rows) {
    const path = toAccessPath(row);
    let entry = entries.get(row.principal.arn);
    if (entry === undefined) {
      const empty = { findingCount: 0, objectCount: 0, occurrences: 0 };
      entry = { principal: row.principal, exposure: "INTERNAL", ...empty, buckets: [] };
      entries.set(row.principal.arn, entry);
      bucketsOf.set(entry, new Map());
    }
    const exposure = exposureOf(row.principal, row.bucket.accountId);
    if (EXPOSURE_RANK[exposure] < EXPOSURE_RANK[entry.exposure]) entry.exposure = exposure;
    const reached = bucketsOf.get(entry)!;
    let bucket = reached.get(row.bucket.arn);
    if (bucket === undefined) {
      bucket = {
        bucket: row.bucket,
        findingCount: row.findingCount,
        objectCount: row.objectCount,
        occurrences: row.occurrences,
        accessPaths: [],
      };
      entry.buckets.push(bucket);
      reached.set(row.bucket.arn, bucket);
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

/**
 * The key of the (:SensitiveSummary) that holds a bucket's counts for this filter (graph/writes/bucket-stats.ts writes
 * one per combination its detections match): `<category>|<type>|<minSeverity>`, `*` where the filter is not set.
 */
export function sensitiveSummaryKey(args: Pick<SensitiveDataReachArgs, "category" | "type" | "minSeverity">): string {
  return `${args.category || "*"}|${args.type || "*"}|${args.minSeverity || "*"}`;
}

const SUMMARY_MATCH = "MATCH (s:SensitiveSummary {key: $key})<-[:HAS_SENSITIVE_SUMMARY]-(b:Bucket)";

/**
 * The buckets holding matching detections, with the counts the answer reports and the number of edges coming into
 * each (`grantDegree`, all levels: the degree store keeps no property). `allGrants` counts every CAN_ACCESS edge.
 */
export function sensitiveBucketsQuery(args: SensitiveDataReachArgs): CypherQuery {
  return {
    cypher: [
      SUMMARY_MATCH,
      "RETURN b.arn AS arn, s.findingCount AS findingCount, s.objectCount AS objectCount, s.occurrences AS occurrences,",
      "  COUNT { (b)<-[:CAN_ACCESS]-() } AS grantDegree, COUNT { ()-[:CAN_ACCESS]->() } AS allGrants",
    ].join("\n"),
    params: { key: sensitiveSummaryKey(args) },
  };
}

/**
 * READ paths through exactly `hops` role assumptions into the buckets `$arns`, principals taken in ARN order from the
 * Principal(arn) index (the hint keeps the planner from starting at the buckets), so that the sort on the remaining
 * keys stops once `limit` rows are found.
 */
export function reachByPrincipalQuery(arns: readonly string[], hops: number, limit: number): CypherQuery {
  return {
    cypher: [
      "MATCH (p:Principal) USING INDEX p:Principal(arn)",
      "WHERE p.arn IS NOT NULL",
      assumeChainOfLength(hops, "(p)", "(grantee:Principal)"),
      "MATCH (grantee)-[g:CAN_ACCESS]->(b:Bucket)",
      "WHERE g.level = 'READ' AND b.arn IN $arns",
      `WITH p, b, g, route ORDER BY ${SAME_LENGTH_PATH_ORDER}`,
      "LIMIT toInteger($limit)",
      `RETURN ${REACH_PATH_COLUMNS}`,
    ].join("\n"),
    params: { arns: [...arns], limit },
  };
}

interface SensitiveBucket extends SensitiveCounts {
  arn: string;
  grantDegree: number;
  allGrants: number;
}

/** True when walking principals in order should touch fewer edges than expanding every grant into the buckets. */
export function principalFirstIsCheaper(buckets: readonly SensitiveBucket[], limit: number): boolean {
  const grantsIn = buckets.reduce((total, b) => total + b.grantDegree, 0);
  const allGrants = buckets[0]?.allGrants ?? 0;
  return grantsIn > 0 && (limit * allGrants) / grantsIn < grantsIn;
}

export async function runSensitiveDataReach(reader: GraphReader, args: SensitiveDataReachArgs): Promise<ReachEntry[]> {
  const limit = args.limit ?? DEFAULT_PATH_LIMIT;
  const found = sensitiveBucketsQuery(args);
  const buckets = (await reader.read<Record<string, unknown>>(found.cypher, found.params)).map((r) => plain(r) as SensitiveBucket);
  if (buckets.length === 0) return [];
  if (!principalFirstIsCheaper(buckets, limit)) {
    const rows = await readShortestFirst<ReachPathColumns & SensitiveCounts>(reader, args.maxHops, limit, (hops, remaining) =>
      sensitiveDataReachQuery(args, hops, remaining),
    );
    return rankReach(rows.map((row) => reachRowOf(row, row)));
  }
  const counts = new Map(buckets.map((b) => [b.arn, b]));
  const arns = [...counts.keys()];
  const paths = await readAllLengths<ReachPathColumns>(reader, args.maxHops, (hops) => reachByPrincipalQuery(arns, hops, limit));
  return rankReach(paths.map((row) => reachRowOf(row, counts.get(row.bucket[0])!)));
}
