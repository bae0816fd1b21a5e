/**
 * evaluateRequest on hand-built contexts: cross-account needs both sides, session policies and session ARNs, conditional
 * denies, and the trace that explainAccess shows.
 */
import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateRequest, type EvaluationContext, type RequestPrincipal } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";

const identity = (doc: PolicyDocument) => compilePolicy(doc, "identity", "identity");
const bucketPolicy = (doc: PolicyDocument) => compilePolicy(doc, "arn:aws:s3:::b#policy", "bucket-policy");
const readAll: PolicyDocument = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
const alice: RequestPrincipal = { kind: "User", arn: "arn:aws:iam::222222222222:user/alice", accountId: "222222222222" };
const request = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };

describe("cross-account requests need both sides (rule 5)", () => {
  const grantAlice = bucketPolicy({ Statement: { Sid: "Alice", Effect: "Allow", Principal: { AWS: alice.arn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" } });
  it.each<[string, EvaluationContext, string]>([
    ["identity only", { identityPolicies: [identity(readAll)], resourceAccountId: "111111111111" }, "ImplicitDeny"],
    ["resource only", { identityPolicies: [], resourceAccountId: "111111111111", resourcePolicy: grantAlice }, "ImplicitDeny"],
    ["both", { identityPolicies: [identity(readAll)], resourceAccountId: "111111111111", resourcePolicy: grantAlice }, "Allow"],
    ["same account, identity only", { identityPolicies: [identity(readAll)], resourceAccountId: "222222222222" }, "Allow"],
  ])("%s -> %s", (_name, context, expected) => {
    expect(evaluateRequest(request, context).decision).toBe(expected);
  });
});

describe("role sessions and session policies (rules 6, 7)", () => {
  const role: RequestPrincipal = {
    kind: "Role",
    arn: "arn:aws:iam::111111111111:role/path/app",
    sessionArn: "arn:aws:sts::111111111111:assumed-role/app/job-1",
    accountId: "111111111111",
  };
  const onlyList = identity({ Statement: { Effect: "Allow", Action: "s3:ListBucket", Resource: "*" } });
  const base = { identityPolicies: [identity(readAll)], resourceAccountId: "111111111111" };
  const req = { ...request, principal: role };

  it("a session policy limits identity grants", () => {
    expect(evaluateRequest(req, { ...base, sessionPolicy: onlyList }).decision).toBe("ImplicitDeny");
    expect(evaluateRequest(req, base).decision).toBe("Allow");
  });

  it("a bucket policy naming the session ARN is not limited by the session policy; one naming the role ARN is", () => {
    const bySession = bucketPolicy({ Statement: { Effect: "Allow", Principal: { AWS: role.sessionArn! }, Action: "s3:GetObject", Resource: "*" } });
    const byRole = bucketPolicy({ Statement: { Effect: "Allow", Principal: { AWS: role.arn }, Action: "s3:GetObject", Resource: "*" } });
    const ctx = { identityPolicies: [], resourceAccountId: "111111111111", sessionPolicy: onlyList };
    expect(evaluateRequest(req, { ...ctx, resourcePolicy: bySession }).decision).toBe("Allow");
    expect(evaluateRequest(req, { ...ctx, resourcePolicy: byRole }).decision).toBe("ImplicitDeny");
  });
});

describe("conditional denies and the trace", () => {
  const denyOutsideVpc = bucketPolicy({
    Statement: { Sid: "VpcOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } },
  });
  const same: RequestPrincipal = { ...alice, accountId: "111111111111", arn: "arn:aws:iam::111111111111:user/alice" };

  it("stays conditional while the key is unknown, and decides once it is known", () => {
    const ctx = { identityPolicies: [identity(readAll)], resourceAccountId: "111111111111", resourcePolicy: denyOutsideVpc };
    const unknown = evaluateRequest({ ...request, principal: same }, ctx);
    expect(unknown).toMatchObject({ decision: "Allow", conditional: true, deniedWhen: [{ StringNotEquals: { "aws:SourceVpce": "vpce-1" } }] });
    expect(unknown.deniedBy.map((r) => r.sid)).toEqual(["VpcOnly"]);
    expect(evaluateRequest({ ...request, principal: same, context: { "aws:SourceVpce": "vpce-2" } }, ctx).decision).toBe("ExplicitDeny");
    expect(evaluateRequest({ ...request, principal: same, context: { "aws:SourceVpce": "vpce-1" } }, ctx)).toMatchObject({ decision: "Allow", conditional: false });
  });

  it("the trace names the statement that denied", () => {
    const ctx = { identityPolicies: [identity(readAll)], resourceAccountId: "111111111111", resourcePolicy: denyOutsideVpc };
    const decision = evaluateRequest({ ...request, principal: same, context: { "aws:SourceVpce": "vpce-2" } }, ctx);
    expect(decision.trace.filter((t) => t.outcome === "deny").map((t) => t.message)).toEqual([
      "Deny statement VpcOnly of arn:aws:s3:::b#policy denies s3:GetObject",
    ]);
  });
});
