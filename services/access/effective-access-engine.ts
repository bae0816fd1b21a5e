/**
 * computeEffectiveAccess: from an AccountInventory, every principal's access level(s) to every bucket (CAN_ACCESS)
 * and every role assumption (CAN_ASSUME), each with the statements that grant it.
 *
 * Principals: IAM users (with their groups' policies), roles (as role sessions), the account root, every external
 * account or principal named by a policy or ACL, AWS services and federated providers named by policies, the
 * anonymous public ("*") and AuthenticatedUsers. Grants given to Principal "*" are carried by the Public and
 * AuthenticatedUsers principals rather than copied onto every principal; queries union them in.
 *
 * Speed: most principal x bucket pairs are never evaluated. A pair is a candidate only when an identity statement of
 * the principal can reach the bucket for a data action (statements indexed by bucket, wildcards resolved once per
 * pattern), or the bucket's policy or ACL names the principal. Principals are evaluated one after another with
 * per-bucket scratch space reused between them, so the grants can be produced (and consumed) principal by principal:
 * see grantsOfPrincipals and effective-access-stream.ts.
 */
import type { AccountInventory } from "../aws/inventory.js";
import { NotFoundError } from "../errors.js";
import { accountOfAccountPrincipal, accountRootArn, parseArn } from "./arn.js";
import { ACCESS_LEVELS, ASSUME_ROLE, ASSUME_ROLE_WITH_SAML, ASSUME_ROLE_WITH_WEB_IDENTITY, LEVEL_ACTIONS } from "./access-levels.js";
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, aclPermissionsOf, aclsEnabled, grantAccount } from "./acl.js";
import { accessPointContext, accessPointResource, combineAccessPointDecisions, networkOriginCondition } from "./access-points.js";
import { BucketReachIndex, reaches } from "./bucket-reach.js";
import { classifyPublicPolicy } from "./public-policy.js";
import { RequestContextKeys } from "./condition/context.js";
import type { AccessGrant, AssumeEdge, EffectiveAccess, StatementRef } from "./effective-access.js";
import { evaluateRequest, kmsUseOf, type Decision } from "./evaluate/decision.js";
import type { EvaluationContext } from "./evaluate/request.js";
import {
  authenticatedUsersPrincipal,
  buildInventoryModel,
  externalPrincipal,
  federatedPrincipal,
  publicPrincipal,
  servicePrincipal,
  type AccessPointModel,
  type BucketModel,
  type EffectiveAccessOptions,
  type InventoryModel,
  type PrincipalModel,
  type RoleModel,
} from "./inventory-model.js";
import type { ConditionBlock, PolicyDocument } from "./policy-document.js";
import type { CompiledPolicy, CompiledStatement } from "./policy/normalize.js";
import { compileWildcard, hasWildcard } from "./matching/wildcard.js";

export type { EffectiveAccessOptions, OrganizationContext } from "./inventory-model.js";

/** An identity statement that reaches only some buckets, with their positions. */
interface SpecificStatement {
  statement: CompiledStatement;
  reach: Int32Array;
}

/**
 * A principal prepared for bulk evaluation: its identity statements split by the action they can concern and by the
 * buckets they reach, so that each evaluation scans only the statements that may apply.
 */
interface PreparedPrincipal {
  model: PrincipalModel;
  keys: RequestContextKeys;
  /** Account root, or a principal of another account: no collected identity policy limits it. */
  unrestricted: boolean;
  /** S3 statements (Allow and Deny) whose resources reach every bucket, or could not be indexed by bucket name. */
  general: CompiledStatement[];
  /** Per LEVEL_ACTIONS position: the general statements covering that action, as one narrowed policy. */
  generalByAction: CompiledPolicy[][];
  /** Bits of LEVEL_ACTIONS some general Allow covers. */
  generalAllowMask: number;
  /** S3 statements whose resources reach only some buckets. */
  specific: SpecificStatement[];
  /** An identity Allow reaches every bucket (or the principal is the account root): every bucket is a candidate. */
  reachesAll: boolean;
  /** True when every statement in `general` has Resource "*": it then treats all plain buckets alike. */
  uniformGeneral: boolean;
  /** The ids of `general` for sharing keys (see plainPairKey); null when one of them depends on the principal. */
  generalKey: string | null;
  kmsIdentity: CompiledPolicy[] | "unrestricted";
}

/** A bucket's policy split by action, and which actions its policy or ACL can grant at all. */
interface PreparedBucket {
  model: BucketModel;
  /** Per LEVEL_ACTIONS position: the policy's statements covering that action, or null when none does. */
  policyByAction: Array<CompiledPolicy | null>;
  policyIsPublic: boolean;
  /** Bits of LEVEL_ACTIONS the bucket's policy or ACL can grant. */
  grantableMask: number;
  /** No policy, no ACL grant beyond the owner, no KMS key: nothing bucket-specific in its evaluation. */
  plain: boolean;
  position: number;
  /**
   * Whether principals of the account may share evaluations on this (not plain) bucket: no statement of its policy or
   * key policy uses NotPrincipal or depends on who the principal is; those naming a principal's ARN still cannot.
   */
  neutral: boolean;
  /** Principal ARNs its policy and key policy name. */
  namedArns: Set<string>;
  /** "arn:aws:s3:::bucket/*" and "arn:aws:s3:::bucket/": built once, used for every pair. */
  objectsArn: string;
  objectsPrefix: string;
}

