/**
 * Rule 10: a request through an access point needs both the access point and the bucket to permit it. A bucket policy
 * delegating to the account's access points (s3:DataAccessPointAccount) permits the bucket side of access point
 * requests only; the access point's Block Public Access applies to its side; a VPC access point makes the grant
 * depend on the request's VPC.
 */
import { describe, expect, it } from "vitest";
import type { AccessPointFacts, PublicAccessBlock } from "../../../services/aws/inventory.js";
import { explainAccess, explainAccessPointAccess } from "../../../services/access/index.js";
import type { PolicyDocument, PrincipalElement } from "../../../services/access/policy-document.js";
import { inventoryFrom } from "./fixture.js";

const ACCT = "111111111111";
const ana = `arn:aws:iam::${ACCT}:user/ana`;
const bob = `arn:aws:iam::${ACCT}:user/bob`;
const apArn = (name: string) => `arn:aws:s3:us-east-1:${ACCT}:accesspoint/${name}`;
const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const delegation: PolicyDocument = {
  Statement: [
    {
      Sid: "DelegateToAccessPoints",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: ["arn:aws:s3:::lake", "arn:aws:s3:::lake/*"],
      Condition: { StringEquals: { "s3:DataAccessPointAccount": ACCT } },
    },
  ],
};
const accessPoint = (name: string, bucket: string, policy: PolicyDocument, extra: Partial<AccessPointFacts> = {}): AccessPointFacts => ({
  name,
  arn: apArn(name),
  bucket,
  bucketAccountId: ACCT,
  networkOrigin: "Internet",
  vpcId: null,
  policy,
  policyJson: JSON.stringify(policy),
  publicAccessBlock: ALL_ON,
  errors: [],
  ...extra,
});
const allow = (sid: string, principal: PrincipalElement, resource: string): PolicyDocument => ({
  Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: resource }],
});

const inventory = inventoryFrom({
  accountId: ACCT,
  users: [{ name: "ana" }, { name: "bob", inline: { s3: { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } } } }],
  buckets: [{ name: "lake", policy: delegation }, { name: "plain" }],
});
inventory.accessPoints = [
  accessPoint("analytics", "lake", allow("AnaReadsExports", { AWS: ana }, `${apArn("analytics")}/object/exports/*`)),
  accessPoint("plain-ap", "plain", allow("AnaReads", { AWS: ana }, `${apArn("plain-ap")}/object/*`)),
  accessPoint("vpc-ap", "lake", allow("AnaReads", { AWS: ana }, `${apArn("vpc-ap")}/object/*`), { networkOrigin: "VPC", vpcId: "vpc-123" }),
  accessPoint("public-ap", "lake", allow("Everyone", "*", `${apArn("public-ap")}/object/*`), { publicAccessBlock: null }),
  accessPoint("guarded-ap", "lake", allow("Everyone", "*", `${apArn("guarded-ap")}/object/*`)),
];

describe("requests through an access point", () => {
  it.each<[string, string, string, string | undefined, "Allow" | "ImplicitDeny", boolean]>([
    // The access point policy names ana; the bucket delegates to the account's access points.
    ["ana", ana, "analytics", "exports/a.csv", "Allow", false],
    // The access point policy covers exports/ only.
    ["ana", ana, "analytics", "private/b.csv", "ImplicitDeny", false],
    // Bucket-wide: an Allow on part of the keys counts.
    ["ana", ana, "analytics", undefined, "Allow", false],
    // plain has no policy delegating to access points and ana has no identity policy: the bucket side refuses.
    ["ana", ana, "plain-ap", "x.csv", "ImplicitDeny", false],
    // bob's identity policy (Resource *) allows both the access point's and the bucket's ARNs.
    ["bob", bob, "plain-ap", "x.csv", "Allow", false],
    // A VPC access point: only requests from vpc-123.
    ["ana", ana, "vpc-ap", "x.csv", "Allow", true],
    // A public access point policy on a delegating bucket, no Block Public Access anywhere: anyone.
    ["anonymous", "*", "public-ap", "x.csv", "Allow", false],
    // The same policy on an access point whose RestrictPublicBuckets is on.
    ["anonymous", "*", "guarded-ap", "x.csv", "ImplicitDeny", false],
  ])("%s s3:GetObject through %s on %s: %s", (_name, principal, ap, key, decision, conditional) => {
    const result = explainAccessPointAccess(inventory, principal, ap, "s3:GetObject", key);
    expect([result.decision, result.conditional]).toEqual([decision, conditional]);
  });

  it("cites the access point statement and the bucket's delegation, and the VPC condition", () => {
    expect(explainAccessPointAccess(inventory, ana, apArn("analytics"), "s3:GetObject", "exports/a.csv").grantedBy).toEqual([
      { policyId: `${apArn("analytics")}#policy`, sid: "AnaReadsExports", index: 0, effect: "Allow", source: "access-point-policy" },
      { policyId: "arn:aws:s3:::lake#policy", sid: "DelegateToAccessPoints", index: 0, effect: "Allow", source: "bucket-policy" },
    ]);
    expect(explainAccessPointAccess(inventory, ana, "vpc-ap", "s3:GetObject", "x.csv").conditions).toEqual([{ StringEquals: { "aws:SourceVpc": "vpc-123" } }]);
  });

  it("a delegation to access points grants nothing on direct requests to the bucket", () => {
    expect(explainAccess(inventory, ana, "lake", "s3:GetObject", "exports/a.csv").decision).toBe("ImplicitDeny");
    expect(explainAccess(inventory, "*", "lake", "s3:GetObject").decision).toBe("ImplicitDeny");
  });
});
