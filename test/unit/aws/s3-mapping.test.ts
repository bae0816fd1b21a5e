import { describe, expect, it } from "vitest";
import {
  bucketArn,
  regionFromLocation,
  toAcl,
  toBucketFacts,
  toDefaultEncryption,
  toObjectFacts,
  toOwnership,
  toPublicAccessBlock,
  toReplicationRules,
  toTags,
  toVersioning,
  type BucketResponses,
} from "../../../services/aws/s3-mapping.js";

describe("S3 response mapping", () => {
  it("reads GetBucketLocation's legacy answers: empty is us-east-1, EU is eu-west-1", () => {
    expect(regionFromLocation(undefined)).toBe("us-east-1");
    expect(regionFromLocation("")).toBe("us-east-1");
    expect(regionFromLocation(null)).toBe("us-east-1");
    expect(regionFromLocation("EU")).toBe("eu-west-1");
    expect(regionFromLocation("ap-southeast-2")).toBe("ap-southeast-2");
  });

  it("builds bucket ARNs in the region's partition", () => {
    expect(bucketArn("b", "us-east-1")).toBe("arn:aws:s3:::b");
    expect(bucketArn("b", "cn-north-1")).toBe("arn:aws-cn:s3:::b");
    expect(bucketArn("b", "us-gov-west-1")).toBe("arn:aws-us-gov:s3:::b");
  });

  it("treats a missing Block Public Access flag as false and a missing configuration as null", () => {
    expect(toPublicAccessBlock(undefined)).toBeNull();
    expect(toPublicAccessBlock({ BlockPublicAcls: true, RestrictPublicBuckets: true })).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
  });

  it("maps ACL grantees of every documented type and drops malformed grants", () => {
    const acl = toAcl({
      Owner: { ID: "owner-id", DisplayName: "acme" },
      Grants: [
        { Grantee: { Type: "CanonicalUser", ID: "owner-id", DisplayName: "acme" }, Permission: "FULL_CONTROL" },
        { Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" },
        { Grantee: { Type: "AmazonCustomerByEmail", EmailAddress: "ops@partner.test" }, Permission: "WRITE_ACP" },
        { Grantee: { Type: "Group" }, Permission: "READ" },
        { Grantee: { Type: "CanonicalUser", ID: "x" } },
      ],
    });
    expect(acl).toEqual({
      ownerCanonicalId: "owner-id",
      grants: [
        { grantee: { type: "CanonicalUser", id: "owner-id", displayName: "acme" }, permission: "FULL_CONTROL" },
        { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" },
        { grantee: { type: "AmazonCustomerByEmail", email: "ops@partner.test" }, permission: "WRITE_ACP" },
      ],
    });
  });

  it("reads object ownership from the first rule", () => {
    expect(toOwnership({ OwnershipControls: { Rules: [{ ObjectOwnership: "ObjectWriter" }] } })).toBe("ObjectWriter");
    expect(toOwnership({ OwnershipControls: { Rules: [] } })).toBeNull();
  });

  it("maps default encryption, keeping the KMS key only for KMS types", () => {
    expect(toDefaultEncryption({})).toEqual({ encryption: { type: "NONE" }, unknownAlgorithm: null });
    expect(
      toDefaultEncryption({
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: "aws:kms",
                KMSMasterKeyID: "arn:aws:kms:us-east-1:1:key/k",
              },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    ).toEqual({
      encryption: { type: "aws:kms", kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k", bucketKeyEnabled: true },
      unknownAlgorithm: null,
    });
    expect(
      toDefaultEncryption({
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256", KMSMasterKeyID: "ignored" } }],
        },
      }),
    ).toEqual({ encryption: { type: "AES256" }, unknownAlgorithm: null });
  });

  it("reports an unknown algorithm instead of calling the bucket unencrypted", () => {
    const mapped = toDefaultEncryption({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:fsx" as never } }],
      },
    });
    expect(mapped).toEqual({ encryption: { type: "AES256" }, unknownAlgorithm: "aws:fsx" });
  });

  it("maps versioning: never enabled is Disabled", () => {
    expect(toVersioning({})).toBe("Disabled");
    expect(toVersioning({ Status: "Suspended" })).toBe("Suspended");
    expect(toVersioning({ Status: "Enabled" })).toBe("Enabled");
  });

  it("maps replication rules with their destination account", () => {
    expect(
      toReplicationRules({
        ReplicationConfiguration: {
          Role: "arn:aws:iam::1:role/r",
          Rules: [
            { ID: "dr", Status: "Enabled", Destination: { Bucket: "arn:aws:s3:::dst", Account: "210987654321" } },
            { Status: "Disabled", Destination: { Bucket: "arn:aws:s3:::same-account" } },
          ],
        },
      }),
    ).toEqual([
      { id: "dr", status: "Enabled", destinationBucketArn: "arn:aws:s3:::dst", destinationAccountId: "210987654321" },
      { id: null, status: "Disabled", destinationBucketArn: "arn:aws:s3:::same-account", destinationAccountId: null },
    ]);
  });

  it("maps tags and object listings", () => {
    expect(
      toTags({
        TagSet: [
          { Key: "team", Value: "hr" },
          { Key: "empty", Value: "" },
        ],
      }),
    ).toEqual({ team: "hr", empty: "" });
    expect(
      toObjectFacts("b", { Key: "k.csv", Size: 12, ETag: '"abc"', LastModified: new Date("2024-03-01T00:00:00Z") }),
    ).toEqual({
      bucket: "b",
      key: "k.csv",
      size: 12,
      storageClass: "STANDARD",
      etag: "abc",
      lastModified: "2024-03-01T00:00:00.000Z",
    });
    expect(toObjectFacts("b", { Size: 1 })).toBeNull();
  });
});

describe("toBucketFacts", () => {
  const absent = { kind: "absent" } as const;
  const base: BucketResponses = {
    name: "b1",
    createdAt: "2024-01-01T00:00:00.000Z",
    fallbackRegion: "us-east-1",
    location: { kind: "ok", value: { LocationConstraint: "eu-central-1" } },
    policy: absent,
    acl: absent,
    publicAccessBlock: absent,
    ownership: absent,
    encryption: absent,
    versioning: { kind: "ok", value: {} },
    replication: absent,
    tags: absent,
    website: absent,
    logging: { kind: "ok", value: {} },
  };

  it("turns 'not configured' answers into absent values without errors", () => {
    const facts = toBucketFacts(base);
    expect(facts).toEqual({
      name: "b1",
      arn: "arn:aws:s3:::b1",
      region: "eu-central-1",
      createdAt: "2024-01-01T00:00:00.000Z",
      policy: null,
      policyJson: null,
      acl: null,
      publicAccessBlock: null,
      ownership: null,
      encryption: { type: "NONE" },
      versioning: "Disabled",
      replication: [],
      tags: {},
      websiteEnabled: false,
      loggingTargetBucket: null,
      errors: [],
    });
  });

  it("records failed calls on the bucket and keeps what the other calls read", () => {
    const denied = {
      operation: "s3:GetBucketPolicy",
      code: "AccessDenied",
      message: "Access Denied",
      resource: "arn:aws:s3:::b1",
    };
    const facts = toBucketFacts({
      ...base,
      location: { kind: "failed", error: { ...denied, operation: "s3:GetBucketLocation" } },
      policy: { kind: "failed", error: denied },
      website: { kind: "ok", value: { IndexDocument: { Suffix: "index.html" } } },
    });
    expect(facts.region).toBe("us-east-1");
    expect(facts.policy).toBeNull();
    expect(facts.websiteEnabled).toBe(true);
    expect(facts.errors.map((e) => `${e.operation}:${e.code}`)).toEqual([
      "s3:GetBucketLocation:AccessDenied",
      "s3:GetBucketPolicy:AccessDenied",
    ]);
  });

  it("records an encryption algorithm it does not know, without calling the bucket unencrypted", () => {
    const facts = toBucketFacts({
      ...base,
      encryption: {
        kind: "ok",
        value: {
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:fsx" as never } }],
          },
        },
      },
    });
    expect(facts.encryption).toEqual({ type: "AES256" });
    expect(facts.errors).toEqual([
      {
        operation: "s3:GetBucketEncryption",
        code: "UnsupportedValue",
        message: 'unknown SSEAlgorithm "aws:fsx", reported as AES256',
        resource: "arn:aws:s3:::b1",
      },
    ]);
  });

  it("keeps the policy text beside the parsed document, and records a malformed one", () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"}]}';
    const facts = toBucketFacts({ ...base, policy: { kind: "ok", value: { Policy: text } } });
    expect(facts.policyJson).toBe(text);
    expect(facts.policy).toEqual(JSON.parse(text));
    const bad = toBucketFacts({ ...base, policy: { kind: "ok", value: { Policy: "{not json" } } });
    expect(bad.policy).toBeNull();
    expect(bad.errors.map((e) => e.code)).toEqual(["MalformedPolicyDocument"]);
  });
});
