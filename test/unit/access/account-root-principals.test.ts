/**
 * Rules 5 and 13: a policy naming another account's root trusts every principal of that account its administrators
 * allow. Bucket policies (CAN_ACCESS) and trust policies (CAN_ASSUME) must both reach the principals of that account
 * the inventory knows (those some bucket or trust policy names by ARN), not the root alone.
 */
import { describe, expect, it } from "vitest";
import { computeEffectiveAccess } from "../../../services/access/index.js";
import { inventoryFrom } from "./fixture.js";

const ACCT = "111111111111";
const PARTNER = "222222222222";
const partnerRoot = `arn:aws:iam::${PARTNER}:root`;
const partnerRole = `arn:aws:iam::${PARTNER}:role/partner-reader`;
const access = `arn:aws:iam::${ACCT}:role/partner-access`;
const lonely = `arn:aws:iam::${ACCT}:role/lonely-access`;

const inventory = inventoryFrom({
  accountId: ACCT,
  users: [{ name: "local" }],
  roles: [
    {
      name: "partner-access",
      trust: { Statement: [{ Sid: "TrustPartner", Effect: "Allow", Principal: { AWS: partnerRoot }, Action: "sts:AssumeRole" }] },
      inline: { read: { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::via-role/*" } } },
    },
    {
      // An account nothing else names: only its root is known.
      name: "lonely-access",
      trust: { Statement: [{ Sid: "TrustOther", Effect: "Allow", Principal: { AWS: "333333333333" }, Action: "sts:AssumeRole" }] },
    },
  ],
  buckets: [
    {
      name: "shared",
      policy: {
        Statement: [
          { Sid: "ShareWithPartner", Effect: "Allow", Principal: { AWS: partnerRoot }, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared/*" },
          { Sid: "PartnerRoleList", Effect: "Allow", Principal: { AWS: partnerRole }, Action: "s3:ListBucket", Resource: "arn:aws:s3:::shared" },
        ],
      },
    },
    { name: "other-shared", policy: { Statement: [{ Sid: "RootOnly", Effect: "Allow", Principal: { AWS: PARTNER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::other-shared/*" }] } },
    { name: "via-role" },
  ],
});
const result = computeEffectiveAccess(inventory);
const trustRef = (role: string, sid: string) => ({ policyId: `${role}#trust`, sid, index: 0, effect: "Allow", source: "trust" });

describe("a policy naming another account's root", () => {
  it("lets the root and the account's known role assume the role it trusts", () => {
    expect(result.assumes.map((a) => [a.fromArn, a.fromKind, a.toRoleArn, a.conditional, a.via])).toEqual([
      [partnerRoot, "ExternalAccount", access, false, [trustRef(access, "TrustPartner")]],
      [partnerRole, "Role", access, false, [trustRef(access, "TrustPartner")]],
      ["arn:aws:iam::333333333333:root", "ExternalAccount", lonely, false, [trustRef(lonely, "TrustOther")]],
    ]);
  });

  it("gives its bucket grant to the account's known role too, on a bucket that names only the root", () => {
    const readers = result.grants
      .filter((g) => g.bucketArn === "arn:aws:s3:::other-shared" && g.principalArn !== `arn:aws:iam::${ACCT}:root`)
      .map((g) => [g.principalArn, g.level, g.via.map((r) => r.sid)]);
    expect(readers).toEqual([
      [partnerRoot, "READ", ["RootOnly"]],
      [partnerRole, "READ", ["RootOnly"]],
    ]);
  });

  it("reaches no principal of the resource's own account", () => {
    expect(result.assumes.filter((a) => a.fromArn === `arn:aws:iam::${ACCT}:user/local`)).toEqual([]);
    expect(result.grants.filter((g) => g.principalArn === `arn:aws:iam::${ACCT}:user/local`)).toEqual([]);
  });
});