function relevantPolicy(policies: CompiledPolicy[], actions: string[], id: string): { policy: CompiledPolicy; allows: CompiledStatement[] } {
  const statements = policies.flatMap((p) => p.statements).filter((s) => actions.some((a) => s.actions.matches(a)));
  const policy: CompiledPolicy = { id, source: "identity", statements, document: { Statement: [] } };
  return { policy, allows: statements.filter((s) => s.effect === "Allow") };
}

const S3_ACTIONS = LEVEL_ACTIONS.map((a) => a.lower);

const ALL_ACTIONS_MASK = (1 << S3_ACTIONS.length) - 1;

/** Bit i set when the statement's Action element covers LEVEL_ACTIONS[i]. */
const actionMasks = new WeakMap<CompiledStatement, number>();
function actionMask(statement: CompiledStatement): number {
  let mask = actionMasks.get(statement);
  if (mask === undefined) {
    mask = 0;
    for (let i = 0; i < S3_ACTIONS.length; i++) if (statement.actions.matches(S3_ACTIONS[i]!)) mask |= 1 << i;
    actionMasks.set(statement, mask);
  }
  return mask;
}
/** SSE-KMS objects also need the key. */
const KMS_ACTIONS = ["kms:decrypt", "kms:generatedatakey"];
const STS_ACTIONS = [ASSUME_ROLE.toLowerCase()];

const EMPTY_DOCUMENT: PolicyDocument = { Statement: [] };
const MAX_SHARED_EVALUATIONS = 200_000;
const NO_STATEMENTS: readonly CompiledStatement[] = [];
/** Resource shapes are compared without any context: statements with policy variables never share (see statementId). */
const NO_CONTEXT = new RequestContextKeys();

const NO_ACCESS_POINT = { "s3:DataAccessPointArn": undefined, "s3:DataAccessPointAccount": undefined, "s3:AccessPointNetworkOrigin": undefined };

/** Condition keys whose value differs between principals of one account. */
const PRINCIPAL_KEY_PREFIXES = ["aws:principalarn", "aws:principaltag", "aws:username", "aws:userid", "aws:sourceidentity", "aws:principaltype"];

function dependsOnPrincipal(statement: CompiledStatement): boolean {
  if (statement.resources?.patterns.some((p) => p.includes("${"))) return true;
  const condition = statement.condition;
  if (!condition) return false;
  return condition.clauses.some((c) => c.hasVariables) || condition.keys.some((k) => PRINCIPAL_KEY_PREFIXES.some((prefix) => k.startsWith(prefix)));
}

/** Statement refs and condition blocks are shared objects of compiled policies: identity dedupes them. */
function uniqueRefs(refs: StatementRef[]): StatementRef[] {
  return refs.length < 2 ? refs : [...new Set(refs)];
}

function uniqueBlocks(blocks: ConditionBlock[]): ConditionBlock[] {
  return blocks.length < 2 ? blocks : [...new Set(blocks)];
}

function prepareBucket(bucket: BucketModel, position: number): PreparedBucket {
  let grantableMask = 0;
  const policyByAction = S3_ACTIONS.map((action, i): CompiledPolicy | null => {
    const statements = bucket.policy?.statements.filter((s) => actionMask(s) & (1 << i)) ?? [];
    if (statements.some((s) => s.effect === "Allow")) grantableMask |= 1 << i;
    return statements.length === 0 ? null : { ...bucket.policy!, statements, action };
  });
  const acl = bucket.facts.acl;
  const aclGrants =
    aclsEnabled(bucket.facts.ownership) &&
    ((acl !== null && acl.grants.some((g) => g.grantee.type !== "CanonicalUser" || g.grantee.id !== acl.ownerCanonicalId)) || (bucket.acl.objectAcls?.length ?? 0) > 0);
  const resourceStatements = [...(bucket.policy?.statements ?? []), ...(bucket.kms?.keyPolicy?.statements ?? [])];
  return {
    model: bucket,
    policyByAction,
    policyIsPublic: classifyPublicPolicy(bucket.policy).isPublic,
    neutral: resourceStatements.every((s) => !s.principals?.not && !dependsOnPrincipal(s)),
    namedArns: new Set(resourceStatements.flatMap((s) => [...(s.principals?.arns ?? [])])),
    grantableMask: aclGrants ? ALL_ACTIONS_MASK : grantableMask,
    plain: bucket.policy === null && !aclGrants && bucket.kms === undefined,
    position,
    objectsArn: `${bucket.arn}/*`,
    objectsPrefix: `${bucket.arn}/`,
  };
}

/**
 * Two level actions get the same decision on every pair when every statement of the inventory (identity, boundary,
 * bucket, SCP, RCP) covers both or neither, and S3 treats them alike otherwise (bucket or object resource, ACL
 * permission, SSE-KMS key use): bulk evaluation then decides only the first of them.
 */
function actionRepresentatives(model: InventoryModel, organization: readonly CompiledStatement[]): number[] {
  const masks = new Set<number>();
  const add = (policies: readonly CompiledPolicy[] | "unrestricted" | null): void => {
    if (policies === null || policies === "unrestricted") return;
    for (const p of policies) for (const s of p.statements) masks.add(actionMask(s));
  };
  for (const p of [...model.users, ...model.roles.map((r) => r.principal)]) {
    add(p.identity);
    add(p.boundary ? [p.boundary] : null);
  }
  for (const b of model.buckets) add(b.policy ? [b.policy] : null);
  for (const s of organization) masks.add(actionMask(s));
  const signature = LEVEL_ACTIONS.map((la, i) => {
    let covered = "";
    for (const m of masks) covered += m & (1 << i) ? "1" : "0";
    return `${la.object}|${aclPermissionsOf(la.lower)}|${kmsUseOf(la.lower)}|${covered}`;
  });
  return signature.map((sig) => signature.indexOf(sig));
}

