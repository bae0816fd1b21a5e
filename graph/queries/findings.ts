/**
 * Findings as Macie reports them: sensitive-data findings (category CLASSIFICATION) hang off objects, one per object
 * with a Detection per identifier type; posture findings (category POLICY) hang off buckets. Both are read through
 * `(r)-[:HAS_FINDING]->(f:Finding)` where r is the affected resource.
 */
import { pagedQuery, runPage, type Page, type PageRequest } from "./pagination.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { SEVERITY_RANK, severityRankExpression, type SeverityName } from "./values.js";

export interface FindingFilter {
  /** Finding type, e.g. `SensitiveData:S3Object/Financial` or `Policy:IAMUser/S3BucketPublic`. */
  type?: string | null;
  /** Sensitive-data category (PERSONAL, FINANCIAL...): findings with a detection of that category. */
  category?: string | null;
  /** Identifier type, e.g. CREDIT_CARD_NUMBER: findings with a detection of that type. */
  identifierType?: string | null;
  severity?: SeverityName | null;
  minSeverity?: SeverityName | null;
  bucket?: string | null;
}

export interface DetectionRow {
  type: string;
  category: string | null;
  count: number | null;
  distinctValues: number | null;
  severity: string | null;
}

export interface FindingRow {
  findingId: string;
  type: string;
  severity: string | null;
  category: string | null;
  count: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  auditRunId: string | null;
  resourceArn: string;
  bucket: string | null;
  objectKey: string | null;
  /** Why a posture or exposure finding was raised, as stored (JSON text); null for sensitive-data findings. */
  detailJson: string | null;
  detections: DetectionRow[];
}

/** Projects `f` found on resource `r`; the bucket is the object's bucket, or the bucket itself for posture findings. */
export const FINDING_PROJECTION =
  "f { .findingId, .type, severity: toUpper(f.severity), .category, .count, createdAt: toString(f.createdAt), " +
  "updatedAt: toString(f.updatedAt), .auditRunId, resourceArn: r.arn, " +
  "bucket: CASE WHEN r:Object THEN r.bucket ELSE r.name END, objectKey: CASE WHEN r:Object THEN r.key END, " +
  ".detailJson, detections: [(f)-[:HAS_DETECTION]->(d:Detection) | d { .type, .category, .count, .distinctValues, " +
  "severity: toUpper(d.severity) }] }";

export function findingsQuery(filter: FindingFilter, page: PageRequest): CypherQuery {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  let match = "MATCH (r)-[:HAS_FINDING]->(f:Finding)";
  if (filter.bucket) {
    // Anchored on the indexed Object.bucket and Bucket.name, so that one bucket's findings never scan all findings.
    match = [
      "CALL {",
      "  MATCH (r:Object {bucket: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f",
      "  UNION",
      "  MATCH (r:Bucket {name: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f",
      "}",
      "WITH r, f",
    ].join("\n");
    params.bucket = filter.bucket;
  } else {
    conditions.push("(r:Object OR r:Bucket)");
  }
  if (filter.type) {
    conditions.push("f.type = $type");
    params.type = filter.type;
  }
  if (filter.category) {
    conditions.push("EXISTS { (f)-[:HAS_DETECTION]->(:Detection {category: $category}) }");
    params.category = filter.category;
  }
  if (filter.identifierType) {
    conditions.push("EXISTS { (f)-[:HAS_DETECTION]->(:Detection {type: $identifierType}) }");
    params.identifierType = filter.identifierType;
  }
  if (filter.severity) {
    conditions.push("toUpper(f.severity) = $severity");
    params.severity = filter.severity;
  }
  if (filter.minSeverity) {
    conditions.push(`${severityRankExpression("f.severity")} >= $minSeverityRank`);
    params.minSeverityRank = SEVERITY_RANK[filter.minSeverity];
  }
  return pagedQuery({
    match,
    conditions,
    orderKey: "f.findingId",
    carry: "r, f",
    projection: FINDING_PROJECTION,
    params,
    page,
  });
}

export function runFindings(reader: GraphReader, filter: FindingFilter, page: PageRequest): Promise<Page<FindingRow>> {
  return runPage<FindingRow, FindingRow>(reader, findingsQuery(filter, page), (f) => f.findingId, (f) => f);
}
