/**
 * The graph's schema history, oldest first. A migration is applied once and recorded as
 * (:Migration {version, name, appliedAt}); never edit an applied one, append a new version instead.
 * Schema statements use IF NOT EXISTS so that a half-applied migration (a crash between a statement and its record)
 * can simply run again.
 */
export interface Migration {
  version: number;
  name: string;
  /** Each statement runs in its own transaction: Neo4j does not mix schema and data changes in one. */
  statements: string[];
}

/** Uniqueness on every node key in graph/MODEL.md: MERGE on these keys takes the constraint's lock and index. */
const NODE_KEYS: ReadonlyArray<[label: string, key: string]> = [
  ["Migration", "version"],
  ["Account", "accountId"],
  ["Bucket", "arn"],
  ["Object", "arn"],
  ["Principal", "arn"],
  ["Policy", "policyId"],
  ["Statement", "statementId"],
  ["Finding", "findingId"],
  ["Detection", "detectionId"],
  ["Fingerprint", "value"],
  ["AuditRun", "runId"],
];

/** Lookups that the API and the write paths filter on. */
const NODE_INDEXES: ReadonlyArray<[label: string, property: string]> = [
  ["Bucket", "name"],
  ["Bucket", "accountId"],
  ["Bucket", "sensitivityScore"],
  ["Object", "bucket"],
  ["Principal", "accountId"],
  ["Policy", "kind"],
  ["Finding", "type"],
  ["Finding", "severity"],
  ["Finding", "category"],
  ["Detection", "type"],
  ["AuditRun", "status"],
  ["AuditRun", "accountId"],
];

/** Derived edges are replaced per account, found by the account that produced them. */
const RELATIONSHIP_INDEXES: ReadonlyArray<[type: string, property: string]> = [
  ["CAN_ACCESS", "accountId"],
  ["CAN_ASSUME", "accountId"],
];

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "node key uniqueness constraints",
    statements: NODE_KEYS.map(
      ([label, key]) =>
        `CREATE CONSTRAINT ${snake(label)}_${snake(key)}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${key} IS UNIQUE`,
    ),
  },
  {
    version: 2,
    name: "lookup indexes",
    statements: [
      ...NODE_INDEXES.map(
        ([label, property]) =>
          `CREATE INDEX ${snake(label)}_${snake(property)} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
      ),
      ...RELATIONSHIP_INDEXES.map(
        ([type, property]) =>
          `CREATE INDEX ${type.toLowerCase()}_${snake(property)} IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.${property})`,
      ),
    ],
  },
  {
    version: 3,
    name: "policy ownership indexes",
    // An inventory write deletes the account's policies it no longer lists and AWS managed policies nobody attaches.
    statements: [
      "CREATE INDEX policy_account_id IF NOT EXISTS FOR (n:Policy) ON (n.accountId)",
      "CREATE INDEX policy_aws_managed IF NOT EXISTS FOR (n:Policy) ON (n.awsManaged)",
    ],
  },
  {
    version: 4,
    name: "custom data identifier and allow list keys",
    statements: [
      "CREATE CONSTRAINT custom_data_identifier_id_unique IF NOT EXISTS FOR (n:CustomDataIdentifier) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT allow_list_id_unique IF NOT EXISTS FOR (n:AllowList) REQUIRE n.id IS UNIQUE",
    ],
  },
  {
    version: 5,
    name: "effective access digests",
    // writeEffectiveAccess reads an account's digests at once and replaces them by key.
    statements: [
      "CREATE CONSTRAINT access_digest_digest_id_unique IF NOT EXISTS FOR (n:AccessDigest) REQUIRE n.digestId IS UNIQUE",
      "CREATE INDEX access_digest_account_id IF NOT EXISTS FOR (n:AccessDigest) ON (n.accountId)",
    ],
  },
  {
    version: 6,
    name: "detection category index",
    // sensitiveDataReach and the findings filters start from the detections of one category.
    statements: ["CREATE INDEX detection_category IF NOT EXISTS FOR (n:Detection) ON (n.category)"],
  },
  {
    version: 7,
    name: "KMS key and access point keys",
    // The inventory write MERGEs both on their ARN; without the constraint each MERGE scans the label.
    statements: [
      "CREATE CONSTRAINT kms_key_arn_unique IF NOT EXISTS FOR (n:KmsKey) REQUIRE n.arn IS UNIQUE",
      "CREATE CONSTRAINT access_point_arn_unique IF NOT EXISTS FOR (n:AccessPoint) REQUIRE n.arn IS UNIQUE",
    ],
  },
  {
    version: 8,
    name: "sensitive summary keys",
    // sensitiveDataReach finds the buckets holding a kind of sensitive data by the summary's filter key.
    statements: [
      "CREATE CONSTRAINT sensitive_summary_summary_id_unique IF NOT EXISTS FOR (n:SensitiveSummary) REQUIRE n.summaryId IS UNIQUE",
      "CREATE INDEX sensitive_summary_key IF NOT EXISTS FOR (n:SensitiveSummary) ON (n.key)",
    ],
  },
];