export class EffectiveAccessEngine {
  readonly model: InventoryModel;
  private readonly reach: BucketReachIndex;
  private readonly extra = new Map<string, PrincipalModel>();
  private readonly buckets: PreparedBucket[];
  private readonly bucketPositions = new Map<BucketModel, number>();
  private readonly plainResults = new Map<string, AccessGrant[]>();
  private readonly statementIds = new Map<CompiledStatement, number>();
  /** False when an SCP or RCP depends on who the principal is: then no two principals share an evaluation. */
  private readonly sharing: boolean;
  /** Per LEVEL_ACTIONS position, the first position whose action every policy of the inventory treats alike. */
  private readonly actionRepresentative: number[];
  private readonly contextKeys = new Map<PrincipalModel, RequestContextKeys>();
  private readonly stsIdentities = new Map<PrincipalModel, CompiledPolicy[] | "unrestricted">();
  /** Per principal, the bucket positions whose policy or ACL can grant it something; built on first use. */
  private resourceNamed: Map<PrincipalModel, number[]> | null = null;
  /** Per other account, its users and roles that policies name (see knownPrincipalsOf); built on first use. */
  private externalByAccount: Map<string, PrincipalModel[]> | null = null;
  /** Principals that exist only because a bucket policy or ACL names them, in the order first named. */
  private namedGrantees: PrincipalModel[] = [];
  /** Scratch, one slot per bucket position, emptied after each principal: its statements reaching that bucket. */
  private readonly scratchStatements: Array<CompiledStatement[] | undefined>;
  /** Scratch, one slot per bucket position: 1 when the bucket is a candidate of the current principal. */
  private readonly scratchCandidates: Uint8Array;

  constructor(inventory: AccountInventory, options: EffectiveAccessOptions = {}) {
    this.model = buildInventoryModel(inventory, options);
    this.reach = new BucketReachIndex(this.model);
    this.buckets = this.model.buckets.map((b, i) => {
      this.bucketPositions.set(b, i);
      return prepareBucket(b, i);
    });
    const organization = [...(this.model.scps ?? []), ...(this.model.rcps ?? [])].flat().flatMap((p) => p.statements);
    this.sharing = !organization.some(dependsOnPrincipal);
    this.actionRepresentative = actionRepresentatives(this.model, organization);
    this.scratchStatements = new Array<CompiledStatement[] | undefined>(this.buckets.length);
    this.scratchCandidates = new Uint8Array(this.buckets.length);
  }

  /** Principals that exist only because something names them (external accounts, services, the public...). */
  grantee(arn: string, make: () => PrincipalModel): PrincipalModel {
    let p = this.extra.get(arn);
    if (!p) {
      p = make();
      this.extra.set(arn, p);
    }
    return p;
  }

  /** An inventory principal, or a named grantee (AWS ARN, account ID, service, "*"). */
  principalFor(arnOrValue: string): PrincipalModel | null {
    const known = this.model.principalsByArn.get(arnOrValue);
    if (known) return known;
    if (arnOrValue === "*") return this.grantee("*", publicPrincipal);
    if (arnOrValue === AUTHENTICATED_USERS_URI) return this.grantee(arnOrValue, authenticatedUsersPrincipal);
    const account = accountOfAccountPrincipal(arnOrValue);
    if (account !== null) {
      if (account === this.model.accountId) return this.model.root;
      const root = accountRootArn(account);
      return this.grantee(root, () => externalPrincipal(root, account));
    }
    const arn = parseArn(arnOrValue);
    if (arn && arn.accountId && arn.accountId !== this.model.accountId) {
      return this.grantee(arnOrValue, () => externalPrincipal(arnOrValue, arn.accountId));
    }
    if (arnOrValue.endsWith(".amazonaws.com") || arnOrValue.endsWith(".amazonaws.com.cn")) {
      return this.grantee(`service:${arnOrValue}`, () => servicePrincipal(arnOrValue));
    }
    return null;
  }

  /** The request context every evaluation of this principal starts from. */
  private keysOf(model: PrincipalModel): RequestContextKeys {
    let keys = this.contextKeys.get(model);
    if (!keys) {
      keys = new RequestContextKeys(
        // A request to the bucket itself carries no access point keys (evaluateAccessPointAction sets them).
        { ...model.context, "aws:ResourceAccount": this.model.accountId, "s3:ResourceAccount": this.model.accountId, ...NO_ACCESS_POINT },
        false,
        model.contextCompletePrefixes,
      );
      this.contextKeys.set(model, keys);
    }
    return keys;
  }

  private stsIdentityOf(model: PrincipalModel): CompiledPolicy[] | "unrestricted" {
    let identity = this.stsIdentities.get(model);
    if (!identity) {
      identity = model.identity === "unrestricted" ? "unrestricted" : [relevantPolicy(model.identity, STS_ACTIONS, `${model.arn}#sts`).policy];
      this.stsIdentities.set(model, identity);
    }
    return identity;
  }

