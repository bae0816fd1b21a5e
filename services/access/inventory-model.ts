/**
 * Compiles an AccountInventory once into what the engine evaluates against: principals with their identity
 * policies (groups' included), permissions boundaries and known context keys; buckets with their compiled policy,
 * ACL, effective Block Public Access and SSE-KMS key; roles with their trust policies. A policy that does not parse is
 * recorded in `skipped` and left out.
 */
import type { AccessPointFacts, AccountInventory, BucketFacts, KmsKeyFacts, PublicAccessBlock } from "../aws/inventory.js";
import { SightlineError } from "../errors.js";
import { accountRootArn, parseArn } from "./arn.js";
import { AUTHENTICATED_USERS_URI } from "./acl.js";
import { effectiveBlockPublicAccess } from "./block-public-access.js";
import type { ContextInput } from "./condition/context.js";
import type { PrincipalKind, SkippedPolicy } from "./effective-access.js";
import type { AclContext, KmsKeyContext, RequestPrincipal } from "./evaluate/request.js";
import { kmsGrantDocument, kmsGrantPolicyId } from "./kms-grants.js";
import type { PolicyDocument } from "./policy-document.js";
import { toOrganizationContext } from "./organization-context.js";
import { compilePolicy, type CompiledPolicy, type PolicySource } from "./policy/normalize.js";

export interface PrincipalModel {
  arn: string;
  kind: PrincipalKind;
  request: RequestPrincipal;
  identity: CompiledPolicy[] | "unrestricted";
  boundary: CompiledPolicy | null;
  context: ContextInput;
  contextCompletePrefixes: string[];
}

export interface BucketModel {
  facts: BucketFacts;
  arn: string;
  policy: CompiledPolicy | null;
  acl: AclContext;
  blockPublicAccess: PublicAccessBlock;
  kms: KmsKeyContext | undefined;
}

/** An S3 access point on a bucket of the inventory (rule 10): its policy and its Block Public Access settings. */
export interface AccessPointModel {
  facts: AccessPointFacts;
  arn: string;
  policy: CompiledPolicy | null;
  /** The bucket it serves, when that bucket is in the inventory (not another account's). */
  bucket: BucketModel | null;
  /** The OR of the access point's, the bucket's and the account's settings: each of them applies to its requests. */
  blockPublicAccess: PublicAccessBlock;
}

export interface RoleModel {
  principal: PrincipalModel;
  trust: CompiledPolicy | null;
}

/** SCPs/RCPs of the inventory's account when its organization was collected: one array of documents per level. */
export interface OrganizationContext {
  organizationId: string;
  managementAccountId: string;
  serviceControlPolicies: PolicyDocument[][];
  resourceControlPolicies: PolicyDocument[][];
}

export interface EffectiveAccessOptions {
  /** Overrides the organization derived from `inventory.organization` (tests, what-if questions). */
  organization?: OrganizationContext;
  /** Canonical user ID -> account ID, to name accounts that ACLs grant to. */
  canonicalAccounts?: Readonly<Record<string, string>>;
}

export interface InventoryModel {
  accountId: string;
  users: PrincipalModel[];
  roles: RoleModel[];
  root: PrincipalModel;
  buckets: BucketModel[];
  bucketsByName: Map<string, BucketModel>;
  accessPoints: AccessPointModel[];
  principalsByArn: Map<string, PrincipalModel>;
  scps: CompiledPolicy[][] | undefined;
  rcps: CompiledPolicy[][] | undefined;
  skipped: SkippedPolicy[];
}

export const PUBLIC_ARN = "*";
export const AUTHENTICATED_USERS_ARN = AUTHENTICATED_USERS_URI;

