/**
 * The pure halves of the resource-control collectors: KMS answers to KmsKeyFacts, GetObjectAcl answers to a survey,
 * S3 Control answers to AccessPointFacts, Organizations answers to policies and to the engine's organization context.
 */
import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../../../services/access/policy-document.js";
import type { Acl, BucketFacts, OrganizationFacts } from "../../../services/aws/inventory.js";
import { kmsKeyReferences, toKmsGrant, toKmsKeyFacts } from "../../../services/aws/kms.js";
import { isNotableObjectAcl, objectAclsCanMatter, toObjectAclSurvey } from "../../../services/aws/object-acls.js";
import { toAccessPointFacts } from "../../../services/aws/access-points.js";
import { toOrganizationContext, toOrganizationPolicy } from "../../../services/aws/organizations.js";

const OWNER = "a".repeat(64);
const OTHER = "b".repeat(64);
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const DOC: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const ownerOnly: Acl = { ownerCanonicalId: OWNER, grants: [{ grantee: { type: "CanonicalUser", id: OWNER }, permission: "FULL_CONTROL" }] };
const publicRead: Acl = { ...ownerOnly, grants: [...ownerOnly.grants, { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] };
const sharedWithOther: Acl = { ...ownerOnly, grants: [...ownerOnly.grants, { grantee: { type: "CanonicalUser", id: OTHER }, permission: "READ" }] };
const ownedByOther: Acl = { ownerCanonicalId: OTHER, grants: [{ grantee: { type: "CanonicalUser", id: OTHER }, permission: "FULL_CONTROL" }] };

describe("KMS mapping", () => {
  it("lists each SSE-KMS key reference once, sorted, and ignores SSE-S3 and keyless SSE-KMS (aws/s3)", () => {
    const b = (kmsKeyArn: string | undefined, type: BucketFacts["encryption"]["type"] = "aws:kms") =>
      ({ encryption: { type, ...(kmsKeyArn ? { kmsKeyArn } : {}) } }) as BucketFacts;
    expect(kmsKeyReferences([b("alias/z"), b(KEY), b("alias/z"), b(KEY, "aws:kms:dsse"), b(undefined), b(KEY, "AES256")])).toEqual([
      KEY,
      "alias/z",
    ].sort());
  });

  it("maps a grant, sorting its operations and keeping only the constraints it has", () => {
    expect(
      toKmsGrant({ GrantId: "g", GranteePrincipal: "arn:aws:iam::111122223333:role/r", Operations: ["GenerateDataKey", "Decrypt"], Constraints: { EncryptionContextEquals: { k: "v" } } }),
    ).toEqual({
      grantId: "g",
      granteePrincipal: "arn:aws:iam::111122223333:role/r",
      retiringPrincipal: null,
      operations: ["Decrypt", "GenerateDataKey"],
      constraints: { EncryptionContextEquals: { k: "v" } },
    });
    expect(toKmsGrant({ GrantId: "g" })).toBeNull();
  });

  it("takes the ARN DescribeKey gave, remembers the alias it was reached by, records a malformed policy", () => {
    const ok = toKmsKeyFacts({
      reference: "alias/finance",
      metadata: { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", Arn: KEY, KeyManager: "CUSTOMER", KeyState: "PendingDeletion" },
      policyText: JSON.stringify(DOC),
      grants: [],
      errors: [],
    });
    expect(ok).toEqual({
      arn: KEY,
      keyPolicy: DOC,
      policyJson: JSON.stringify(DOC),
      grants: [],
      references: ["alias/finance"],
      errors: [],
      keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
      keyManager: "CUSTOMER",
      keyState: "PendingDeletion",
    });
    const bad = toKmsKeyFacts({ reference: KEY, metadata: null, policyText: "{", grants: [], errors: [] });
    expect([bad.arn, bad.keyPolicy, bad.policyJson, bad.references, bad.errors?.map((e) => e.code)]).toEqual([
      KEY,
      null,
      null,
      [],
      ["MalformedPolicyDocument"],
    ]);
  });
});

describe("object ACL survey mapping", () => {
  it("calls an ACL notable when it grants anyone but the owner, or the object has another owner", () => {
    expect(isNotableObjectAcl(ownerOnly, OWNER)).toBe(false);
    expect(isNotableObjectAcl(publicRead, OWNER)).toBe(true);
    expect(isNotableObjectAcl(sharedWithOther, OWNER)).toBe(true);
    expect(isNotableObjectAcl(ownedByOther, OWNER)).toBe(true);
    // The bucket owner's own grant on an object another account wrote is not a share.
    expect(isNotableObjectAcl({ ownerCanonicalId: OWNER, grants: [{ grantee: { type: "CanonicalUser", id: OWNER }, permission: "READ" }] }, null)).toBe(
      false,
    );
  });

  it("keeps notable objects in key order and counts the public ones", () => {
    expect(
      toObjectAclSurvey({
        limit: 10,
        complete: true,
        bucketOwnerCanonicalId: OWNER,
        acls: [
          { key: "z", acl: publicRead },
          { key: "a", acl: ownerOnly },
          { key: "m", acl: sharedWithOther },
        ],
        errors: [],
      }),
    ).toEqual({
      objectsChecked: 3,
      complete: true,
      limit: 10,
      publicObjectCount: 1,
      objects: [
        { key: "m", acl: sharedWithOther, public: false },
        { key: "z", acl: publicRead, public: true },
      ],
      errors: [],
    });
  });

  it("surveys unless ACLs are disabled: unknown ownership (null) means ACLs may be enabled", () => {
    expect(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter", null].map((o) => objectAclsCanMatter({ ownership: o as BucketFacts["ownership"] }))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});

describe("access point mapping", () => {
  const listed = { Name: "ap", Bucket: "b", AccessPointArn: "arn:aws:s3:us-east-1:111122223333:accesspoint/ap", NetworkOrigin: "VPC" as const, VpcConfiguration: { VpcId: "vpc-9" } };

  it("folds the listing, GetAccessPoint and the policy; a failed call is an error on the access point", () => {
    const facts = toAccessPointFacts(
      listed,
      { kind: "failed", error: { operation: "s3control:GetAccessPoint", code: "AccessDenied", message: "no" } },
      { kind: "ok", value: { Policy: JSON.stringify(DOC) } },
    );
    expect(facts).toEqual({
      name: "ap",
      arn: listed.AccessPointArn,
      bucket: "b",
      bucketAccountId: null,
      networkOrigin: "VPC",
      vpcId: "vpc-9",
      policy: DOC,
      policyJson: JSON.stringify(DOC),
      publicAccessBlock: null,
      errors: [{ operation: "s3control:GetAccessPoint", code: "AccessDenied", message: "no" }],
    });
  });

  it("records a malformed policy, treats no policy as none, and skips an entry without a name", () => {
    const details = { kind: "ok" as const, value: { PublicAccessBlockConfiguration: { BlockPublicAcls: true } } };
    const bad = toAccessPointFacts(listed, details, { kind: "ok", value: { Policy: "[]" } });
    expect([bad?.policy, bad?.errors.map((e) => e.code), bad?.publicAccessBlock?.blockPublicAcls]).toEqual([null, ["MalformedPolicyDocument"], true]);
    expect(toAccessPointFacts(listed, details, { kind: "absent" })?.policy).toBeNull();
    expect(toAccessPointFacts({ Bucket: "b" } as Parameters<typeof toAccessPointFacts>[0], details, { kind: "absent" })).toBeNull();
  });
});

describe("organization mapping", () => {
  it("maps DescribePolicy answers and rejects other policy types and malformed content", () => {
    const summary = { Id: "p-1", Arn: "arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-1", Name: "X", AwsManaged: false };
    expect(toOrganizationPolicy({ PolicySummary: { ...summary, Type: "SERVICE_CONTROL_POLICY" }, Content: JSON.stringify(DOC) })).toEqual({
      id: "p-1",
      arn: summary.Arn,
      name: "X",
      type: "SERVICE_CONTROL_POLICY",
      awsManaged: false,
      document: DOC,
    });
    expect(toOrganizationPolicy({ PolicySummary: { ...summary, Type: "TAG_POLICY" } })).toMatchObject({ code: "UnsupportedValue" });
    expect(toOrganizationPolicy({ PolicySummary: { ...summary, Type: "RESOURCE_CONTROL_POLICY" }, Content: "nope" })).toMatchObject({
      code: "MalformedPolicyDocument",
    });
  });

  it("gives the engine one array per level for applied types, none for the others, nothing unless collected", () => {
    const deny: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] };
    const org: OrganizationFacts = {
      status: "COLLECTED",
      organizationId: "o-1",
      managementAccountId: "999999999999",
      path: [
        { id: "r-1", type: "ROOT", policyIds: ["p-full", "p-rcp"] },
        { id: "ou-1", type: "ORGANIZATIONAL_UNIT", policyIds: [] },
        { id: "111122223333", type: "ACCOUNT", policyIds: ["p-deny", "p-full"] },
      ],
      policies: [
        { id: "p-deny", arn: "a1", name: "Deny", type: "SERVICE_CONTROL_POLICY", awsManaged: false, document: deny },
        { id: "p-full", arn: "a2", name: "Full", type: "SERVICE_CONTROL_POLICY", awsManaged: true, document: DOC },
        { id: "p-rcp", arn: "a3", name: "R", type: "RESOURCE_CONTROL_POLICY", awsManaged: true, document: DOC },
      ],
      // RCPs were not read completely: they must not be applied with holes.
      appliedPolicyTypes: ["SERVICE_CONTROL_POLICY"],
      errors: [],
    };
    expect(toOrganizationContext(org)).toEqual({
      organizationId: "o-1",
      managementAccountId: "999999999999",
      serviceControlPolicies: [[DOC], [], [deny, DOC]],
      resourceControlPolicies: [],
    });
    expect(toOrganizationContext({ status: "NOT_IN_ORGANIZATION" })).toBeUndefined();
    expect(toOrganizationContext(undefined)).toBeUndefined();
  });
});
