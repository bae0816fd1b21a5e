import { describe, expect, it } from "vitest";
import {
  arnAccountId,
  buildInventoryWrite,
  bucketErrorCode,
  inventoryPolicies,
} from "../../../graph/writes/inventory.js";
import { fixtureInventory } from "./fixtures/inventory.js";

const inventory = fixtureInventory();
const queries = buildInventoryWrite(inventory, "run-1");

function paramsOf(fragment: string): Record<string, unknown> {
  const query = queries.find((q) => q.cypher.includes(fragment));
  if (query === undefined) throw new Error(`no statement contains ${fragment}`);
  return query.params;
}

describe("buildInventoryWrite", () => {
  it("reconciles each set in one ordered list of statements", () => {
    expect(queries.map((q) => q.cypher).join("\n;\n")).toMatchInlineSnapshot(`
      "MERGE (a:Account {accountId: $accountId})
      SET a += $props
      ;
      MATCH (a:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
      WHERE NOT b.arn IN $bucketArns
      CALL (b) {
        MATCH (b)-[:HAS_FINDING]->(f:Finding)
        DETACH DELETE f
      }
      CALL (b) {
        MATCH (b)-[:HAS_SENSITIVE_SUMMARY]->(s:SensitiveSummary)
        DETACH DELETE s
      }
      CALL (b) {
        MATCH (b)-[:REPLICATES_TO]->(d:Bucket)
        WHERE NOT EXISTS { (:Account)-[:OWNS]->(d) } AND COUNT { (d)--() } = 1
        DETACH DELETE d
      }
      DETACH DELETE b
      ;
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (b:Bucket {arn: row.arn})
      SET b += row.props
      MERGE (a)-[:OWNS]->(b)
      ;
      MATCH (a:Account {accountId: $accountId})-[:HAS_PRINCIPAL]->(p:Principal)
      WHERE NOT p.arn IN $principalArns
      DETACH DELETE p
      ;
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      SET p:AccountRoot, p += row.props REMOVE p:ExternalAccount
      MERGE (a)-[:HAS_PRINCIPAL]->(p)
      ;
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      SET p:User, p += row.props
      MERGE (a)-[:HAS_PRINCIPAL]->(p)
      ;
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      SET p:Group, p += row.props
      MERGE (a)-[:HAS_PRINCIPAL]->(p)
      ;
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      SET p:Role, p += row.props
      MERGE (a)-[:HAS_PRINCIPAL]->(p)
      ;
      UNWIND $rows AS row
      MATCH (u:Principal {arn: row.arn})
      CALL (u, row) {
        MATCH (u)-[m:MEMBER_OF]->(g:Group)
        WHERE NOT g.arn IN row.groupArns
        DELETE m
      }
      CALL (u, row) {
        UNWIND row.groupArns AS groupArn
        MATCH (g:Principal {arn: groupArn})
        MERGE (u)-[:MEMBER_OF]->(g)
      }
      ;
      UNWIND $rows AS row
      MERGE (p:Policy {policyId: row.policyId})
      SET p += row.props
      WITH p, row
      CALL (p, row) {
        MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
        WHERE NOT s.statementId IN [st IN row.statements | st.statementId]
        DETACH DELETE s
      }
      CALL (p, row) {
        UNWIND row.statements AS st
        MERGE (s:Statement {statementId: st.statementId})
        SET s += st.props
        MERGE (p)-[:HAS_STATEMENT]->(s)
      }
      ;
      UNWIND $rows AS row
      MERGE (p:Policy {policyId: row.policyId})
      ON CREATE SET p += row.props
      ;
      UNWIND $rows AS row
      MATCH (owner:Principal {arn: row.arn})
      CALL (owner, row) {
        MATCH (owner)-[r:HAS_POLICY]->(p:Policy)
        WHERE NOT (r.attachment + ' ' + p.policyId) IN row.attachmentKeys
        DELETE r
      }
      CALL (owner, row) {
        UNWIND row.attachments AS attachment
        MATCH (p:Policy {policyId: attachment.policyId})
        MERGE (owner)-[:HAS_POLICY {attachment: attachment.attachment}]->(p)
      }
      ;
      UNWIND $rows AS row
      MATCH (owner:Bucket {arn: row.arn})
      CALL (owner, row) {
        MATCH (owner)-[r:HAS_POLICY]->(p:Policy)
        WHERE NOT (r.attachment + ' ' + p.policyId) IN row.attachmentKeys
        DELETE r
      }
      CALL (owner, row) {
        UNWIND row.attachments AS attachment
        MATCH (p:Policy {policyId: attachment.policyId})
        MERGE (owner)-[:HAS_POLICY {attachment: attachment.attachment}]->(p)
      }
      ;
      MATCH (p:Policy {accountId: $accountId})
      WHERE NOT p.policyId IN $policyIds
      OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
      DETACH DELETE s, p
      ;
      MATCH (p:Policy {awsManaged: true})
      WHERE NOT EXISTS { ()-[:HAS_POLICY]->(p) }
      OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
      DETACH DELETE s, p
      ;
      UNWIND $rows AS row
      MATCH (b:Bucket {arn: row.arn})
      CALL (b, row) {
        MATCH (b)-[r:REPLICATES_TO]->(d:Bucket)
        WHERE NOT d.arn IN [x IN row.destinations | x.arn]
        DELETE r
        WITH d
        WHERE NOT EXISTS { (d)--() }
        DELETE d
      }
      CALL (b, row) {
        UNWIND row.destinations AS dest
        MERGE (d:Bucket {arn: dest.arn})
        ON CREATE SET d.name = dest.name, d.accountId = dest.accountId
        MERGE (b)-[r:REPLICATES_TO]->(d)
        SET r.ruleId = dest.ruleId, r.status = dest.status
      }"
    `);
  });

  it("writes the account with its public access block and run", () => {
    expect(queries[0]!.params).toEqual({
      accountId: "111122223333",
      props: {
        external: false,
        region: "us-east-1",
        publicAccessBlockBlockPublicAcls: true,
        publicAccessBlockIgnorePublicAcls: true,
        publicAccessBlockBlockPublicPolicy: false,
        publicAccessBlockRestrictPublicBuckets: false,
        errorsJson: null,
        collectedAt: "2026-11-26T09:00:00.000Z",
        lastAuditRunId: "run-1",
      },
    });
  });

  it("stores bucket settings as scalars and objects as JSON strings", () => {
    const { rows } = paramsOf("MERGE (b:Bucket {arn: row.arn})") as { rows: { arn: string; props: object }[] };
    expect(rows.map((r) => r.arn)).toEqual(["arn:aws:s3:::sl-111122223333-data", "arn:aws:s3:::sl-111122223333-logs"]);
    expect(rows[1]!.props).toEqual({
      name: "sl-111122223333-logs",
      accountId: "111122223333",
      region: "us-east-1",
      createdAt: null,
      versioning: "Disabled",
      encryptionType: "AES256",
      kmsKeyArn: null,
      bucketKeyEnabled: null,
      ownership: null,
      bpaBlockPublicAcls: null,
      bpaIgnorePublicAcls: null,
      bpaBlockPublicPolicy: null,
      bpaRestrictPublicBuckets: null,
      policyJson: null,
      policyIsPublic: false,
      aclJson: null,
      replicationJson: null,
      tagsJson: "{}",
      websiteEnabled: false,
      loggingTargetBucket: null,
      errorCode: "ACCESS_DENIED",
      errorsJson:
        '[{"code":"AccessDenied","message":"Access Denied","operation":"GetBucketPolicy","resource":"arn:aws:s3:::sl-111122223333-logs"}]',
      lastAuditRunId: "run-1",
    });
    expect(rows[0]!.props).toMatchObject({
      aclJson: '{"grants":[{"grantee":{"id":"c0ffee","type":"CanonicalUser"},"permission":"FULL_CONTROL"}],"ownerCanonicalId":"c0ffee"}',
      tagsJson: '{"team":"analytics"}',
      kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k1",
      bpaBlockPublicPolicy: true,
    });
  });

  it("keeps the account's principals, root included, and removes the others", () => {
    expect(paramsOf("WHERE NOT p.arn IN $principalArns").principalArns).toEqual([
      "arn:aws:iam::111122223333:root",
      "arn:aws:iam::111122223333:user/alice",
      "arn:aws:iam::111122223333:group/analysts",
      "arn:aws:iam::111122223333:role/data-reader",
    ]);
    expect(paramsOf("SET p:User, p += row.props").rows).toEqual([
      {
        arn: "arn:aws:iam::111122223333:user/alice",
        props: {
          name: "alice",
          kind: "User",
          accountId: "111122223333",
          principalId: "AIDAALICE",
          path: "/",
          permissionsBoundaryArn: null,
          tagsJson: '{"owner":"alice"}',
          lastAuditRunId: "run-1",
        },
      },
    ]);
    expect(paramsOf("MERGE (u)-[:MEMBER_OF]->(g)").rows).toEqual([
      { arn: "arn:aws:iam::111122223333:user/alice", groupArns: ["arn:aws:iam::111122223333:group/analysts"] },
    ]);
  });

  it("attaches managed, inline, trust and bucket policies by their MODEL.md ids", () => {
    expect(paramsOf("MATCH (owner:Principal {arn: row.arn})").rows).toEqual([
      {
        arn: "arn:aws:iam::111122223333:user/alice",
        attachmentKeys: [
          "managed arn:aws:iam::111122223333:policy/DataRead",
          "inline arn:aws:iam::111122223333:user/alice#inline/self-service",
        ],
        attachments: [
          { policyId: "arn:aws:iam::111122223333:policy/DataRead", attachment: "managed" },
          { policyId: "arn:aws:iam::111122223333:user/alice#inline/self-service", attachment: "inline" },
        ],
      },
      {
        arn: "arn:aws:iam::111122223333:group/analysts",
        attachmentKeys: ["managed arn:aws:iam::aws:policy/ReadOnlyAccess"],
        attachments: [{ policyId: "arn:aws:iam::aws:policy/ReadOnlyAccess", attachment: "managed" }],
      },
      {
        arn: "arn:aws:iam::111122223333:role/data-reader",
        attachmentKeys: [
          "managed arn:aws:iam::111122223333:policy/DataRead",
          "trust arn:aws:iam::111122223333:role/data-reader#trust",
        ],
        attachments: [
          { policyId: "arn:aws:iam::111122223333:policy/DataRead", attachment: "managed" },
          { policyId: "arn:aws:iam::111122223333:role/data-reader#trust", attachment: "trust" },
        ],
      },
    ]);
    expect(paramsOf("MATCH (owner:Bucket {arn: row.arn})").rows).toEqual([
      {
        arn: "arn:aws:s3:::sl-111122223333-data",
        attachmentKeys: ["bucket arn:aws:s3:::sl-111122223333-data#policy"],
        attachments: [{ policyId: "arn:aws:s3:::sl-111122223333-data#policy", attachment: "bucket" }],
      },
      { arn: "arn:aws:s3:::sl-111122223333-logs", attachmentKeys: [], attachments: [] },
    ]);
  });

  it("writes one replication edge per destination", () => {
    expect(paramsOf("MERGE (b)-[r:REPLICATES_TO]->(d)").rows).toEqual([
      {
        arn: "arn:aws:s3:::sl-111122223333-data",
        destinations: [
          { arn: "arn:aws:s3:::sl-111122223333-logs", name: "sl-111122223333-logs", accountId: null, ruleId: "to-logs", status: "Enabled" },
        ],
      },
      { arn: "arn:aws:s3:::sl-111122223333-logs", destinations: [] },
    ]);
  });
});