  private preparePrincipal(model: PrincipalModel): PreparedPrincipal {
    const keys = this.keysOf(model);
    if (model.identity === "unrestricted") {
      return {
        model,
        keys,
        unrestricted: true,
        general: [],
        generalByAction: [],
        generalAllowMask: ALL_ACTIONS_MASK,
        specific: [],
        // Only the account's own root is evaluated everywhere; other accounts reach only what names them.
        reachesAll: model === this.model.root,
        uniformGeneral: true,
        generalKey: null,
        kmsIdentity: "unrestricted",
      };
    }
    const general: CompiledStatement[] = [];
    const specific: SpecificStatement[] = [];
    let generalAllowMask = 0;
    for (const policy of model.identity) {
      for (const statement of policy.statements) {
        const mask = actionMask(statement);
        if (mask === 0) continue;
        const reach = this.reach.ofStatement(statement);
        if (reach === "all") {
          general.push(statement);
          if (statement.effect === "Allow") generalAllowMask |= mask;
        } else if (reach.length > 0) {
          specific.push({ statement, reach });
        }
      }
    }
    const generalByAction = S3_ACTIONS.map((action, i): CompiledPolicy[] => [
      { id: model.arn, source: "identity", statements: general.filter((s) => actionMask(s) & (1 << i)), document: EMPTY_DOCUMENT, action },
    ]);
    return {
      model,
      keys,
      unrestricted: false,
      general,
      generalByAction,
      generalAllowMask,
      specific,
      reachesAll: generalAllowMask !== 0,
      uniformGeneral: general.every((st) => st.resources === null || (!st.resources.not && st.resources.patterns.includes("*"))),
      generalKey: general.some((st) => this.statementId(st) === null) ? null : general.map((st) => `${this.statementId(st)}:*,`).join(""),
      kmsIdentity: [relevantPolicy(model.identity, KMS_ACTIONS, `${model.arn}#kms`).policy],
    };
  }

  /** The identity policies that can apply to LEVEL_ACTIONS[bit] on a bucket, given the statements reaching it. */
  private identityFor(principal: PreparedPrincipal, specific: readonly CompiledStatement[], bit: number): CompiledPolicy[] | "unrestricted" {
    if (principal.unrestricted) return "unrestricted";
    const general = principal.generalByAction[bit]!;
    const mask = 1 << bit;
    let statements: CompiledStatement[] | null = null;
    for (const s of specific) {
      if (!(actionMask(s) & mask)) continue;
      statements ??= [...general[0]!.statements];
      statements.push(s);
    }
    if (statements === null) return general;
    return [{ id: principal.model.arn, source: "identity", statements, document: EMPTY_DOCUMENT, action: S3_ACTIONS[bit]! }];
  }

  /** The evaluation context of one principal and bucket; the caller sets the identity and resource policy per action. */
  private bucketContext(principal: PreparedPrincipal, bucket: PreparedBucket, withoutTrace: boolean): EvaluationContext {
    const model = bucket.model;
    return {
      identityPolicies: "unrestricted",
      permissionsBoundary: principal.model.boundary,
      serviceControlPolicies: principal.model.request.accountId === this.model.accountId ? this.model.scps : undefined,
      resourceControlPolicies: this.model.rcps,
      resourceAccountId: this.model.accountId,
      resourcePolicy: null,
      resourcePolicyIsPublic: bucket.policyIsPublic,
      acl: model.acl,
      blockPublicAccess: model.blockPublicAccess,
      ...(model.kms ? { kms: model.kms, kmsIdentityPolicies: principal.kmsIdentity } : {}),
      withoutTrace,
    };
  }

  /**
   * One principal, bucket and action (and optionally one key). `contextKeys` replaces the principal's request context
   * (requests through an access point carry more keys).
   */
  evaluateBucketAction(
    principal: PrincipalModel,
    bucket: BucketModel,
    action: string,
    key: string | undefined,
    withoutTrace: boolean,
    contextKeys?: RequestContextKeys,
  ): Decision {
    const prepared = this.preparePrincipal(principal);
    const position = this.bucketPositions.get(bucket)!;
    const preparedBucket = this.buckets[position]!;
    const lower = action.toLowerCase();
    const bit = S3_ACTIONS.indexOf(lower);
    const level = LEVEL_ACTIONS[bit];
    const objectAction = level ? level.object : key !== undefined;
    const resource = objectAction ? `${bucket.arn}/${key ?? "*"}` : bucket.arn;
    const context = this.bucketContext(prepared, preparedBucket, withoutTrace);
    if (objectAction && key !== undefined) {
      // One object: its own ACL (when the survey kept it) governs, not the other surveyed objects'.
      const objectAcl = bucket.acl.objectAcls?.find((o) => o.key === key)?.acl ?? null;
      context.acl = { ...bucket.acl, objectAcl, objectAcls: [] };
    }
    if (bit < 0) {
      context.identityPolicies = principal.identity;
      context.resourcePolicy = bucket.policy;
    } else {
      const specific = prepared.specific.filter((s) => reaches(s.reach, position)).map((s) => s.statement);
      context.identityPolicies = this.identityFor(prepared, specific, bit);
      context.resourcePolicy = preparedBucket.policyByAction[bit]!;
    }
    return evaluateRequest(
      { principal: principal.request, action, resource, anyObject: objectAction && key === undefined, contextKeys: contextKeys ?? prepared.keys },
      context,
    );
  }

