/** Bucket inventory reads: the filtered list, one bucket by name, and per-bucket summaries batched by ARN. */
import { NotFoundError } from "../../services/errors.js";
import { pagedQuery, runPage, type Page, type PageRequest } from "./pagination.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { FINDING_PROJECTION, type FindingRow } from "./findings.js";
import { plain, severityRankExpression } from "./values.js";

export type EffectivePublicAccess = "PUBLIC" | "NOT_PUBLIC" | "UNKNOWN";

export interface BucketFilter {
  /** Case-insensitive substring of the bucket name. */
  nameContains?: string | null;
  effectivePublicAccess?: EffectivePublicAccess | null;
  /** Default encryption type as S3 names it: NONE, AES256, aws:kms, aws:kms:dsse. */
  encryptionType?: string | null;
  /** Buckets whose sensitivity score is at least this (Macie's 1-100 scale). */
  minSensitivityScore?: number | null;
  /** true: only buckets with at least one sensitive-data finding on an object; false: only buckets without any. */
  hasSensitiveFindings?: boolean | null;
}

export interface BucketRow {
  arn: string;
  name: string;
  accountId: string | null;
  region: string | null;
  createdAt: string | null;
  versioning: string | null;
  encryptionType: string | null;
  kmsKeyArn: string | null;
  ownership: string | null;
  effectivePublicAccess: string | null;
  sharedAccess: string | null;
  sensitivityScore: number | null;
  objectCount: number | null;
  sizeInBytes: number | null;
  bpaBlockPublicAcls: boolean | null;
  bpaIgnorePublicAcls: boolean | null;
  bpaBlockPublicPolicy: boolean | null;
  bpaRestrictPublicBuckets: boolean | null;
  websiteEnabled: boolean | null;
  errorCode: string | null;
  lastAuditRunId: string | null;
}

export const BUCKET_PROJECTION =
  "b { .arn, .name, .accountId, .region, createdAt: toString(b.createdAt), .versioning, .encryptionType, " +
  ".kmsKeyArn, .ownership, .effectivePublicAccess, .sharedAccess, .sensitivityScore, .objectCount, .sizeInBytes, " +
  ".bpaBlockPublicAcls, .bpaIgnorePublicAcls, .bpaBlockPublicPolicy, .bpaRestrictPublicBuckets, .websiteEnabled, " +
  ".errorCode, .lastAuditRunId }";

const HAS_SENSITIVE_FINDING = "EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }";

export function bucketsQuery(filter: BucketFilter, page: PageRequest): CypherQuery {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.nameContains) {
    conditions.push("toLower(b.name) CONTAINS toLower($nameContains)");
    params.nameContains = filter.nameContains;
  }
  if (filter.effectivePublicAccess) {
    conditions.push("b.effectivePublicAccess = $effectivePublicAccess");
    params.effectivePublicAccess = filter.effectivePublicAccess;
  }
  if (filter.encryptionType) {
    conditions.push("b.encryptionType = $encryptionType");
    params.encryptionType = filter.encryptionType;
  }
  if (filter.minSensitivityScore !== undefined && filter.minSensitivityScore !== null) {
    conditions.push("b.sensitivityScore >= $minSensitivityScore");
    params.minSensitivityScore = filter.minSensitivityScore;
  }
  if (filter.hasSensitiveFindings === true) conditions.push(HAS_SENSITIVE_FINDING);
  if (filter.hasSensitiveFindings === false) conditions.push(`NOT ${HAS_SENSITIVE_FINDING}`);
  return pagedQuery({
    // Buckets of audited accounts; replication destinations in other accounts are stubs, not inventory.
    match: "MATCH (:Account)-[:OWNS]->(b:Bucket)",
    conditions,
    orderKey: "b.name",
    carry: "b",
    projection: BUCKET_PROJECTION,
    params,
    page,
  });
}

export function runBuckets(reader: GraphReader, filter: BucketFilter, page: PageRequest): Promise<Page<BucketRow>> {
  return runPage<BucketRow, BucketRow>(reader, bucketsQuery(filter, page), (b) => b.name, (b) => b);
}