export function publicPrincipal(): PrincipalModel {
  return {
    arn: PUBLIC_ARN,
    kind: "Public",
    request: { kind: "Anonymous", arn: PUBLIC_ARN, accountId: null },
    identity: [],
    boundary: null,
    context: {
      "aws:PrincipalType": "Anonymous",
      "aws:PrincipalArn": undefined,
      "aws:PrincipalAccount": undefined,
      "aws:PrincipalOrgID": undefined,
      "aws:PrincipalOrgPaths": undefined,
      "aws:userid": undefined,
      "aws:username": undefined,
      "aws:PrincipalIsAWSService": "false",
    },
    contextCompletePrefixes: ["aws:principaltag/"],
  };
}

export function authenticatedUsersPrincipal(): PrincipalModel {
  return {
    arn: AUTHENTICATED_USERS_ARN,
    kind: "AuthenticatedUsers",
    request: { kind: "AuthenticatedUser", arn: AUTHENTICATED_USERS_ARN, accountId: null },
    identity: "unrestricted",
    boundary: null,
    context: { "aws:PrincipalIsAWSService": "false" },
    contextCompletePrefixes: [],
  };
}

/** Any principal of another account: its administrators decide its identity side, so that side is unrestricted. */
export function externalPrincipal(arn: string, accountId: string, canonicalId?: string): PrincipalModel {
  const resource = parseArn(arn)?.resource ?? "";
  const kind: PrincipalKind = resource.startsWith("role/") ? "Role" : resource.startsWith("user/") ? "User" : "ExternalAccount";
  const requestKind = kind === "ExternalAccount" ? "AccountRoot" : kind;
  return {
    arn,
    kind,
    request: { kind: requestKind, arn, accountId, ...(canonicalId ? { canonicalId } : {}) },
    identity: "unrestricted",
    boundary: null,
    context: { "aws:PrincipalAccount": accountId, "aws:PrincipalIsAWSService": "false", ...(kind === "ExternalAccount" ? {} : { "aws:PrincipalArn": arn }) },
    contextCompletePrefixes: [],
  };
}

export function servicePrincipal(service: string): PrincipalModel {
  return {
    arn: service,
    kind: "Service",
    request: { kind: "Service", arn: service, accountId: null },
    identity: [],
    boundary: null,
    context: { "aws:PrincipalIsAWSService": "true", "aws:PrincipalServiceName": service },
    contextCompletePrefixes: [],
  };
}

export function federatedPrincipal(provider: string): PrincipalModel {
  return {
    arn: provider,
    kind: "Federated",
    request: { kind: "Federated", arn: provider, accountId: null },
    identity: [],
    boundary: null,
    context: { "aws:PrincipalIsAWSService": "false" },
    contextCompletePrefixes: [],
  };
}

function tagKeys(tags: Record<string, string>): ContextInput {
  const keys: ContextInput = {};
  for (const [k, v] of Object.entries(tags)) keys[`aws:PrincipalTag/${k}`] = v;
  keys["aws:PrincipalTag"] = Object.keys(tags);
  return keys;
}

/**
 * A bucket key as the evaluator sees it: its key policy with one statement per grant (kms-grants.ts) after the key
 * policy's own, and its state. One context per key, shared by the buckets that name it.
 */
function kmsKeyContext(
  keyArn: string,
  facts: KmsKeyFacts | undefined,
  compile: (doc: PolicyDocument, id: string, source: PolicySource) => CompiledPolicy | null,
): KmsKeyContext {
  const keyPolicy = facts?.keyPolicy ? compile(facts.keyPolicy, `${keyArn}#key-policy`, "key-policy") : null;
  const grants = (facts?.grants ?? [])
    .map((g) => compile(kmsGrantDocument(g), kmsGrantPolicyId(keyArn, g.grantId), "key-policy"))
    .filter((p): p is CompiledPolicy => p !== null)
    .flatMap((p) => p.statements);
  const withGrants = keyPolicy && grants.length > 0 ? { ...keyPolicy, statements: [...keyPolicy.statements, ...grants] } : keyPolicy;
  return { keyArn, keyPolicy: withGrants, ...(facts?.keyState !== undefined ? { keyState: facts.keyState } : {}) };
}