  /**
   * A request through an access point (rule 10, see access-points.ts): the access point side (identity policies and
   * the access point policy, on the access point's ARNs) and the bucket side (as evaluateBucketAction, with the access
   * point's condition keys) must both allow.
   */
  evaluateAccessPointAction(principal: PrincipalModel, accessPoint: AccessPointModel, action: string, key: string | undefined, withoutTrace: boolean): Decision {
    const bucket = accessPoint.bucket;
    if (!bucket) throw new NotFoundError("bucket", accessPoint.facts.bucket);
    const level = LEVEL_ACTIONS.find((la) => la.lower === action.toLowerCase());
    const objectAction = level ? level.object : key !== undefined;
    const accountId = this.model.accountId;
    const keys = new RequestContextKeys(
      { ...principal.context, "aws:ResourceAccount": accountId, "s3:ResourceAccount": accountId, ...accessPointContext(accessPoint.facts) },
      false,
      principal.contextCompletePrefixes,
    );
    const accessPointSide = evaluateRequest(
      { principal: principal.request, action, resource: accessPointResource(accessPoint.arn, objectAction, key), anyObject: objectAction && key === undefined, contextKeys: keys },
      {
        identityPolicies: principal.identity,
        permissionsBoundary: principal.boundary,
        serviceControlPolicies: principal.request.accountId === accountId ? this.model.scps : undefined,
        resourceControlPolicies: this.model.rcps,
        resourceAccountId: accountId,
        resourcePolicy: accessPoint.policy,
        blockPublicAccess: accessPoint.blockPublicAccess,
        withoutTrace,
      },
    );
    const bucketSide = this.evaluateBucketAction(principal, bucket, action, key, withoutTrace, keys);
    return combineAccessPointDecisions(accessPointSide, bucketSide, networkOriginCondition(accessPoint.facts));
  }

  /**
   * Every principal that can hold a grant, in a fixed order: the account root, users, roles, then the principals
   * bucket policies and ACLs name (external accounts and principals, the public, services...) in bucket order.
   */
  principals(): PrincipalModel[] {
    this.resourceNamedIndex();
    return [this.model.root, ...this.model.users, ...this.model.roles.map((r) => r.principal), ...this.namedGrantees];
  }

  /** The grants of the principals at positions [from, to) of principals(), principal by principal. */
  grantsOfPrincipals(from: number, to: number): AccessGrant[] {
    const principals = this.principals();
    const grants: AccessGrant[] = [];
    for (let i = from; i < Math.min(to, principals.length); i++) this.appendGrantsOf(principals[i]!, grants);
    return grants;
  }

