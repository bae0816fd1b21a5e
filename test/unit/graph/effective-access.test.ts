import { describe, expect, it } from "vitest";
import type { AccessGrant, EffectiveAccess } from "../../../services/access/effective-access.js";
import {
  buildBucketAccessSummary,
  buildEffectiveAccessCheck,
  buildEffectiveAccessWrite,
  effectiveAccessHash,
  effectiveAccessRows,
  principalKey,
} from "../../../graph/writes/effective-access.js";
import { canonicalJson, sha256 } from "../../../graph/json.js";

const bucket = "arn:aws:s3:::data";
const role = "arn:aws:iam::111122223333:role/reader";

function grant(principalArn: string, principalKind: AccessGrant["principalKind"], overrides: Partial<AccessGrant> = {}): AccessGrant {
  return {
    principalArn,
    principalKind,
    bucketArn: bucket,
    level: "READ",
    actions: ["s3:GetObject"],
    conditional: false,
    conditions: [],
    via: [{ policyId: `${bucket}#policy`, sid: "0", index: 0, effect: "Allow", source: "bucket-policy" }],
    ...overrides,
  };
}

const access: EffectiveAccess = {
  grants: [grant(role, "Role"), grant("*", "Public", { level: "LIST", actions: ["s3:ListBucket"] }), grant("s3.amazonaws.com", "Service")],
  assumes: [
    {
      fromArn: "arn:aws:iam::444455556666:root",
      fromKind: "ExternalAccount",
      toRoleArn: role,
      conditional: true,
      conditions: [{ StringEquals: { "sts:ExternalId": "x" } }],
      via: [{ policyId: `${role}#trust`, sid: "0", index: 0, effect: "Allow", source: "trust" }],
    },
  ],
};

describe("principalKey", () => {
  it("uses MODEL.md's keys: * for everyone, service:<name> for services, the ARN otherwise", () => {
    expect(principalKey("Public", "arn:aws:iam::*:root")).toBe("*");
    expect(principalKey("Service", "s3.amazonaws.com")).toBe("service:s3.amazonaws.com");
    expect(principalKey("Service", "service:s3.amazonaws.com")).toBe("service:s3.amazonaws.com");
    expect(principalKey("Role", role)).toBe(role);
  });
});

