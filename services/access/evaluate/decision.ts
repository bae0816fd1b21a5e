/**
 * evaluateRequest: AWS's authorization decision for one request, as the IAM and S3 user guides describe it
 * (see docs/access-semantics.md, rules 1-14). Explicit denies win everywhere; SCPs and RCPs gate; same-account
 * requests need one grant (identity, or a resource grant naming the principal), cross-account requests need both
 * sides; a permissions boundary or session policy limits identity grants and role-ARN resource grants; ACLs count
 * while Object Ownership allows them; Block Public Access filters public grants; SSE-KMS adds the key policy.
 * Conditions on unknown keys keep a grant (or a deny) conditional instead of deciding it.
 */
import { bucketOfS3Arn } from "../arn.js";
import { aclSupport } from "../acl.js";
import { evaluateCondition, type Truth } from "../condition/evaluate.js";
import { RequestContextKeys } from "../condition/context.js";
import type { StatementRef } from "../effective-access.js";
import type { ConditionBlock } from "../policy-document.js";
import type { CompiledPolicy, CompiledStatement, PolicySource } from "../policy/normalize.js";
import { statementsForAction } from "../policy/statements-for-action.js";
import { matchPrincipal, type PrincipalMatch } from "../matching/principal.js";
import type { ResourceTarget } from "../matching/resource.js";
import { classifyPublicPolicy } from "../public-policy.js";
import type { AccessRequest, EvaluationContext, RequestPrincipal } from "./request.js";
import { allOf, anyOf, NO, YES, type Support } from "./support.js";

export interface TraceStep {
  outcome: "allow" | "conditional-allow" | "deny" | "conditional-deny" | "blocked" | "note";
  source: PolicySource | "block-public-access" | "ownership" | "kms" | "engine";
  statement?: StatementRef;
  message: string;
}

export interface Decision {
  decision: "Allow" | "ExplicitDeny" | "ImplicitDeny";
  /** True when the Allow depends on conditions (or conditional Denies) whose context is unknown. */
  conditional: boolean;
  /** What the Allow depends on: every block listed must hold. */
  conditions: ConditionBlock[];
  /** Conditions of Deny statements that would block the Allow whenever they hold. */
  deniedWhen: ConditionBlock[];
  grantedBy: StatementRef[];
  /** The matching Deny statements: unconditional ones for ExplicitDeny, conditional ones for a conditional Allow. */
  deniedBy: StatementRef[];
  trace: TraceStep[];
}

interface Applied {
  statement: CompiledStatement;
  truth: Truth;
  match: PrincipalMatch;
}

const KMS_READ_ACTIONS = new Set(["s3:getobject", "s3:getobjectversion"]);
const KMS_WRITE_ACTIONS = new Set(["s3:putobject"]);

/** Which key permission an S3 action needs on an SSE-KMS bucket: "decrypt", "generate" or "none". */
export function kmsUseOf(lowerAction: string): "decrypt" | "generate" | "none" {
  return KMS_READ_ACTIONS.has(lowerAction) ? "decrypt" : KMS_WRITE_ACTIONS.has(lowerAction) ? "generate" : "none";
}

/** Whether a statement that covers the request's action applies to it (resource, principal, condition). */
function applies(
  statement: CompiledStatement,
  target: ResourceTarget,
  keys: RequestContextKeys,
  principal: RequestPrincipal | null,
  hasBoundary: boolean,
): Applied | null {
  if (statement.resources) {
    const r = statement.resources.match(target, keys);
    if (statement.effect === "Allow" ? !r.some : !r.all) return null;
  }
  let match: PrincipalMatch = "direct";
  if (principal) {
    if (!statement.principals) return null;
    match = matchPrincipal(statement.principals, principal);
    // AWS: a Deny with NotPrincipal always applies to a principal that has a permissions boundary.
    if (statement.principals.not && statement.effect === "Deny" && hasBoundary) match = "wildcard";
    if (match === "none") return null;
  }
  const truth = statement.condition ? evaluateCondition(statement.condition, keys) : "true";
  if (truth === "false") return null;
  return { statement, truth, match };
}

function supportOf(applied: Applied): Support {
  return applied.truth === "true"
    ? { level: 2, conditions: [], via: [applied.statement.ref] }
    : { level: 1, conditions: [applied.statement.condition!.block], via: [applied.statement.ref] };
}

class Evaluation {
  readonly trace: TraceStep[] = [];
  readonly denies: Applied[] = [];
  /** Deny statements of an SSE-KMS key policy that refused the key: they deny this request too. */
  readonly keyPolicyDenies: StatementRef[] = [];
  readonly keys: RequestContextKeys;
  readonly action: string;
  readonly target: ResourceTarget;
  readonly tracing: boolean;