describe("inventoryPolicies", () => {
  const { full, referenced } = inventoryPolicies(inventory);

  it("skips AWS managed policies nothing attaches, and stubs attached ones the collector did not list", () => {
    expect(full.map((p) => `${p.props.kind} ${p.policyId} (${p.statements.length})`)).toEqual([
      "managed arn:aws:iam::111122223333:policy/DataRead (2)",
      "inline arn:aws:iam::111122223333:user/alice#inline/self-service (1)",
      "trust arn:aws:iam::111122223333:role/data-reader#trust (1)",
      "bucket arn:aws:s3:::sl-111122223333-data#policy (1)",
    ]);
    expect(referenced).toEqual([
      {
        policyId: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        props: { kind: "managed", name: "ReadOnlyAccess", accountId: null, awsManaged: true, document: null },
        statements: [],
      },
    ]);
  });

  it("splits a policy into statements keyed <policyId>#<index>, a single Statement object included", () => {
    expect(full[3]!.statements).toEqual([
      {
        statementId: "arn:aws:s3:::sl-111122223333-data#policy#0",
        props: {
          sid: "ReaderRole",
          index: 0,
          effect: "Allow",
          json: '{"Action":["s3:GetObject"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/data-reader"},"Resource":"arn:aws:s3:::sl-111122223333-data/*","Sid":"ReaderRole"}',
        },
      },
    ]);
  });
});

describe("helpers", () => {
  it("maps any AccessDenied-like code to Macie's ACCESS_DENIED, and nothing else", () => {
    const error = (code: string) => ({ operation: "GetBucketAcl", code, message: "m" });
    expect(bucketErrorCode([error("AccessDenied")])).toBe("ACCESS_DENIED");
    expect(bucketErrorCode([error("AccessDeniedException")])).toBe("ACCESS_DENIED");
    expect(bucketErrorCode([error("NoSuchBucketPolicy"), error("Throttling")])).toBeNull();
    expect(bucketErrorCode([])).toBeNull();
  });

  it("reads the account from an IAM ARN; AWS managed policies have none", () => {
    expect(arnAccountId("arn:aws:iam::111122223333:policy/DataRead")).toBe("111122223333");
    expect(arnAccountId("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBeNull();
  });
});