describe("effectiveAccessRows", () => {
  it("normalises principals and stores conditions and sources as JSON", () => {
    expect(effectiveAccessRows(access)).toMatchInlineSnapshot(`
      {
        "assumes": [
          {
            "fromArn": "arn:aws:iam::444455556666:root",
            "props": {
              "conditional": true,
              "conditionsJson": "[{"StringEquals":{"sts:ExternalId":"x"}}]",
              "viaJson": "[{"effect":"Allow","index":0,"policyId":"arn:aws:iam::111122223333:role/reader#trust","sid":"0","source":"trust"}]",
            },
            "toRoleArn": "arn:aws:iam::111122223333:role/reader",
          },
        ],
        "grants": [
          {
            "bucketArn": "arn:aws:s3:::data",
            "level": "LIST",
            "principalArn": "*",
            "props": {
              "actions": [
                "s3:ListBucket",
              ],
              "conditional": false,
              "conditionsJson": "[]",
              "deniedWhenJson": null,
              "viaJson": "[{"effect":"Allow","index":0,"policyId":"arn:aws:s3:::data#policy","sid":"0","source":"bucket-policy"}]",
            },
          },
          {
            "bucketArn": "arn:aws:s3:::data",
            "level": "READ",
            "principalArn": "arn:aws:iam::111122223333:role/reader",
            "props": {
              "actions": [
                "s3:GetObject",
              ],
              "conditional": false,
              "conditionsJson": "[]",
              "deniedWhenJson": null,
              "viaJson": "[{"effect":"Allow","index":0,"policyId":"arn:aws:s3:::data#policy","sid":"0","source":"bucket-policy"}]",
            },
          },
          {
            "bucketArn": "arn:aws:s3:::data",
            "level": "READ",
            "principalArn": "service:s3.amazonaws.com",
            "props": {
              "actions": [
                "s3:GetObject",
              ],
              "conditional": false,
              "conditionsJson": "[]",
              "deniedWhenJson": null,
              "viaJson": "[{"effect":"Allow","index":0,"policyId":"arn:aws:s3:::data#policy","sid":"0","source":"bucket-policy"}]",
            },
          },
        ],
        "principals": {
          "ExternalAccount": [
            {
              "arn": "arn:aws:iam::444455556666:root",
              "props": {
                "accountId": "444455556666",
                "kind": "ExternalAccount",
                "name": "444455556666",
              },
            },
          ],
          "Public": [
            {
              "arn": "*",
              "props": {
                "accountId": null,
                "kind": "Public",
                "name": "Everyone",
              },
            },
          ],
          "Role": [
            {
              "arn": "arn:aws:iam::111122223333:role/reader",
              "props": {
                "accountId": "111122223333",
                "kind": "Role",
                "name": "reader",
              },
            },
          ],
          "Service": [
            {
              "arn": "service:s3.amazonaws.com",
              "props": {
                "accountId": null,
                "kind": "Service",
                "name": "s3.amazonaws.com",
              },
            },
          ],
        },
        "skippedPoliciesJson": null,
      }
    `);
  });

  it("merges duplicate edges: unconditional if any is, with the union of actions and sources", () => {
    const rows = effectiveAccessRows({
      grants: [
        grant(role, "Role", { conditional: true, conditions: [{ Bool: { "aws:SecureTransport": "true" } }] }),
        grant(role, "Role", { actions: ["s3:GetObjectVersion", "s3:GetObject"] }),
      ],
      assumes: [],
    });
    expect(rows.grants).toHaveLength(1);
    expect(rows.grants[0]!.props).toMatchObject({
      actions: ["s3:GetObject", "s3:GetObjectVersion"],
      conditional: false,
      conditionsJson: '[{"Bool":{"aws:SecureTransport":"true"}}]',
    });
  });

  it("keeps the Deny conditions that remove a grant, and the policies the engine skipped", () => {
    const rows = effectiveAccessRows({
      grants: [grant(role, "Role", { deniedWhen: [{ Bool: { "aws:SecureTransport": "false" } }] })],
      assumes: [],
      skipped: [{ policyId: "arn:aws:iam::111122223333:policy/Broken", reason: "Statement has no Effect" }],
    });
    expect(rows.grants[0]!.props.deniedWhenJson).toBe('[{"Bool":{"aws:SecureTransport":"false"}}]');
    expect(rows.skippedPoliciesJson).toBe(
      '[{"policyId":"arn:aws:iam::111122223333:policy/Broken","reason":"Statement has no Effect"}]',
    );
    expect(effectiveAccessHash(rows)).not.toBe(effectiveAccessHash({ ...rows, skippedPoliciesJson: null }));
  });

  it("hashes row by row the same text as the whole rows' canonical JSON, so stored hashes stay valid", () => {
    const rows = effectiveAccessRows({ ...access, skipped: [{ policyId: "p", reason: "r" }] });
    expect(effectiveAccessHash(rows)).toBe(sha256(canonicalJson(rows)));
    const empty = effectiveAccessRows({ grants: [], assumes: [] });
    expect(effectiveAccessHash(empty)).toBe(sha256(canonicalJson(empty)));
  });

  it("gives the same hash whatever the order of the input, and a different one when it changes", () => {
    const reordered = { grants: [...access.grants].reverse(), assumes: access.assumes };
    expect(effectiveAccessHash(effectiveAccessRows(reordered))).toBe(effectiveAccessHash(effectiveAccessRows(access)));
    const changed = { grants: access.grants.slice(1), assumes: access.assumes };
    expect(effectiveAccessHash(effectiveAccessRows(changed))).not.toBe(effectiveAccessHash(effectiveAccessRows(access)));
  });
});

