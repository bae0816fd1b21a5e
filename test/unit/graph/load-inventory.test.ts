/** inventoryFromRecords: the graph's records back into an AccountInventory (pure; the round trip is an integration test). */
import { describe, expect, it } from "vitest";
import { inventoryFromRecords, loadInventoryQueries, type BucketRecord } from "../../../graph/queries/load-inventory.js";

const bucket = (overrides: Partial<BucketRecord>): BucketRecord => ({
  arn: "arn:aws:s3:::b",
  name: "b",
  region: "eu-west-1",
  createdAt: null,
  versioning: "Enabled",
  encryptionType: "AES256",
  kmsKeyArn: null,
  bucketKeyEnabled: null,
  ownership: null,
  bpaBlockPublicAcls: null,
  bpaIgnorePublicAcls: null,
  bpaBlockPublicPolicy: null,
  bpaRestrictPublicBuckets: null,
  policyJson: null,
  aclJson: null,
  replicationJson: null,
  tagsJson: "{}",
  websiteEnabled: false,
  loggingTargetBucket: null,
  errorsJson: null,
  policyDocument: null,
  ...overrides,
});

const account = {
  accountId: "111122223333",
  region: "eu-west-1",
  collectedAt: "2026-11-26T09:00:00.000Z",
  publicAccessBlockBlockPublicAcls: null,
  publicAccessBlockIgnorePublicAcls: null,
  publicAccessBlockBlockPublicPolicy: null,
  publicAccessBlockRestrictPublicBuckets: null,
  errorsJson: null,
};

describe("inventoryFromRecords", () => {
  it("turns absent settings into null and JSON properties into objects", () => {
    const policy = { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }], Version: "2012-10-17" };
    const inventory = inventoryFromRecords({
      account,
      buckets: [
        bucket({
          encryptionType: "aws:kms",
          kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
          bucketKeyEnabled: true,
          bpaBlockPublicAcls: true,
          bpaIgnorePublicAcls: false,
          bpaBlockPublicPolicy: true,
          bpaRestrictPublicBuckets: false,
          policyDocument: JSON.stringify(policy),
          policyJson: '{"Version": "2012-10-17"}',
          errorsJson: '[{"code":"AccessDenied","message":"no","operation":"GetBucketAcl"}]',
        }),
      ],
      principals: [],
      policies: [],
    });
    expect(inventory.accountPublicAccessBlock).toBeNull();
    expect(inventory.kmsKeys).toEqual([]);
    expect(inventory.buckets[0]).toMatchObject({
      policy,
      policyJson: '{"Version": "2012-10-17"}',
      acl: null,
      encryption: { type: "aws:kms", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k", bucketKeyEnabled: true },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false },
      replication: [],
      tags: {},
      errors: [{ code: "AccessDenied", message: "no", operation: "GetBucketAcl" }],
    });
    expect(inventoryFromRecords({ account, buckets: [bucket({})], principals: [], policies: [] }).buckets[0]!.encryption).toEqual({ type: "AES256" });
  });

  it("sorts principals' attachments into managed, inline, boundary and trust", () => {
    const doc = (action: string) => JSON.stringify({ Statement: [{ Action: action, Effect: "Allow", Resource: "*" }] });
    const role = "arn:aws:iam::111122223333:role/r";
    const inventory = inventoryFromRecords({
      account,
      buckets: [],
      principals: [
        {
          arn: role,
          kind: "Role",
          name: "r",
          principalId: "AROA",
          path: "/",
          permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/B",
          tagsJson: '{"team":"x"}',
          groupNames: [],
          attachments: [
            { attachment: "trust", policyId: `${role}#trust`, name: "r trust policy", document: doc("sts:AssumeRole") },
            { attachment: "inline", policyId: `${role}#inline/p`, name: "p", document: doc("s3:GetObject") },
            { attachment: "managed", policyId: "arn:aws:iam::aws:policy/ReadOnlyAccess", name: "ReadOnlyAccess", document: null },
            { attachment: "boundary", policyId: "arn:aws:iam::111122223333:policy/B", name: "B", document: doc("s3:*") },
          ],
        },
      ],
      policies: [{ arn: "arn:aws:iam::111122223333:policy/B", name: "B", awsManaged: false, document: doc("s3:*") }],
    });
    expect(inventory.iam.roles).toEqual([
      {
        arn: role,
        name: "r",
        id: "AROA",
        path: "/",
        trustPolicy: { Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Resource: "*" }] },
        attachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        inlinePolicies: [{ name: "p", document: { Statement: [{ Action: "s3:GetObject", Effect: "Allow", Resource: "*" }] } }],
        permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/B",
        tags: { team: "x" },
      },
    ]);
    expect(inventory.iam.policies.map((p) => p.arn)).toEqual(["arn:aws:iam::111122223333:policy/B"]);
  });
});

describe("loadInventoryQueries", () => {
  it("scopes every read to the account, as a parameter", () => {
    const queries = loadInventoryQueries("111122223333");
    for (const q of Object.values(queries)) {
      expect(q.params).toEqual({ accountId: "111122223333" });
      expect(q.cypher).toContain("$accountId");
      expect(q.cypher).not.toContain("111122223333");
    }
  });
});
