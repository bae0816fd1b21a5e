import { describe, expect, it } from "vitest";
import type { BucketFacts, PublicAccessBlock } from "../../../services/aws/inventory.js";
import { bucketPostureFindings, effectiveBlockPublicAccess } from "../../../services/findings/posture-findings.js";

const ACCOUNT = "111122223333";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const BLOCK_ALL: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

function bucket(overrides: Partial<BucketFacts> = {}): BucketFacts {
  return {
    name: "b",
    arn: "arn:aws:s3:::b",
    region: "us-east-1",
    createdAt: null,
    policy: null,
    policyJson: null,
    acl: { ownerCanonicalId: "owner", grants: [] },
    publicAccessBlock: BLOCK_ALL,
    ownership: "BucketOwnerEnforced",
    encryption: { type: "AES256" },
    versioning: "Disabled",
    replication: [],
    tags: {},
    websiteEnabled: false,
    loggingTargetBucket: null,
    errors: [],
    ...overrides,
  };
}

const types = (b: BucketFacts, accountBpa: PublicAccessBlock | null = null) =>
  bucketPostureFindings(b, ACCOUNT, accountBpa).map((f) => f.type).sort();

const publicRead = {
  Version: "2012-10-17",
  Statement: [{ Sid: "PublicRead", Effect: "Allow" as const, Principal: "*" as const, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
};

describe("posture findings", () => {
  it("raises nothing for a private, encrypted bucket with Block Public Access on", () => {
    expect(types(bucket())).toEqual([]);
  });

  it("raises S3BucketPublic and S3BlockPublicAccessDisabled for a public-read policy without BPA", () => {
    expect(types(bucket({ policy: publicRead, publicAccessBlock: null }))).toEqual([
      "Policy:IAMUser/S3BlockPublicAccessDisabled",
      "Policy:IAMUser/S3BucketPublic",
    ]);
  });

  it("does not call a bucket public when RestrictPublicBuckets (bucket or account) neutralises its policy", () => {
    expect(types(bucket({ policy: publicRead }))).toEqual([]);
    const accountOnly: PublicAccessBlock = { ...BLOCK_ALL, blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false };
    expect(types(bucket({ policy: publicRead, publicAccessBlock: null }), accountOnly)).toEqual([]);
  });

  it("counts a public ACL only while ACLs are enabled and IgnorePublicAcls is off", () => {
    const acl = { ownerCanonicalId: "owner", grants: [{ grantee: { type: "Group" as const, uri: ALL_USERS }, permission: "READ" as const }] };
    expect(types(bucket({ acl, ownership: "ObjectWriter", publicAccessBlock: null }))).toContain("Policy:IAMUser/S3BucketPublic");
    expect(types(bucket({ acl, ownership: "BucketOwnerEnforced", publicAccessBlock: null }))).not.toContain("Policy:IAMUser/S3BucketPublic");
    expect(types(bucket({ acl, ownership: "ObjectWriter" }))).toEqual([]);
  });

  it("raises S3BucketSharedExternally naming the other accounts, not the owner's", () => {
    const policy = {
      Statement: [
        { Effect: "Allow" as const, Principal: { AWS: ["arn:aws:iam::210987654321:root", `arn:aws:iam::${ACCOUNT}:role/x`] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny" as const, Principal: { AWS: "999999999999" }, Action: "s3:*", Resource: "arn:aws:s3:::b/*" },
      ],
    };
    const [finding] = bucketPostureFindings(bucket({ policy }), ACCOUNT, null);
    expect(finding).toMatchObject({ type: "Policy:IAMUser/S3BucketSharedExternally", severity: "HIGH", detail: { accounts: ["210987654321"] } });
  });

  it("raises S3BucketReplicatedExternally, S3BucketEncryptionDisabled and S3BucketSharedWithCloudFront", () => {
    const b = bucket({
      encryption: { type: "NONE" },
      replication: [{ id: "r", status: "Enabled", destinationBucketArn: "arn:aws:s3:::dst", destinationAccountId: "210987654321" }],
      policy: { Statement: [{ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
    });
    expect(types(b)).toEqual([
      "Policy:IAMUser/S3BucketEncryptionDisabled",
      "Policy:IAMUser/S3BucketReplicatedExternally",
      "Policy:IAMUser/S3BucketSharedWithCloudFront",
    ]);
  });

  it("ORs account and bucket Block Public Access flag by flag", () => {
    const account: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
    const bucketLevel: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: true };
    expect(effectiveBlockPublicAccess(account, bucketLevel)).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
  });
});
