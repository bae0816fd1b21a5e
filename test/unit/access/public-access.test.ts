/** Rule 9: public-policy classification and the Macie-style bucket public access summary. */
import { describe, expect, it } from "vitest";
import { bucketPublicAccess, classifyPublicPolicy } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";
import { inventoryFrom } from "./fixture.js";

const allowStar = (condition?: Record<string, Record<string, string | string[]>>): PolicyDocument => ({
  Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...(condition ? { Condition: condition } : {}) },
});

describe("classifyPublicPolicy", () => {
  it.each<[string, PolicyDocument, boolean]>([
    ["Principal * without conditions", allowStar(), true],
    ['Principal {"AWS":"*"}', { Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*" } }, true],
    ["pinned by aws:SourceAccount", allowStar({ StringEquals: { "aws:SourceAccount": "111111111111" } }), false],
    ["pinned by aws:PrincipalOrgID", allowStar({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }), false],
    ["a wildcard value does not pin", allowStar({ StringLike: { "aws:PrincipalOrgID": "o-*" } }), true],
    ["a private CIDR pins", allowStar({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), false],
    ["0.0.0.0/0 does not pin", allowStar({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }), true],
    ["NotIpAddress does not pin", allowStar({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), true],
    ["aws:SecureTransport does not pin", allowStar({ Bool: { "aws:SecureTransport": "true" } }), true],
    ["a Deny is never public", { Statement: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" } }, false],
    ["a named account is not public", { Statement: { Effect: "Allow", Principal: { AWS: "222222222222" }, Action: "s3:*", Resource: "*" } }, false],
  ])("%s -> public %s", (_name, doc, expected) => {
    expect(classifyPublicPolicy(doc).isPublic).toBe(expected);
  });
});

describe("bucketPublicAccess", () => {
  const bpaOff = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
  const inventory = inventoryFrom({
    accountId: "111111111111",
    buckets: [
      { name: "site", policy: { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" }, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:role/cdn" }, Action: "s3:ListBucket", Resource: "arn:aws:s3:::site" }] } },
      { name: "drop", ownership: "ObjectWriter", acl: { ownerCanonicalId: "o", grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "WRITE" }] } },
      { name: "private" },
    ],
  });
  const [site, drop, priv] = inventory.buckets as [typeof inventory.buckets[0], typeof inventory.buckets[0], typeof inventory.buckets[0]];

  it("a public policy makes the bucket publicly readable and names the external account", () => {
    expect(bucketPublicAccess(site, bpaOff, { accountId: "111111111111" })).toEqual({
      effective: "PUBLIC",
      allowsPublicRead: true,
      allowsPublicWrite: false,
      policyPublic: true,
      aclPublic: false,
      sharedAccess: "EXTERNAL",
      externalAccounts: ["222222222222"],
    });
  });

  it("account-level RestrictPublicBuckets makes it not public, though the policy stays public as written", () => {
    const result = bucketPublicAccess(site, { ...bpaOff, restrictPublicBuckets: true }, { accountId: "111111111111", organizationAccountIds: ["222222222222"] });
    expect(result).toMatchObject({ effective: "NOT_PUBLIC", allowsPublicRead: false, policyPublic: true, sharedAccess: "INTERNAL" });
  });

  it("a public WRITE ACL allows public writes unless IgnorePublicAcls", () => {
    expect(bucketPublicAccess(drop, null, { accountId: "111111111111" })).toMatchObject({ effective: "PUBLIC", allowsPublicWrite: true, aclPublic: true });
    expect(bucketPublicAccess(drop, { ...bpaOff, ignorePublicAcls: true }, { accountId: "111111111111" })).toMatchObject({ effective: "NOT_PUBLIC", allowsPublicWrite: false, aclPublic: true });
  });

  it("a private bucket is NOT_PUBLIC and NOT_SHARED; UNKNOWN when its policy could not be read", () => {
    expect(bucketPublicAccess(priv, null, { accountId: "111111111111" })).toMatchObject({ effective: "NOT_PUBLIC", sharedAccess: "NOT_SHARED", externalAccounts: [] });
    const denied = { ...priv, errors: [{ operation: "GetBucketPolicy", code: "AccessDenied", message: "denied" }] };
    expect(bucketPublicAccess(denied, null).effective).toBe("UNKNOWN");
  });
});
