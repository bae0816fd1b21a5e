/** explainAccess's mapping of the engine's Decision, and its action check (no database: pure functions). */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { AccessDecision, TraceOutcome, TraceStepKind, checkExplainAction, toAccessExplanation } from "../../../schema/explain.js";
import type { Decision } from "../../../services/access/index.js";
import { InvalidInputError } from "../../../services/errors.js";

const ref = (policyId: string, sid: string, effect: "Allow" | "Deny", source: "identity" | "bucket-policy" | "acl") => ({
  policyId,
  sid,
  index: 0,
  effect,
  source,
});

describe("toAccessExplanation", () => {
  it("maps every trace step to its kind, outcome and statement, in order", () => {
    const allow = ref("arn:aws:iam::111122223333:policy/Read", "Read", "Allow", "identity");
    const deny = ref("arn:aws:s3:::b#policy", "NoHttp", "Deny", "bucket-policy");
    const aclGrant = ref("arn:aws:s3:::b#acl", "AllUsers:READ", "Allow", "acl");
    const decision: Decision = {
      decision: "Allow",
      conditional: true,
      conditions: [],
      deniedWhen: [{ Bool: { "aws:SecureTransport": "false" } }],
      grantedBy: [allow],
      deniedBy: [deny],
      trace: [
        { outcome: "allow", source: "identity", statement: allow, message: "allows" },
        { outcome: "conditional-deny", source: "bucket-policy", statement: deny, message: "denies if" },
        { outcome: "blocked", source: "block-public-access", statement: aclGrant, message: "IgnorePublicAcls" },
        { outcome: "blocked", source: "boundary", message: "boundary blocks" },
        { outcome: "allow", source: "acl", statement: aclGrant, message: "ACL allows" },
        { outcome: "note", source: "ownership", message: "ACLs disabled" },
      ],
    };
    const explanation = toAccessExplanation(decision, null);
    expect(explanation.decision).toBe(AccessDecision.ALLOW);
    expect(explanation.conditional).toBe(true);
    expect(explanation.deniedWhen).toEqual([{ Bool: { "aws:SecureTransport": "false" } }]);
    expect(explanation.grantedBy).toEqual([allow]);
    expect(explanation.deniedBy).toEqual([deny]);
    expect(explanation.steps.map((s) => [s.kind, s.outcome, s.policyId, s.sid, s.effect, s.source, s.detail])).toEqual([
      [TraceStepKind.POLICY_STATEMENT, TraceOutcome.ALLOW, allow.policyId, "Read", "Allow", "identity", "allows"],
      [TraceStepKind.POLICY_STATEMENT, TraceOutcome.CONDITIONAL_DENY, deny.policyId, "NoHttp", "Deny", "bucket-policy", "denies if"],
      [TraceStepKind.BLOCK_PUBLIC_ACCESS, TraceOutcome.BLOCKED, aclGrant.policyId, "AllUsers:READ", "Allow", "block-public-access", "IgnorePublicAcls"],
      [TraceStepKind.GUARDRAIL, TraceOutcome.BLOCKED, null, null, null, "boundary", "boundary blocks"],
      [TraceStepKind.ACL_GRANT, TraceOutcome.ALLOW, aclGrant.policyId, "AllUsers:READ", "Allow", "acl", "ACL allows"],
      [TraceStepKind.NOTE, TraceOutcome.NOTE, null, null, null, "ownership", "ACLs disabled"],
    ]);
  });

  it("maps the three decisions and keeps the role chain", () => {
    const base = { conditional: false, conditions: [], deniedWhen: [], grantedBy: [], deniedBy: [], trace: [] };
    expect(toAccessExplanation({ ...base, decision: "ExplicitDeny" }, null).decision).toBe(AccessDecision.EXPLICIT_DENY);
    const viaRole = toAccessExplanation({ ...base, decision: "ImplicitDeny" }, ["arn:aws:iam::111122223333:role/r"]);
    expect([viaRole.decision, viaRole.viaRoleChain]).toEqual([AccessDecision.IMPLICIT_DENY, ["arn:aws:iam::111122223333:role/r"]]);
  });
});

describe("checkExplainAction", () => {
  it("accepts the engine's actions in any case and returns AWS's spelling", () => {
    expect(checkExplainAction(" s3:getobject ")).toBe("s3:GetObject");
    expect(checkExplainAction("S3:PUTBUCKETPOLICY")).toBe("s3:PutBucketPolicy");
  });

  it("refuses other actions with the list of those it explains", () => {
    expect(() => checkExplainAction("READ")).toThrow(InvalidInputError);
    expect(() => checkExplainAction("s3:Fly")).toThrow('action: "s3:Fly" is not an action Sightline explains');
  });
});
