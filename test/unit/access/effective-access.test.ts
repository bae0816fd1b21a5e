/** computeEffectiveAccess on bad input: recorded and skipped, never fatal; explain APIs name what is missing. */
import { describe, expect, it } from "vitest";
import { computeEffectiveAccess, explainAccess, explainAssumeRole } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";
import { NotFoundError } from "../../../services/errors.js";
import { inventoryFrom } from "./fixture.js";

const inventory = inventoryFrom({
  accountId: "111111111111",
  users: [{ name: "vic", attached: ["NotCollected"], inline: { read: { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::good/*" } } } }],
  roles: [{ name: "ops", trust: { Statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:user/vic" }, Action: "sts:AssumeRole" } } }],
  buckets: [{ name: "good" }, { name: "broken", policy: { Statement: { Effect: "Permit", Action: "s3:*", Resource: "*" } } as unknown as PolicyDocument }],
});

describe("computeEffectiveAccess with bad input", () => {
  const access = computeEffectiveAccess(inventory);

  it("records the unparseable bucket policy and the uncollected attached policy", () => {
    expect(access.skipped).toEqual([
      { policyId: "arn:aws:iam::111111111111:policy/NotCollected", reason: "attached managed policy was not collected; its statements are not evaluated" },
      { policyId: "arn:aws:s3:::broken#policy", reason: 'arn:aws:s3:::broken#policy.Statement[0].Effect: must be "Allow" or "Deny", got "Permit"' },
    ]);
  });

  it("still computes everything else", () => {
    expect(access.grants.filter((g) => g.principalArn.endsWith("user/vic")).map((g) => `${g.bucketArn} ${g.level}`)).toEqual(["arn:aws:s3:::good READ"]);
    expect(access.assumes.map((a) => `${a.fromArn} -> ${a.toRoleArn}`)).toEqual(["arn:aws:iam::111111111111:user/vic -> arn:aws:iam::111111111111:role/ops"]);
  });
});

describe("explain APIs", () => {
  it("throw NotFoundError for an unknown bucket or principal", () => {
    expect(() => explainAccess(inventory, "arn:aws:iam::111111111111:user/vic", "nope", "s3:GetObject")).toThrow(NotFoundError);
    expect(() => explainAccess(inventory, "arn:aws:iam::111111111111:user/ghost", "good", "s3:GetObject")).toThrow(NotFoundError);
  });

  it("explainAssumeRole says which trust statement allowed", () => {
    const decision = explainAssumeRole(inventory, "arn:aws:iam::111111111111:user/vic", "arn:aws:iam::111111111111:role/ops");
    expect(decision.decision).toBe("Allow");
    expect(decision.grantedBy).toEqual([{ policyId: "arn:aws:iam::111111111111:role/ops#trust", sid: "0", index: 0, effect: "Allow", source: "trust" }]);
  });
});