  constructor(
    readonly request: AccessRequest,
    readonly context: EvaluationContext,
  ) {
    this.keys = request.contextKeys ?? new RequestContextKeys(request.context ?? {}, request.contextComplete ?? false, request.contextCompletePrefixes);
    this.action = request.action.toLowerCase();
    this.target = request.anyObject ? anyObjectTarget(request.resource) : { arn: request.resource };
    this.tracing = !context.withoutTrace;
  }

  note(step: TraceStep): void {
    if (this.tracing) this.trace.push(step);
  }

  /** Applies every statement of the policies; records Denies, returns the Allows. */
  scan(policies: CompiledPolicy[], principal: RequestPrincipal | null): Applied[] {
    const allows: Applied[] = [];
    const hasBoundary = Boolean(this.context.permissionsBoundary);
    for (const policy of policies) {
      for (const statement of statementsForAction(policy, this.action)) {
        const applied = applies(statement, this.target, this.keys, principal, hasBoundary);
        if (!applied) continue;
        if (statement.effect === "Deny") this.denies.push(applied);
        else allows.push(applied);
      }
    }
    return allows;
  }

  allowSupport(allows: Applied[], label: string): Support {
    const support = anyOf(allows.map(supportOf));
    if (this.tracing) {
      for (const a of allows) {
        this.note({
          outcome: a.truth === "true" ? "allow" : "conditional-allow",
          source: a.statement.ref.source,
          statement: a.statement.ref,
          message: `${label} statement ${a.statement.ref.sid} of ${a.statement.ref.policyId} allows ${this.request.action}${a.truth === "true" ? "" : " if its condition holds"}${a.match !== "direct" && a.statement.principals ? ` (principal matched as ${a.match})` : ""}`,
        });
      }
    }
    return support;
  }

  /** Every level of an SCP/RCP hierarchy must allow. */
  levelsGate(levels: CompiledPolicy[][], principal: RequestPrincipal | null, label: "scp" | "rcp"): Support {
    const perLevel = levels.map((level) => anyOf(this.scan(level, principal).map(supportOf)));
    const gate = allOf(perLevel);
    if (gate.level === 0) this.note({ outcome: "blocked", source: label, message: `no ${label.toUpperCase()} at some level of the organization allows ${this.request.action}` });
    return gate;
  }
}

function accountOf(principal: RequestPrincipal): string | null {
  return principal.accountId;
}

