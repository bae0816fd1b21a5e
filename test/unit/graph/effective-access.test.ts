import { describe, expect, it } from "vitest";
import type { AccessGrant, EffectiveAccess } from "../../../services/access/effective-access.js";
import {
  buildBucketAccessSummary,
  buildEffectiveAccessCheck,
  buildDigestRemoval,
  buildDigestWrite,
  buildEffectiveAccessStamp,
  buildPrincipalGrantRemoval,
  EFFECTIVE_ACCESS_VERSION,
  effectiveAccessHash,
  principalGrants,
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
              "conditionsJson": null,
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
              "conditionsJson": null,
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
              "conditionsJson": null,
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

describe("principalGrants", () => {
  const other = "arn:aws:s3:::logs";
  const batch = [
    grant(role, "Role", { bucketArn: other }),
    grant("*", "Public", { level: "LIST", actions: ["s3:ListBucket"] }),
    grant(role, "Role"),
    grant(role, "Role", { actions: ["s3:GetObjectVersion"] }),
  ];

  it("groups a batch's normalised grants by principal, in principal order, with duplicates merged", () => {
    const groups = principalGrants(batch);
    expect(groups.map((g) => [g.principal.arn, g.principal.props.kind, g.grants.map((r) => `${r.bucketArn} ${r.level}`)])).toEqual([
      ["*", "Public", ["arn:aws:s3:::data LIST"]],
      [role, "Role", ["arn:aws:s3:::data READ", "arn:aws:s3:::logs READ"]],
    ]);
    expect(groups[1]!.grants[0]!.props.actions).toEqual(["s3:GetObject", "s3:GetObjectVersion"]);
  });

  it("digests a principal's rows: the same in any order, different when one of its edges changes", () => {
    const digestOf = (grants: AccessGrant[], arn: string): string => principalGrants(grants).find((g) => g.principal.arn === arn)!.digest;
    expect(digestOf([...batch].reverse(), role)).toBe(digestOf(batch, role));
    expect(digestOf(batch, role)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(batch.slice(1), role)).not.toBe(digestOf(batch, role));
    const conditional = batch.map((g, i) => (i === 2 ? { ...g, conditional: true, conditions: [{ Bool: { "aws:SecureTransport": "true" } }] } : g));
    expect(digestOf(conditional, role)).not.toBe(digestOf(batch, role));
    expect(digestOf(conditional, "*")).toBe(digestOf(batch, "*"));
  });

  it("stores no conditions property on unconditional edges", () => {
    const [publicGroup] = principalGrants(batch);
    expect(publicGroup!.grants[0]!.props.conditionsJson).toBeNull();
  });
});

describe("effective access statements", () => {
  it("removes a changed principal's edges of this account only, and replaces digests by key", () => {
    expect([
      buildPrincipalGrantRemoval("111122223333", [role]),
      buildDigestWrite("111122223333", [{ arn: role, digest: "d1", edgeCount: 2 }]),
      buildDigestRemoval("111122223333", ["*"]),
    ]).toMatchInlineSnapshot(`
      [
        {
          "cypher": "UNWIND $arns AS arn
      MATCH (:Principal {arn: arn})-[r:CAN_ACCESS]->(:Bucket)
      WHERE r.accountId = $accountId
      DELETE r",
          "params": {
            "accountId": "111122223333",
            "arns": [
              "arn:aws:iam::111122223333:role/reader",
            ],
          },
        },
        {
          "cypher": "UNWIND $rows AS row
      MERGE (d:AccessDigest {digestId: $accountId + ' ' + row.arn})
      SET d.accountId = $accountId, d.principalArn = row.arn, d.digest = row.digest, d.edgeCount = row.edgeCount",
          "params": {
            "accountId": "111122223333",
            "rows": [
              {
                "arn": "arn:aws:iam::111122223333:role/reader",
                "digest": "d1",
                "edgeCount": 2,
              },
            ],
          },
        },
        {
          "cypher": "UNWIND $arns AS arn
      MATCH (d:AccessDigest {digestId: $accountId + ' ' + arn})
      DELETE d",
          "params": {
            "accountId": "111122223333",
            "arns": [
              "*",
            ],
          },
        },
      ]
    `);
  });

  it("stamps the version and the edge count only at the end of a write", () => {
    const stamp = buildEffectiveAccessStamp("111122223333", "h1", null);
    expect(stamp.params).toEqual({ accountId: "111122223333", hash: "h1", version: EFFECTIVE_ACCESS_VERSION, skippedPoliciesJson: null });
    expect(stamp.cypher).toContain("a.effectiveAccessEdgeCount = COUNT");
  });

  it("checks the stored hash against the edges still present", () => {
    expect(buildEffectiveAccessCheck("111122223333")).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (a:Account {accountId: $accountId})
      RETURN a.effectiveAccessHash AS hash,
             a.effectiveAccessVersion AS version,
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
           // A conditional public grant is public exactly when AWS's classification calls the policy public.
           EXISTS { (p:Principal)-[r:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND (NOT r.conditional OR b.policyIsPublic = true) } AS isPublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND b.policyIsPublic IS NULL } AS maybePublic,
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
