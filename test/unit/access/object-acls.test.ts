/**
 * Rule 8 with the object ACL survey: a grant in a surveyed object ACL is access to part of the bucket (READ for the
 * grantee, its StatementRef naming the object), subject to Object Ownership and IgnorePublicAcls (rule 9); a question
 * about one key uses that object's ACL only.
 */
import { describe, expect, it } from "vitest";
import type { Acl, ObjectAclSurvey } from "../../../services/aws/inventory.js";
import { bucketPublicAccess, computeEffectiveAccess, explainAccess, type AccessGrant } from "../../../services/access/index.js";
import { EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS } from "../../../services/aws/seed/expected.js";
import { inventoryFrom } from "./fixture.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const PARTNER_ROOT = "arn:aws:iam::444444444444:root";
const ownerOnly: Acl = { ownerCanonicalId: "owner", grants: [{ grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" }] };
const publicRead: Acl = { ownerCanonicalId: "owner", grants: [...ownerOnly.grants, { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] };
const partnerRead: Acl = { ownerCanonicalId: "owner", grants: [...ownerOnly.grants, { grantee: { type: "CanonicalUser", id: "partner-canonical" }, permission: "READ" }] };
const survey: ObjectAclSurvey = {
  objectsChecked: 3,
  complete: true,
  limit: 1000,
  publicObjectCount: 1,
  objects: [
    { key: "a.csv", acl: publicRead, public: true },
    { key: "b.csv", acl: partnerRead, public: false },
  ],
  errors: [],
};
const ignorePublicAcls = { blockPublicAcls: false, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false };

const inventory = inventoryFrom({
  accountId: "111111111111",
  buckets: [
    { name: "press", ownership: "ObjectWriter", acl: ownerOnly },
    { name: "press-ignored", ownership: "ObjectWriter", acl: ownerOnly, bpa: ignorePublicAcls },
    { name: "press-enforced", ownership: "BucketOwnerEnforced", acl: ownerOnly },
  ],
});
for (const bucket of inventory.buckets) bucket.objectAcls = survey;
const options = { canonicalAccounts: { "partner-canonical": "444444444444" } };

const objectAclRef = (bucket: string, key: string, sid: string) => ({ policyId: `arn:aws:s3:::${bucket}/${key}#object-acl`, sid, index: 1, effect: "Allow", source: "acl" });
const readGrant = (principalArn: string, principalKind: AccessGrant["principalKind"], bucket: string, via: unknown[]): AccessGrant =>
  ({ principalArn, principalKind, bucketArn: `arn:aws:s3:::${bucket}`, level: "READ", actions: ["s3:GetObject", "s3:GetObjectVersion"], conditional: false, conditions: [], via }) as AccessGrant;

describe("surveyed object ACLs in bucket-wide answers", () => {
  const grants = computeEffectiveAccess(inventory, options).grants.filter((g) => g.principalArn !== "arn:aws:iam::111111111111:root");

  it("give READ (and nothing else) to the grantees of the surveyed objects, citing the first object carrying the grant", () => {
    expect(grants).toEqual([
      readGrant("*", "Public", "press", [objectAclRef("press", "a.csv", "AllUsers:READ")]),
      readGrant(AUTHENTICATED, "AuthenticatedUsers", "press", [objectAclRef("press", "a.csv", "AllUsers:READ")]),
      // AllUsers includes the partner: both grants are cited.
      readGrant(PARTNER_ROOT, "ExternalAccount", "press", [objectAclRef("press", "a.csv", "AllUsers:READ"), objectAclRef("press", "b.csv", "canonical:partner-canonical:READ")]),
      readGrant(PARTNER_ROOT, "ExternalAccount", "press-ignored", [objectAclRef("press-ignored", "b.csv", "canonical:partner-canonical:READ")]),
    ]);
  });

  it("IgnorePublicAcls drops the public grant but not the grant to an account; BucketOwnerEnforced drops both", () => {
    expect(grants.filter((g) => g.bucketArn === "arn:aws:s3:::press-ignored").map((g) => g.principalArn)).toEqual([PARTNER_ROOT]);
    expect(grants.filter((g) => g.bucketArn === "arn:aws:s3:::press-enforced")).toEqual([]);
  });

  it("make the bucket publicly readable in the Macie-style summary, though its bucket ACL is private", () => {
    expect(bucketPublicAccess(inventory.buckets[0]!, null, { accountId: "111111111111" })).toMatchObject({ effective: "PUBLIC", allowsPublicRead: true, allowsPublicWrite: false, aclPublic: false });
    expect(bucketPublicAccess(inventory.buckets[1]!, null, { accountId: "111111111111" })).toMatchObject({ effective: "NOT_PUBLIC", allowsPublicRead: false });
  });
});

describe("explainAccess with a key uses that object's ACL", () => {
  it.each<[string, string, string, "Allow" | "ImplicitDeny"]>([
    ["*", "press", "a.csv", "Allow"],
    ["*", "press", "b.csv", "ImplicitDeny"],
    ["*", "press", "c.csv", "ImplicitDeny"],
    ["*", "press-ignored", "a.csv", "ImplicitDeny"],
    ["*", "press-enforced", "a.csv", "ImplicitDeny"],
    [PARTNER_ROOT, "press", "b.csv", "Allow"],
    [PARTNER_ROOT, "press", "c.csv", "ImplicitDeny"],
  ])("%s s3:GetObject on %s/%s: %s", (principal, bucket, key, expected) => {
    expect(explainAccess(inventory, principal, bucket, "s3:GetObject", key, options).decision).toBe(expected);
  });

  it("cites the object's own ACL grant", () => {
    expect(explainAccess(inventory, "*", "press", "s3:GetObject", "a.csv", options).grantedBy).toEqual([objectAclRef("press", "a.csv", "AllUsers:READ")]);
  });

  it("without a key answers for any object, as the bulk computation does", () => {
    expect(explainAccess(inventory, "*", "press", "s3:GetObject", undefined, options).decision).toBe("Allow");
    expect(explainAccess(inventory, "*", "press", "s3:ListBucket", undefined, options).decision).toBe("ImplicitDeny");
  });
});

describe("the demo estate's acme-public-acl (public-read bucket and object ACLs, ObjectWriter, no BPA)", () => {
  const keys = ["press-kit/boilerplate.txt", "press-kit/fact-sheet.txt", "press-kit/logo-usage.txt", "press-kit/media-contacts.csv"];
  const demo = inventoryFrom({ accountId: "123456789012", buckets: [{ name: EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS.bucket, ownership: "ObjectWriter", acl: publicRead }] });
  demo.buckets[0]!.objectAcls = {
    objectsChecked: 4,
    complete: true,
    limit: 1000,
    publicObjectCount: 4,
    objects: keys.map((key) => ({ key, acl: publicRead, public: true })),
    errors: [],
  };

  it("gives anonymous callers the levels and citations expected.ts states", () => {
    const anonymous = computeEffectiveAccess(demo).grants.filter((g) => g.principalArn === "*");
    expect(anonymous.map((g) => g.level)).toEqual([...EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS.levels]);
    const refs = (level: string) => anonymous.find((g) => g.level === level)!.via.map((r) => ({ policyId: r.policyId, sid: r.sid, source: r.source }));
    expect(refs("READ")).toEqual([EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS.readVia]);
    expect(refs("LIST")).toEqual([EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS.listVia]);
  });
});