export function buildInventoryModel(inventory: AccountInventory, options: EffectiveAccessOptions = {}): InventoryModel {
  const skipped: SkippedPolicy[] = [];
  const compile = (doc: PolicyDocument, id: string, source: PolicySource): CompiledPolicy | null => {
    try {
      return compilePolicy(doc, id, source);
    } catch (error) {
      skipped.push({ policyId: id, reason: error instanceof SightlineError || error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const accountId = inventory.accountId;
  const org = options.organization ?? toOrganizationContext(inventory.organization);
  const orgKeys: ContextInput = org ? { "aws:PrincipalOrgID": org.organizationId } : {};

  const managed = new Map<string, CompiledPolicy>();
  for (const p of inventory.iam.policies) {
    const compiled = compile(p.document, p.arn, "identity");
    if (compiled) managed.set(p.arn, compiled);
  }
  const boundaries = new Map<string, CompiledPolicy>();
  const boundaryOf = (arn: string | null): CompiledPolicy | null => {
    if (!arn) return null;
    let b = boundaries.get(arn);
    if (!b) {
      const source = inventory.iam.policies.find((p) => p.arn === arn);
      if (!source) {
        skipped.push({ policyId: arn, reason: "permissions boundary policy was not collected; the boundary is not applied" });
        return null;
      }
      b = compile(source.document, arn, "boundary") ?? undefined;
      if (!b) return null;
      boundaries.set(arn, b);
    }
    return b;
  };
  const missing = new Set<string>();
  const attached = (arns: string[]): CompiledPolicy[] =>
    arns
      .map((arn) => {
        const policy = managed.get(arn);
        if (!policy && !missing.has(arn) && !inventory.iam.policies.some((p) => p.arn === arn)) {
          missing.add(arn);
          skipped.push({ policyId: arn, reason: "attached managed policy was not collected; its statements are not evaluated" });
        }
        return policy;
      })
      .filter((p): p is CompiledPolicy => p !== undefined);
  const inline = (owner: string, policies: { name: string; document: PolicyDocument }[]): CompiledPolicy[] =>
    policies.map((p) => compile(p.document, `${owner}#inline/${p.name}`, "identity")).filter((p): p is CompiledPolicy => p !== null);

  const groups = new Map<string, CompiledPolicy[]>();
  for (const g of inventory.iam.groups) groups.set(g.name, [...attached(g.attachedPolicyArns), ...inline(g.arn, g.inlinePolicies)]);

  const users: PrincipalModel[] = inventory.iam.users.map((u) => ({
    arn: u.arn,
    kind: "User",
    request: { kind: "User", arn: u.arn, accountId },
    identity: [...attached(u.attachedPolicyArns), ...inline(u.arn, u.inlinePolicies), ...u.groupNames.flatMap((g) => groups.get(g) ?? [])],
    boundary: boundaryOf(u.permissionsBoundaryArn),
    context: { "aws:PrincipalArn": u.arn, "aws:PrincipalAccount": accountId, "aws:username": u.name, "aws:userid": u.id, "aws:PrincipalType": "User", "aws:PrincipalIsAWSService": "false", ...orgKeys, ...tagKeys(u.tags) },
    contextCompletePrefixes: ["aws:principaltag/"],
  }));
  const roles: RoleModel[] = inventory.iam.roles.map((r) => ({
    principal: {
      arn: r.arn,
      kind: "Role",
      request: { kind: "Role", arn: r.arn, accountId },
      identity: [...attached(r.attachedPolicyArns), ...inline(r.arn, r.inlinePolicies)],
      boundary: boundaryOf(r.permissionsBoundaryArn),
      context: { "aws:PrincipalArn": r.arn, "aws:PrincipalAccount": accountId, "aws:PrincipalType": "AssumedRole", "aws:PrincipalIsAWSService": "false", ...orgKeys, ...tagKeys(r.tags) },
      contextCompletePrefixes: ["aws:principaltag/"],
    },
    trust: compile(r.trustPolicy, `${r.arn}#trust`, "trust"),
  }));
  const rootArn = accountRootArn(accountId);
  const ownerCanonicalId = inventory.buckets.find((b) => b.acl?.ownerCanonicalId)?.acl?.ownerCanonicalId ?? undefined;
  const root: PrincipalModel = {
    arn: rootArn,
    kind: "AccountRoot",
    request: { kind: "AccountRoot", arn: rootArn, accountId, ...(ownerCanonicalId ? { canonicalId: ownerCanonicalId } : {}) },
    identity: "unrestricted",
    boundary: null,
    context: { "aws:PrincipalArn": rootArn, "aws:PrincipalAccount": accountId, "aws:PrincipalType": "Account", "aws:PrincipalIsAWSService": "false", ...orgKeys },
    contextCompletePrefixes: ["aws:principaltag/"],
  };

  const keys = new Map<string, KmsKeyContext>();
  const keyContext = (keyArn: string): KmsKeyContext => {
    let context = keys.get(keyArn);
    if (!context) {
      context = kmsKeyContext(keyArn, inventory.kmsKeys.find((k) => k.arn === keyArn), compile);
      keys.set(keyArn, context);
    }
    return context;
  };
  const buckets: BucketModel[] = inventory.buckets.map((b) => {
    const keyArn = b.encryption.type === "aws:kms" || b.encryption.type === "aws:kms:dsse" ? b.encryption.kmsKeyArn : undefined;
    return {
      facts: b,
      arn: b.arn,
      policy: b.policy ? compile(b.policy, `${b.arn}#policy`, "bucket-policy") : null,
      acl: {
        bucketAcl: b.acl,
        ownership: b.ownership,
        ...(b.objectAcls && b.objectAcls.objects.length > 0 ? { objectAcls: b.objectAcls.objects } : {}),
        ...(options.canonicalAccounts ? { canonicalAccounts: options.canonicalAccounts } : {}),
      },
      blockPublicAccess: effectiveBlockPublicAccess(b.publicAccessBlock, inventory.accountPublicAccessBlock),
      kms: keyArn ? keyContext(keyArn) : undefined,
    };
  });

  const levels = (docs: PolicyDocument[][] | undefined, source: PolicySource): CompiledPolicy[][] | undefined =>
    docs?.map((level, i) => level.map((d, j) => compile(d, `${source}/${i}/${j}`, source)).filter((p): p is CompiledPolicy => p !== null));
  // SCPs bound principals of member accounts only; RCPs every caller of a member account's resources.
  const member = org !== undefined && org.managementAccountId !== accountId;
  const principalsByArn = new Map<string, PrincipalModel>();
  for (const p of [...users, ...roles.map((r) => r.principal), root]) principalsByArn.set(p.arn, p);
  const bucketsByName = new Map(buckets.map((b) => [b.facts.name, b]));
  const accessPoints: AccessPointModel[] = (inventory.accessPoints ?? []).map((ap) => {
    const bucket = ap.bucketAccountId === null || ap.bucketAccountId === accountId ? (bucketsByName.get(ap.bucket) ?? null) : null;
    const bucketBpa = bucket?.blockPublicAccess ?? effectiveBlockPublicAccess(null, inventory.accountPublicAccessBlock);
    return {
      facts: ap,
      arn: ap.arn,
      policy: ap.policy ? compile(ap.policy, `${ap.arn}#policy`, "access-point-policy") : null,
      bucket,
      blockPublicAccess: effectiveBlockPublicAccess(ap.publicAccessBlock, bucketBpa),
    };
  });
  return {
    accountId,
    users,
    roles,
    root,
    buckets,
    bucketsByName,
    accessPoints,
    principalsByArn,
    scps: member ? levels(org.serviceControlPolicies, "scp") : undefined,
    rcps: member ? levels(org.resourceControlPolicies, "rcp") : undefined,
    skipped,
  };
}