describe("buildEffectiveAccessWrite", () => {
  it("replaces the account's edges, creating grantee principals as needed", () => {
    const queries = buildEffectiveAccessWrite("111122223333", effectiveAccessRows(access), "h1");
    expect(queries.map((q) => q.cypher).join("\n;\n")).toMatchInlineSnapshot(`
      "MATCH (a:Account {accountId: $accountId})
      SET a.effectiveAccessHash = null
      ;
      MATCH (p:Principal)-[r:CAN_ACCESS {accountId: $accountId}]->()
      WITH p, r LIMIT $limit
      DELETE r
      RETURN p.arn AS arn, count(r) AS deleted
      ;
      MATCH (p:Principal)-[r:CAN_ASSUME {accountId: $accountId}]->()
      WITH p, r LIMIT $limit
      DELETE r
      RETURN p.arn AS arn, count(r) AS deleted
      ;
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      ON CREATE SET p:Role, p += row.props
      ;
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      ON CREATE SET p:ExternalAccount, p += row.props
      ;
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      ON CREATE SET p:Public, p += row.props
      ;
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      ON CREATE SET p:Service, p += row.props
      ;
      UNWIND $accountIds AS accountId
      MERGE (a:Account {accountId: accountId})
      ON CREATE SET a.external = true
      ;
      UNWIND $rows AS row
      MATCH (p:Principal {arn: row.principalArn})
      MATCH (b:Bucket {arn: row.bucketArn})
      CREATE (p)-[r:CAN_ACCESS {accountId: $accountId, level: row.level}]->(b)
      SET r += row.props
      ;
      UNWIND $rows AS row
      MATCH (p:Principal {arn: row.fromArn})
      MATCH (role:Principal {arn: row.toRoleArn})
      WHERE role:Role
      CREATE (p)-[r:CAN_ASSUME {accountId: $accountId}]->(role)
      SET r += row.props
      ;
      MATCH (a:Account {accountId: $accountId})
      SET a.effectiveAccessHash = $hash,
          a.effectiveAccessSkippedPoliciesJson = $skippedPoliciesJson,
          a.effectiveAccessEdgeCount = COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
                                       COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() }"
    `);
    expect(queries.find((q) => q.cypher.includes("a.external = true"))!.params).toEqual({ accountIds: ["444455556666"] });
    expect(queries[1]!.params).toEqual({ accountId: "111122223333", limit: 20_000 });
  });

  it("checks the stored hash against the edges still present", () => {
    expect(buildEffectiveAccessCheck("111122223333")).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (a:Account {accountId: $accountId})
      RETURN a.effectiveAccessHash AS hash,
             a.effectiveAccessEdgeCount AS storedEdgeCount,
             COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
             COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() } AS edgeCount",
        "params": {
          "accountId": "111122223333",
        },
      }
    `);
  });

  it("derives Macie's effectivePublicAccess and sharedAccess, writing only changed values", () => {
    expect(buildBucketAccessSummary("111122223333").cypher).toMatchInlineSnapshot(`
      "MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
      WITH b,
           EXISTS { (p:Principal)-[r:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND NOT r.conditional } AS isPublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] } AS maybePublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.accountId IS NOT NULL AND p.accountId <> $accountId } AS isShared
      WITH b,
           CASE WHEN isPublic THEN 'PUBLIC' WHEN maybePublic OR b.errorCode IS NOT NULL THEN 'UNKNOWN' ELSE 'NOT_PUBLIC' END AS publicAccess,
           CASE WHEN isShared THEN 'EXTERNAL' ELSE 'NOT_SHARED' END AS sharedAccess
      WHERE b.effectivePublicAccess IS NULL OR b.effectivePublicAccess <> publicAccess
         OR b.sharedAccess IS NULL OR b.sharedAccess <> sharedAccess
      SET b.effectivePublicAccess = publicAccess, b.sharedAccess = sharedAccess"
    `);
  });
});