  computeGrants(): AccessGrant[] {
    return this.grantsOfPrincipals(0, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Appends one principal's grants, bucket by bucket in inventory order. Only the buckets an identity Allow reaches
   * and those whose policy or ACL names the principal are evaluated.
   */
  private appendGrantsOf(model: PrincipalModel, out: AccessGrant[]): void {
    const prepared = this.preparePrincipal(model);
    const named = this.resourceNamedIndex().get(model) ?? [];
    const lists = this.scratchStatements;
    const candidate = this.scratchCandidates;
    const touched: number[] = [];
    try {
      for (const { statement, reach } of prepared.specific) {
        const allow = statement.effect === "Allow";
        for (const position of reach) {
          let list = lists[position];
          if (!list) {
            list = [];
            lists[position] = list;
            touched.push(position);
          }
          list.push(statement);
          if (allow) candidate[position] = 1;
        }
      }
      const emit = (position: number): void => {
        const grants = this.pairGrants(prepared, this.buckets[position]!, lists[position] ?? NO_STATEMENTS);
        for (const g of grants) out.push(g);
      };
      if (prepared.reachesAll) {
        for (let position = 0; position < this.buckets.length; position++) emit(position);
      } else {
        for (const position of named) candidate[position] = 1;
        const positions: number[] = touched.filter((p) => candidate[p] === 1);
        for (const position of named) if (lists[position] === undefined) positions.push(position);
        positions.sort((a, b) => a - b);
        for (const position of positions) emit(position);
      }
    } finally {
      for (const position of touched) {
        lists[position] = undefined;
        candidate[position] = 0;
      }
      for (const position of named) candidate[position] = 0;
    }
  }

  /**
   * The grants of one principal on one bucket. Only the actions that some statement of the pair (identity side) or
   * the bucket's policy or ACL can allow are evaluated, each against just the statements that cover it.
   */
  private pairGrants(principal: PreparedPrincipal, bucket: PreparedBucket, specific: readonly CompiledStatement[]): AccessGrant[] {
    const key = this.plainPairKey(principal, bucket, specific);
    if (key === null) return this.evaluateGrants(principal, bucket, specific);
    let shared = this.plainResults.get(key);
    if (!shared) {
      shared = this.evaluateGrants(principal, bucket, specific);
      // Memory stays bounded however many principals stream through: start afresh rather than grow without end.
      if (this.plainResults.size >= MAX_SHARED_EVALUATIONS) this.plainResults.clear();
      this.plainResults.set(key, shared);
    }
    const model = principal.model;
    return shared.map((g) => ({ ...g, principalArn: model.arn, principalKind: model.kind, bucketArn: bucket.model.arn }));
  }

  /**
   * On a "plain" bucket (no policy, no ACL grant to others, no KMS key) the outcome depends only on which identity
   * statements apply and how their Resource elements meet the bucket, on the boundary and the principal's kind, so
   * principals and buckets with the same such key share one evaluation. On another bucket, principals that its
   * policy and key policy do not tell apart (see PreparedBucket.neutral) share in the same way, on that bucket only.
   * Null when the pair cannot share: a statement depends on who the principal is (principal keys or policy
   * variables), or the bucket's policies name the principal.
   */
  private plainPairKey(principal: PreparedPrincipal, bucket: PreparedBucket, specific: readonly CompiledStatement[]): string | null {
    if (principal.unrestricted || !this.sharing) return null;
    let key: string;
    if (bucket.plain) key = "";
    else if (bucket.neutral && !bucket.namedArns.has(principal.model.arn)) key = `${bucket.position}#`;
    else return null;
    key += `${principal.model.kind}|${principal.model.boundary?.id ?? ""}|`;
    if (principal.uniformGeneral) {
      if (principal.generalKey === null) return null;
      key += principal.generalKey;
    } else {
      for (const st of principal.general) {
        const part = this.statementShape(st, bucket);
        if (part === null) return null;
        key += part;
      }
    }
    key += "|";
    for (const st of specific) {
      const part = this.statementShape(st, bucket);
      if (part === null) return null;
      key += part;
    }
    return key;
  }

  /** "<statement id>:<how its Resource meets the bucket ARN and the bucket's objects>,", or null if principal-specific. */
  private statementShape(statement: CompiledStatement, bucket: PreparedBucket): string | null {
    const id = this.statementId(statement);
    if (id === null) return null;
    if (!statement.resources) return `${id}:*,`;
    const onBucket = statement.resources.match({ arn: bucket.model.arn }, NO_CONTEXT);
    const onObjects = statement.resources.match({ arn: bucket.objectsArn, anyObjectUnder: bucket.objectsPrefix }, NO_CONTEXT);
    return `${id}:${onBucket.all ? 1 : 0}${onObjects.some ? 1 : 0}${onObjects.all ? 1 : 0},`;
  }

  private statementId(statement: CompiledStatement): number | null {
    let id = this.statementIds.get(statement);
    if (id === undefined) {
      id = dependsOnPrincipal(statement) ? -1 : this.statementIds.size;
      this.statementIds.set(statement, id);
    }
    return id < 0 ? null : id;
  }

  private evaluateGrants(principal: PreparedPrincipal, bucket: PreparedBucket, specific: readonly CompiledStatement[]): AccessGrant[] {
    const model = principal.model;
    let mask = bucket.grantableMask | principal.generalAllowMask;
    for (const s of specific) if (s.effect === "Allow") mask |= actionMask(s);
    if (mask === 0) return [];
    const context = this.bucketContext(principal, bucket, true);
    const bucketArn = bucket.model.arn;
    // Decisions that allow, by LEVEL_ACTIONS position.
    const allowed: Array<Decision | undefined> = [];
    let levelsAllowed = 0;
    for (let i = 0; i < LEVEL_ACTIONS.length; i++) {
      if (!(mask & (1 << i))) continue;
      const representative = this.actionRepresentative[i]!;
      if (representative !== i) {
        // Every policy treats both actions alike, and the representative (an earlier bit of the same mask) is decided.
        const decision = allowed[representative];
        if (decision !== undefined) {
          allowed[i] = decision;
          levelsAllowed++;
        }
        continue;
      }
      const la = LEVEL_ACTIONS[i]!;
      context.identityPolicies = this.identityFor(principal, specific, i);
      context.resourcePolicy = bucket.policyByAction[i]!;
      const decision = evaluateRequest(
        { principal: model.request, action: la.action, resource: la.object ? bucket.objectsArn : bucketArn, anyObject: la.object, contextKeys: principal.keys },
        context,
      );
      if (decision.decision === "Allow") {
        allowed[i] = decision;
        levelsAllowed++;
      }
    }
    if (levelsAllowed === 0) return [];
    const grants: AccessGrant[] = [];
    for (const level of ACCESS_LEVELS) {
      const actions: string[] = [];
      const decisions: Decision[] = [];
      for (let i = 0; i < LEVEL_ACTIONS.length; i++) {
        const decision = allowed[i];
        if (decision === undefined || LEVEL_ACTIONS[i]!.level !== level) continue;
        actions.push(LEVEL_ACTIONS[i]!.action);
        decisions.push(decision);
      }
      if (decisions.length === 0) continue;
      const conditional = decisions.every((d) => d.conditional);
      const deniedWhen: ConditionBlock[] = [];
      const conditions: ConditionBlock[] = [];
      const via: StatementRef[] = [];
      for (const d of decisions) {
        for (const c of d.deniedWhen) deniedWhen.push(c);
        if (conditional) for (const c of d.conditions) conditions.push(c);
        for (const r of d.grantedBy) via.push(r);
        for (const r of d.deniedBy) via.push(r);
      }
      const uniqueDeniedWhen = uniqueBlocks(deniedWhen);
      grants.push({
        principalArn: model.arn,
        principalKind: model.kind,
        bucketArn,
        level,
        actions,
        conditional,
        conditions: uniqueBlocks(conditions),
        via: uniqueRefs(via),
        ...(uniqueDeniedWhen.length > 0 ? { deniedWhen: uniqueDeniedWhen } : {}),
      });
    }
    return grants;
  }

  /** Per principal, the bucket positions (ascending) whose policy or ACL can grant it an S3 level action. */
  private resourceNamedIndex(): Map<PrincipalModel, number[]> {
    if (this.resourceNamed) return this.resourceNamed;
    const index = new Map<PrincipalModel, number[]>();
    const inventoryPrincipals = new Set(this.model.principalsByArn.values());
    const add = (p: PrincipalModel, position: number): void => {
      const positions = index.get(p);
      if (!positions) {
        index.set(p, [position]);
        if (!inventoryPrincipals.has(p)) this.namedGrantees.push(p);
      } else if (positions[positions.length - 1] !== position) positions.push(position);
    };
    this.model.buckets.forEach((b, position) => {
      for (const s of b.policy?.statements ?? []) {
        if (s.effect !== "Allow" || !s.principals || actionMask(s) === 0) continue;
        const named: string[] = [...s.principals.arns, ...s.principals.accounts, ...[...s.principals.services]];
        if (s.principals.wildcard || s.principals.not) named.push("*", AUTHENTICATED_USERS_URI);
        for (const value of named) {
          const p = this.principalFor(value);
          if (p) add(p, position);
        }
        for (const account of s.principals.accounts) for (const p of this.knownPrincipalsOf(account)) add(p, position);
      }
      if (!aclsEnabled(b.facts.ownership)) return;
      // The bucket ACL, then the surveyed object ACLs (whose grants give access to part of the bucket).
      const ownerAcl = b.facts.acl;
      const acls = [...(ownerAcl ? [ownerAcl] : []), ...(b.acl.objectAcls ?? []).map((o) => o.acl)];
      const ownerCanonicalId = ownerAcl?.ownerCanonicalId ?? null;
      for (const acl of acls) {
        for (const grant of acl.grants) {
          const g = grant.grantee;
          if (g.type === "Group" && g.uri === ALL_USERS_URI) {
            add(this.principalFor("*")!, position);
            add(this.principalFor(AUTHENTICATED_USERS_URI)!, position);
          } else if (g.type === "Group" && g.uri === AUTHENTICATED_USERS_URI) {
            add(this.principalFor(AUTHENTICATED_USERS_URI)!, position);
          } else if (g.type === "CanonicalUser" && g.id !== ownerCanonicalId) {
            const account = grantAccount(grant, { ownerCanonicalId, grants: [] }, this.model.accountId, b.acl.canonicalAccounts);
            const p = account
              ? this.principalFor(account)
              : this.grantee(`canonical:${g.id}`, () => externalPrincipal(`canonical:${g.id}`, `canonical:${g.id}`, g.id));
            if (p) add(p, position);
          }
        }
      }
    });
    this.resourceNamed = index;
    return index;
  }

  /**
   * The users and roles of another account that some bucket or trust policy names by ARN, in the order first named.
   * A policy naming that account's root trusts every principal of the account its administrators allow: the bucket
   * side (resourceNamedIndex) and the trust side (computeAssumes) both reach these principals through it, not only
   * the root.
   */
  private knownPrincipalsOf(accountId: string): readonly PrincipalModel[] {
    if (accountId === this.model.accountId) return [];
    if (!this.externalByAccount) {
      const index = new Map<string, PrincipalModel[]>();
      const policies = [...this.model.buckets.map((b) => b.policy), ...this.model.roles.map((r) => r.trust)];
      for (const policy of policies) {
        for (const s of policy?.statements ?? []) {
          if (s.effect !== "Allow" || !s.principals || s.principals.not) continue;
          for (const arn of s.principals.arns) {
            const p = this.principalFor(arn);
            const account = p?.request.accountId;
            if (!p || (p.kind !== "User" && p.kind !== "Role") || !account || account === this.model.accountId) continue;
            const list = index.get(account);
            if (!list) index.set(account, [p]);
            else if (!list.includes(p)) list.push(p);
          }
        }
      }
      this.externalByAccount = index;
    }
    return this.externalByAccount.get(accountId) ?? [];
  }

  /** Own-account principals whose identity policies may allow sts:AssumeRole on `roleArn`. */
  private assumeCandidatesIndex(): (roleArn: string) => PrincipalModel[] {
    const anyRole: PrincipalModel[] = [];
    const byRole = new Map<string, PrincipalModel[]>();
    const patterns: Array<{ match: (arn: string) => boolean; principal: PrincipalModel }> = [];
    for (const p of [...this.model.users, ...this.model.roles.map((r) => r.principal)]) {
      if (p.identity === "unrestricted") continue;
      const sts = this.stsIdentityOf(p);
      const allows = sts === "unrestricted" ? [] : sts.flatMap((policy) => policy.statements).filter((s) => s.effect === "Allow");
      let all = false;
      for (const s of allows) {
        if (!s.resources || s.resources.not) all = true;
        else
          for (const pattern of s.resources.patterns) {
            if (pattern === "*" || pattern.includes("${")) all = true;
            else if (hasWildcard(pattern)) patterns.push({ match: compileWildcard(pattern), principal: p });
            else byRole.set(pattern, [...(byRole.get(pattern) ?? []), p]);
          }
        if (all) break;
      }
      if (all) anyRole.push(p);
    }
    return (roleArn) => [...new Set([...anyRole, ...(byRole.get(roleArn) ?? []), ...patterns.filter((x) => x.match(roleArn)).map((x) => x.principal)])];
  }

  evaluateAssume(principal: PrincipalModel, role: RoleModel, action: string, withoutTrace: boolean): Decision {
    return evaluateRequest(
      { principal: principal.request, action, resource: role.principal.arn, contextKeys: this.keysOf(principal) },
      {
        identityPolicies: this.stsIdentityOf(principal),
        permissionsBoundary: principal.boundary,
        serviceControlPolicies: principal.request.accountId === this.model.accountId ? this.model.scps : undefined,
        resourceAccountId: this.model.accountId,
        resourcePolicy: role.trust,
        resourcePolicyRequired: true,
        withoutTrace,
      },
    );
  }

  computeAssumes(): AssumeEdge[] {
    const edges: AssumeEdge[] = [];
    const candidatesOf = this.assumeCandidatesIndex();
    const assumeActions = [ASSUME_ROLE, ASSUME_ROLE_WITH_WEB_IDENTITY, ASSUME_ROLE_WITH_SAML].map((a) => a.toLowerCase());
    for (const role of this.model.roles) {
      if (!role.trust) continue;
      const candidates = new Set<PrincipalModel>();
      for (const s of role.trust.statements) {
        if (s.effect !== "Allow" || !s.principals || !assumeActions.some((a) => s.actions.matches(a))) continue;
        const p = s.principals;
        for (const value of [...p.arns, ...p.accounts, ...p.services]) {
          const principal = this.principalFor(value);
          if (principal) candidates.add(principal);
        }
        for (const account of p.accounts) for (const known of this.knownPrincipalsOf(account)) candidates.add(known);
        for (const provider of p.federated) candidates.add(this.grantee(`federated:${provider}`, () => federatedPrincipal(provider)));
        if (p.wildcard || p.not) candidates.add(this.principalFor(AUTHENTICATED_USERS_URI)!);
        if (p.accounts.has(this.model.accountId) || p.wildcard) for (const c of candidatesOf(role.principal.arn)) candidates.add(c);
      }
      for (const principal of candidates) {
        if (principal === role.principal) continue;
        const action = principal.kind === "Federated" ? this.federatedAction(role.trust, principal) : ASSUME_ROLE;
        const decision = this.evaluateAssume(principal, role, action, true);
        if (decision.decision !== "Allow") continue;
        edges.push({
          fromArn: principal.arn,
          fromKind: principal.kind,
          toRoleArn: role.principal.arn,
          conditional: decision.conditional,
          conditions: uniqueBlocks([...decision.conditions, ...decision.deniedWhen]),
          via: uniqueRefs([...decision.grantedBy, ...decision.deniedBy]),
        });
      }
    }
    return edges;
  }

  private federatedAction(trust: CompiledPolicy, principal: PrincipalModel): string {
    const saml = trust.statements.some((s) => s.principals?.federated.has(principal.arn) && s.actions.matches(ASSUME_ROLE_WITH_SAML.toLowerCase()));
    return saml ? ASSUME_ROLE_WITH_SAML : ASSUME_ROLE_WITH_WEB_IDENTITY;
  }
}

/** The decision, with its trace, for one principal, bucket and action (and optionally one object key). */
export function explainAccess(
  inventory: AccountInventory,
  principalArn: string,
  bucketName: string,
  action: string,
  key?: string,
  options: EffectiveAccessOptions = {},
): Decision {
  const engine = new EffectiveAccessEngine(inventory, options);
  const principal = engine.principalFor(principalArn);
  if (!principal) throw new NotFoundError("principal", principalArn);
  const bucket = engine.model.bucketsByName.get(bucketName);
  if (!bucket) throw new NotFoundError("bucket", bucketName);
  return engine.evaluateBucketAction(principal, bucket, action, key, false);
}

/**
 * The decision, with its trace, for one principal and action through an access point of the inventory (named by ARN
 * or by name), optionally on one object key.
 */
export function explainAccessPointAccess(
  inventory: AccountInventory,
  principalArn: string,
  accessPoint: string,
  action: string,
  key?: string,
  options: EffectiveAccessOptions = {},
): Decision {
  const engine = new EffectiveAccessEngine(inventory, options);
  const principal = engine.principalFor(principalArn);
  if (!principal) throw new NotFoundError("principal", principalArn);
  const model = engine.model.accessPoints.find((ap) => ap.arn === accessPoint || ap.facts.name === accessPoint);
  if (!model) throw new NotFoundError("access point", accessPoint);
  return engine.evaluateAccessPointAction(principal, model, action, key, false);
}

/** The decision, with its trace, for `principalArn` calling sts:AssumeRole on `roleArn` of the inventory. */
export function explainAssumeRole(inventory: AccountInventory, principalArn: string, roleArn: string, options: EffectiveAccessOptions = {}): Decision {
  const engine = new EffectiveAccessEngine(inventory, options);
  const principal = engine.principalFor(principalArn);
  if (!principal) throw new NotFoundError("principal", principalArn);
  const role = engine.model.roles.find((r) => r.principal.arn === roleArn);
  if (!role) throw new NotFoundError("role", roleArn);
  return engine.evaluateAssume(principal, role, ASSUME_ROLE, false);
}

export function computeEffectiveAccess(inventory: AccountInventory, options: EffectiveAccessOptions = {}): EffectiveAccess {
  const engine = new EffectiveAccessEngine(inventory, options);
  const grants = engine.computeGrants();
  const assumes = engine.computeAssumes();
  return { grants, assumes, ...(engine.model.skipped.length > 0 ? { skipped: engine.model.skipped } : {}) };
}