export function evaluateRequest(request: AccessRequest, context: EvaluationContext): Decision {
  const ev = new Evaluation(request, context);
  const principal = request.principal;
  const sameAccount = accountOf(principal) !== null && accountOf(principal) === context.resourceAccountId;
  const signed = principal.kind !== "Anonymous";
  const gates: Support[] = [];

  // Organization policies.
  if (context.serviceControlPolicies?.length && signed && principal.kind !== "Service" && principal.kind !== "Federated") {
    gates.push(ev.levelsGate(context.serviceControlPolicies, null, "scp"));
  }
  if (context.resourceControlPolicies?.length && principal.kind !== "Service") {
    gates.push(ev.levelsGate(context.resourceControlPolicies, principal, "rcp"));
  }

  // Principal side: identity policies (the user's and its groups', or the role's), boundary, session policy.
  let identity: Support = NO;
  let principalGate: Support = YES;
  if (context.identityPolicies === "unrestricted") {
    if (signed && principal.kind !== "Service" && principal.kind !== "Federated") {
      identity = YES;
      ev.note({ outcome: "note", source: "identity", message: `${principal.arn} is not limited by collected identity policies (account root or principal of another account)` });
    }
  } else if (principal.kind === "User" || principal.kind === "Role") {
    identity = ev.allowSupport(ev.scan(context.identityPolicies, null), "identity policy");
    const boundaryGates: Support[] = [];
    if (context.permissionsBoundary) {
      const boundary = ev.allowSupport(ev.scan([context.permissionsBoundary], null), "permissions boundary");
      if (boundary.level === 0) ev.note({ outcome: "blocked", source: "boundary", message: `permissions boundary ${context.permissionsBoundary.id} does not allow ${request.action}: identity and role-ARN grants are blocked` });
      boundaryGates.push(boundary);
    }
    if (context.sessionPolicy) {
      const session = ev.allowSupport(ev.scan([context.sessionPolicy], null), "session policy");
      if (session.level === 0) ev.note({ outcome: "blocked", source: "identity", message: "the session policy does not allow the action" });
      boundaryGates.push(session);
    }
    principalGate = allOf([YES, ...boundaryGates]);
  }
  const identitySide = identity.level === 0 ? NO : allOf([identity, principalGate]);

  // Resource side: resource policy (bucket, trust or key policy) by how it names the principal, then ACLs.
  const policy = context.resourcePolicy ?? null;
  const resourceAllows = policy ? ev.scan([policy], principal) : [];
  const bpa = context.blockPublicAccess;
  let usableAllows = resourceAllows;
  if (
    bpa?.restrictPublicBuckets &&
    (policy?.source === "bucket-policy" || policy?.source === "access-point-policy") &&
    (principal.kind === "Anonymous" || (!sameAccount && principal.kind !== "Service")) &&
    resourceAllows.length > 0 &&
    (context.resourcePolicyIsPublic ?? classifyPublicPolicy(policy).isPublic)
  ) {
    usableAllows = [];
    ev.note({ outcome: "blocked", source: "block-public-access", message: "RestrictPublicBuckets: the bucket policy is public, so its grants to anonymous and cross-account principals are ignored" });
  }
  const matched: Record<Exclude<PrincipalMatch, "none">, Applied[]> = { direct: [], wildcard: [], role: [], account: [] };
  for (const a of usableAllows) if (a.match !== "none") matched[a.match].push(a);
  const direct = ev.allowSupport(matched.direct, "resource policy");
  const wildcard = ev.allowSupport(matched.wildcard, "resource policy");
  const roleNamed = ev.allowSupport(matched.role, "resource policy");
  const accountNamed = ev.allowSupport(matched.account, "resource policy");

  let aclOpen: Support = NO;
  let aclAccount: Support = NO;
  if (context.acl) {
    if (context.acl.ownership === "BucketOwnerEnforced") {
      ev.note({ outcome: "note", source: "ownership", message: "Object Ownership is BucketOwnerEnforced: ACLs are disabled and ignored" });
    } else {
      const acl = aclSupport(context.acl, principal, ev.action, request.anyObject ? null : request.resource, Boolean(bpa?.ignorePublicAcls), bucketArnOf(request.resource), context.resourceAccountId);
      aclOpen = acl.open;
      aclAccount = acl.account;
      for (const ref of [...aclOpen.via, ...aclAccount.via]) ev.note({ outcome: "allow", source: "acl", statement: ref, message: `ACL grant ${ref.sid} allows ${request.action}` });
      for (const ref of acl.ignoredPublic) ev.note({ outcome: "blocked", source: "block-public-access", statement: ref, message: `IgnorePublicAcls: public ACL grant ${ref.sid} is ignored` });
    }
  }

  const unbounded = anyOf([direct, wildcard, aclOpen]);
  let allowed: Support;
  switch (principal.kind) {
    case "Anonymous":
    case "Service":
    case "Federated":
      allowed = anyOf([direct, wildcard, aclOpen]);
      break;
    default:
      if (sameAccount && principal.kind === "AccountRoot") {
        allowed = context.resourcePolicyRequired ? unbounded : YES;
      } else if (sameAccount) {
        const roleGrant = roleNamed.level === 0 ? NO : allOf([roleNamed, principalGate]);
        const delegated = context.resourcePolicyRequired ? allOf([anyOf([accountNamed, aclAccount]), identitySide]) : identitySide;
        allowed = anyOf([delegated, unbounded, roleGrant]);
      } else {
        const resourceSide = anyOf([unbounded, roleNamed, accountNamed, aclAccount]);
        if (resourceSide.level === 0) ev.note({ outcome: "blocked", source: "engine", message: `cross-account request: nothing on the resource side (account ${context.resourceAccountId}) grants ${principal.arn}` });
        else if (identitySide.level === 0) ev.note({ outcome: "blocked", source: "engine", message: "cross-account request: the principal's own account does not allow it" });
        allowed = identitySide.level === 0 ? NO : allOf([identitySide, resourceSide]);
      }
  }

  // SSE-KMS: the object can be read or written only if the key policy lets the principal use the key.
  if (context.kms && allowed.level > 0 && (KMS_READ_ACTIONS.has(ev.action) || KMS_WRITE_ACTIONS.has(ev.action))) {
    gates.push(kmsGate(ev, context));
  }

  const final = allowed.level === 0 ? NO : allOf([allowed, ...gates]);
  const certainDenies = ev.denies.filter((d) => d.truth === "true");
  const conditionalDenies = ev.denies.filter((d) => d.truth === "unknown");
  for (const d of ev.denies) {
    ev.note({
      outcome: d.truth === "true" ? "deny" : "conditional-deny",
      source: d.statement.ref.source,
      statement: d.statement.ref,
      message: `Deny statement ${d.statement.ref.sid} of ${d.statement.ref.policyId} ${d.truth === "true" ? "denies" : "denies, if its condition holds,"} ${request.action}`,
    });
  }
  if (certainDenies.length > 0 || ev.keyPolicyDenies.length > 0) {
    const deniedBy = [...certainDenies.map((d) => d.statement.ref), ...ev.keyPolicyDenies];
    return { decision: "ExplicitDeny", conditional: false, conditions: [], deniedWhen: [], grantedBy: [], deniedBy, trace: ev.trace };
  }
  if (final.level === 0) {
    if (allowed.level === 0) ev.note({ outcome: "note", source: "engine", message: `no applicable statement allows ${request.action} on ${request.resource}` });
    return { decision: "ImplicitDeny", conditional: false, conditions: [], deniedWhen: [], grantedBy: [], deniedBy: [], trace: ev.trace };
  }
  return {
    decision: "Allow",
    conditional: final.level === 1 || conditionalDenies.length > 0,
    conditions: final.conditions,
    deniedWhen: conditionalDenies.map((d) => d.statement.condition!.block),
    grantedBy: final.via,
    deniedBy: conditionalDenies.map((d) => d.statement.ref),
    trace: ev.trace,
  };
}

