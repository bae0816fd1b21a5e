import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../graph/migrations/catalog.js";
import { checkCatalog, pendingMigrations } from "../../../graph/migrations/migrate.js";

/** The `label | key` pairs of the node table in graph/MODEL.md. */
function modelNodeKeys(): [string, string][] {
  const model = readFileSync(new URL("../../../graph/MODEL.md", import.meta.url), "utf8");
  const table = model.split("## Nodes")[1]!.split("## Relationships")[0]!;
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [, labels, key] = line.split("|");
      return [labels!.match(/`(\w+)`/)![1]!, key!.match(/`(\w+)`/)![1]!];
    });
}

describe("migration catalog", () => {
  it("has a uniqueness constraint for every node key in graph/MODEL.md", () => {
    const constraints = MIGRATIONS.flatMap((m) => m.statements).filter((s) => s.includes("IS UNIQUE"));
    const keys = modelNodeKeys();
    expect(keys.length).toBe(17);
    for (const [label, key] of keys) {
      expect(constraints.some((c) => c.includes(`(n:${label}) REQUIRE n.${key} IS UNIQUE`)), `${label}.${key}`).toBe(true);
    }
  });

  it("uses IF NOT EXISTS everywhere, so a half-applied migration can run again", () => {
    for (const statement of MIGRATIONS.flatMap((m) => m.statements)) expect(statement).toContain(" IF NOT EXISTS ");
  });

  it("pins the schema statements", () => {
    expect(MIGRATIONS.map((m) => [m.version, m.name, ...m.statements])).toMatchInlineSnapshot(`
      [
        [
          1,
          "node key uniqueness constraints",
          "CREATE CONSTRAINT migration_version_unique IF NOT EXISTS FOR (n:Migration) REQUIRE n.version IS UNIQUE",
          "CREATE CONSTRAINT account_account_id_unique IF NOT EXISTS FOR (n:Account) REQUIRE n.accountId IS UNIQUE",
          "CREATE CONSTRAINT bucket_arn_unique IF NOT EXISTS FOR (n:Bucket) REQUIRE n.arn IS UNIQUE",
          "CREATE CONSTRAINT object_arn_unique IF NOT EXISTS FOR (n:Object) REQUIRE n.arn IS UNIQUE",
          "CREATE CONSTRAINT principal_arn_unique IF NOT EXISTS FOR (n:Principal) REQUIRE n.arn IS UNIQUE",
          "CREATE CONSTRAINT policy_policy_id_unique IF NOT EXISTS FOR (n:Policy) REQUIRE n.policyId IS UNIQUE",
          "CREATE CONSTRAINT statement_statement_id_unique IF NOT EXISTS FOR (n:Statement) REQUIRE n.statementId IS UNIQUE",
          "CREATE CONSTRAINT finding_finding_id_unique IF NOT EXISTS FOR (n:Finding) REQUIRE n.findingId IS UNIQUE",
          "CREATE CONSTRAINT detection_detection_id_unique IF NOT EXISTS FOR (n:Detection) REQUIRE n.detectionId IS UNIQUE",
          "CREATE CONSTRAINT fingerprint_value_unique IF NOT EXISTS FOR (n:Fingerprint) REQUIRE n.value IS UNIQUE",
          "CREATE CONSTRAINT audit_run_run_id_unique IF NOT EXISTS FOR (n:AuditRun) REQUIRE n.runId IS UNIQUE",
        ],
        [
          2,
          "lookup indexes",
          "CREATE INDEX bucket_name IF NOT EXISTS FOR (n:Bucket) ON (n.name)",
          "CREATE INDEX bucket_account_id IF NOT EXISTS FOR (n:Bucket) ON (n.accountId)",
          "CREATE INDEX bucket_sensitivity_score IF NOT EXISTS FOR (n:Bucket) ON (n.sensitivityScore)",
          "CREATE INDEX object_bucket IF NOT EXISTS FOR (n:Object) ON (n.bucket)",
          "CREATE INDEX principal_account_id IF NOT EXISTS FOR (n:Principal) ON (n.accountId)",
          "CREATE INDEX policy_kind IF NOT EXISTS FOR (n:Policy) ON (n.kind)",
          "CREATE INDEX finding_type IF NOT EXISTS FOR (n:Finding) ON (n.type)",
          "CREATE INDEX finding_severity IF NOT EXISTS FOR (n:Finding) ON (n.severity)",
          "CREATE INDEX finding_category IF NOT EXISTS FOR (n:Finding) ON (n.category)",
          "CREATE INDEX detection_type IF NOT EXISTS FOR (n:Detection) ON (n.type)",
          "CREATE INDEX audit_run_status IF NOT EXISTS FOR (n:AuditRun) ON (n.status)",
          "CREATE INDEX audit_run_account_id IF NOT EXISTS FOR (n:AuditRun) ON (n.accountId)",
          "CREATE INDEX can_access_account_id IF NOT EXISTS FOR ()-[r:CAN_ACCESS]-() ON (r.accountId)",
          "CREATE INDEX can_assume_account_id IF NOT EXISTS FOR ()-[r:CAN_ASSUME]-() ON (r.accountId)",
        ],
        [
          3,
          "policy ownership indexes",
          "CREATE INDEX policy_account_id IF NOT EXISTS FOR (n:Policy) ON (n.accountId)",
          "CREATE INDEX policy_aws_managed IF NOT EXISTS FOR (n:Policy) ON (n.awsManaged)",
        ],
        [
          4,
          "custom data identifier and allow list keys",
          "CREATE CONSTRAINT custom_data_identifier_id_unique IF NOT EXISTS FOR (n:CustomDataIdentifier) REQUIRE n.id IS UNIQUE",
          "CREATE CONSTRAINT allow_list_id_unique IF NOT EXISTS FOR (n:AllowList) REQUIRE n.id IS UNIQUE",
        ],
        [
          5,
          "effective access digests",
          "CREATE CONSTRAINT access_digest_digest_id_unique IF NOT EXISTS FOR (n:AccessDigest) REQUIRE n.digestId IS UNIQUE",
          "CREATE INDEX access_digest_account_id IF NOT EXISTS FOR (n:AccessDigest) ON (n.accountId)",
        ],
        [
          6,
          "detection category index",
          "CREATE INDEX detection_category IF NOT EXISTS FOR (n:Detection) ON (n.category)",
        ],
        [
          7,
          "KMS key and access point keys",
          "CREATE CONSTRAINT kms_key_arn_unique IF NOT EXISTS FOR (n:KmsKey) REQUIRE n.arn IS UNIQUE",
          "CREATE CONSTRAINT access_point_arn_unique IF NOT EXISTS FOR (n:AccessPoint) REQUIRE n.arn IS UNIQUE",
        ],
        [
          8,
          "sensitive summary keys",
          "CREATE CONSTRAINT sensitive_summary_summary_id_unique IF NOT EXISTS FOR (n:SensitiveSummary) REQUIRE n.summaryId IS UNIQUE",
          "CREATE INDEX sensitive_summary_key IF NOT EXISTS FOR (n:SensitiveSummary) ON (n.key)",
        ],
      ]
    `);
  });

  it("is a gap-free sequence of versions", () => {
    expect(() => checkCatalog(MIGRATIONS)).not.toThrow();
    expect(() => checkCatalog([MIGRATIONS[0]!, { ...MIGRATIONS[1]!, version: 3 }])).toThrow(
      "migration catalog out of order: position 2 holds version 3",
    );
  });

  it("plans only the versions not yet recorded", () => {
    expect(pendingMigrations(MIGRATIONS, [1]).map((m) => m.version)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(pendingMigrations(MIGRATIONS, [1, 2, 3, 4, 5, 6, 7, 8])).toEqual([]);
  });
});