export function bucketByNameQuery(name: string): CypherQuery {
  return { cypher: `MATCH (b:Bucket {name: $name})\nRETURN ${BUCKET_PROJECTION} AS bucket`, params: { name } };
}

export async function runBucketByName(reader: GraphReader, name: string): Promise<BucketRow> {
  const q = bucketByNameQuery(name);
  const rows = await reader.read<{ bucket: unknown }>(q.cypher, q.params);
  if (rows.length === 0) throw new NotFoundError("Bucket", name);
  return plain(rows[0]!.bucket) as BucketRow;
}

/** What the objects of a bucket look like as of the last audit. */
export interface ObjectsSummary {
  bucketArn: string;
  objectCount: number;
  totalSizeInBytes: number;
  classified: number;
  unclassifiable: number;
  withSensitiveFindings: number;
}

export function bucketObjectSummariesQuery(bucketArns: readonly string[]): CypherQuery {
  return {
    cypher: [
      "UNWIND $bucketArns AS bucketArn",
      "OPTIONAL MATCH (:Bucket {arn: bucketArn})-[:CONTAINS]->(o:Object)",
      "RETURN bucketArn, count(o) AS objectCount, coalesce(sum(o.size), 0) AS totalSizeInBytes,",
      "  count(o.classifiedEtag) AS classified, count(o.unclassifiableReason) AS unclassifiable,",
      "  count(CASE WHEN EXISTS { (o)-[:HAS_FINDING]->(:Finding) } THEN o END) AS withSensitiveFindings",
    ].join("\n"),
    params: { bucketArns: [...bucketArns] },
  };
}

/** One summary per ARN, in the order asked (what DataLoader expects). */
export async function runBucketObjectSummaries(
  reader: GraphReader,
  bucketArns: readonly string[],
): Promise<ObjectsSummary[]> {
  const q = bucketObjectSummariesQuery(bucketArns);
  const rows = (await reader.read<Record<string, unknown>>(q.cypher, q.params)).map((r) => plain(r) as ObjectsSummary);
  const byArn = new Map(rows.map((r) => [r.bucketArn, r]));
  return bucketArns.map(
    (arn) =>
      byArn.get(arn) ?? {
        bucketArn: arn,
        objectCount: 0,
        totalSizeInBytes: 0,
        classified: 0,
        unclassifiable: 0,
        withSensitiveFindings: 0,
      },
  );
}

/** Posture findings on the bucket and sensitive-data findings on its objects, most severe first, capped per bucket. */
export function bucketFindingsQuery(bucketArns: readonly string[], perBucketLimit: number): CypherQuery {
  return {
    cypher: [
      "UNWIND $bucketArns AS bucketArn",
      "MATCH (b:Bucket {arn: bucketArn})",
      "CALL (b) {",
      "  MATCH (b)-[:HAS_FINDING]->(f:Finding)",
      "  RETURN b AS r, f",
      "  UNION",
      "  MATCH (b)-[:CONTAINS]->(r:Object)-[:HAS_FINDING]->(f:Finding)",
      "  RETURN r, f",
      "}",
      `WITH bucketArn, r, f ORDER BY ${severityRankExpression("f.severity")} DESC, f.findingId ASC`,
      `RETURN bucketArn, collect(${FINDING_PROJECTION})[0..toInteger($perBucketLimit)] AS findings`,
    ].join("\n"),
    params: { bucketArns: [...bucketArns], perBucketLimit },
  };
}

export async function runBucketFindings(
  reader: GraphReader,
  bucketArns: readonly string[],
  perBucketLimit: number,
): Promise<FindingRow[][]> {
  const q = bucketFindingsQuery(bucketArns, perBucketLimit);
  const rows = (await reader.read<Record<string, unknown>>(q.cypher, q.params)).map(
    (r) => plain(r) as { bucketArn: string; findings: FindingRow[] },
  );
  const byArn = new Map(rows.map((r) => [r.bucketArn, r.findings]));
  return bucketArns.map((arn) => byArn.get(arn) ?? []);
}