/** "Any object" under a bucket (arn:aws:s3:::bucket/*) or an access point (arn:aws:s3:region:account:accesspoint/name/object/*). */
function anyObjectTarget(resource: string): ResourceTarget {
  const bucket = bucketOfS3Arn(resource);
  if (bucket !== null) return { arn: resource, anyObjectUnder: `arn:aws:s3:::${bucket}/` };
  const accessPoint = ACCESS_POINT_OBJECTS.exec(resource);
  return accessPoint ? { arn: resource, anyObjectUnder: accessPoint[1]! } : { arn: resource };
}

const ACCESS_POINT_OBJECTS = /^(arn:[^:]+:s3:[^:]*:[^:]*:accesspoint\/[^/]+\/object\/)\*$/;

function bucketArnOf(resource: string): string {
  const bucket = bucketOfS3Arn(resource);
  return bucket === null ? resource : `arn:aws:s3:::${bucket}`;
}

function kmsGate(ev: Evaluation, context: EvaluationContext): Support {
  const kms = context.kms!;
  const principal = ev.request.principal;
  const kmsAction = KMS_READ_ACTIONS.has(ev.action) ? "kms:Decrypt" : "kms:GenerateDataKey";
  if (principal.kind === "Anonymous") {
    ev.note({ outcome: "blocked", source: "kms", message: `SSE-KMS: anonymous requests cannot use ${kms.keyArn}` });
    return NO;
  }
  if (kms.keyState !== undefined && kms.keyState !== "Enabled") {
    ev.note({ outcome: "blocked", source: "kms", message: `SSE-KMS: ${kms.keyArn} is ${kms.keyState}; it cannot be used for ${kmsAction}` });
    return NO;
  }
  if (!kms.keyPolicy) {
    ev.note({ outcome: "note", source: "kms", message: `SSE-KMS: the key policy of ${kms.keyArn} was not collected; it is not assumed to block` });
    return YES;
  }
  const keyAccount = kms.keyArn.split(":")[4] ?? context.resourceAccountId;
  const sub = evaluateRequest(
    { ...ev.request, action: kmsAction, resource: kms.keyArn, anyObject: false },
    {
      identityPolicies: context.kmsIdentityPolicies ?? context.identityPolicies,
      permissionsBoundary: context.permissionsBoundary ?? null,
      sessionPolicy: context.sessionPolicy ?? null,
      serviceControlPolicies: context.serviceControlPolicies,
      resourceAccountId: keyAccount,
      resourcePolicy: kms.keyPolicy,
      resourcePolicyRequired: true,
      withoutTrace: context.withoutTrace,
    },
  );
  for (const step of sub.trace) ev.note({ ...step, source: step.source === "bucket-policy" ? "key-policy" : step.source, message: `KMS ${kmsAction}: ${step.message}` });
  if (sub.decision === "ExplicitDeny") {
    // A Deny in the key policy makes the S3 request fail: surface it as a deny of this request.
    ev.keyPolicyDenies.push(...sub.deniedBy);
    return NO;
  }
  if (sub.decision === "ImplicitDeny") {
    ev.note({ outcome: "blocked", source: "kms", message: `SSE-KMS: ${kmsAction} on ${kms.keyArn} is not allowed by its key policy` });
    return NO;
  }
  return { level: sub.conditional ? 1 : 2, conditions: [...sub.conditions, ...sub.deniedWhen], via: sub.grantedBy };
}
