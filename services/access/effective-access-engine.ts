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
 * the principal can reach the bucket for a data action (statements indexed by bucket name, wildcards resolved once per
 * pattern), or the bucket's policy or ACL names the principal.
 */
import type { AccountInventory } from "../aws/inventory.js";
import { NotFoundError } from "../errors.js";
import { accountOfAccountPrincipal, accountRootArn, parseArn } from "./arn.js";
import { ACCESS_LEVELS, ASSUME_ROLE, ASSUME_ROLE_WITH_SAML, ASSUME_ROLE_WITH_WEB_IDENTITY, LEVEL_ACTIONS } from "./access-levels.js";
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, aclsEnabled, grantAccount } from "./acl.js";
import { classifyPublicPolicy } from "./public-policy.js";
import { RequestContextKeys } from "./condition/context.js";
import type { AccessGrant, AssumeEdge, EffectiveAccess, StatementRef } from "./effective-access.js";
import { evaluateRequest, type Decision } from "./evaluate/decision.js";
import type { EvaluationContext } from "./evaluate/request.js";
import {
  authenticatedUsersPrincipal,
  buildInventoryModel,
  externalPrincipal,
  federatedPrincipal,
  publicPrincipal,
  servicePrincipal,
  type BucketModel,
  type EffectiveAccessOptions,
  type InventoryModel,
  type PrincipalModel,
  type RoleModel,
} from "./inventory-model.js";
import type { ConditionBlock, PolicyDocument } from "./policy-document.js";
import type { CompiledPolicy, CompiledStatement } from "./policy/normalize.js";
import { canMatchUnder } from "./matching/resource.js";
import { compileWildcard, hasWildcard } from "./matching/wildcard.js";

export type { EffectiveAccessOptions, OrganizationContext } from "./inventory-model.js";

type Reach = "all" | Set<BucketModel>;

/**
 * A principal prepared for bulk evaluation: its identity statements split by the action they can concern, so that
 * each evaluation scans only the statements that may apply.
 */
interface Prepared {
  model: PrincipalModel;
  /** S3 statements (Allow and Deny) whose resources reach every bucket, or could not be indexed by bucket name. */
  general: CompiledStatement[] | "unrestricted";
  /** S3 statements whose resources reach only some buckets, by bucket. */
  byBucket: Map<BucketModel, CompiledStatement[]>;
  /** The buckets an identity Allow reaches: the candidate pairs of this principal. */
  allowReach: Reach;
  /** True when every statement in `general` has Resource "*": it then treats all plain buckets alike. */
  uniformGeneral: boolean;
  /** The ids of `general` for sharing keys (see plainPairKey); null when one of them depends on the principal. */
  generalKey: string | null;
  kmsIdentity: CompiledPolicy[] | "unrestricted";
  stsIdentity: CompiledPolicy[] | "unrestricted";
  keys: RequestContextKeys;
}

/** A bucket's policy split by action, and which actions its policy or ACL can grant at all. */
interface PreparedBucket {
  policyByAction: Map<string, CompiledPolicy | null>;
  policyIsPublic: boolean;
  /** Bits of LEVEL_ACTIONS the bucket's policy or ACL can grant. */
  grantableMask: number;
  /** No policy, no ACL grant beyond the owner, no KMS key: nothing bucket-specific in its evaluation. */
  plain: boolean;
}

function relevantPolicy(policies: CompiledPolicy[], actions: string[], id: string): { policy: CompiledPolicy; allows: CompiledStatement[] } {
  const statements = policies.flatMap((p) => p.statements).filter((s) => actions.some((a) => s.actions.matches(a)));
  const policy: CompiledPolicy = { id, source: "identity", statements, document: { Statement: [] } };
  return { policy, allows: statements.filter((s) => s.effect === "Allow") };
}

class BucketIndex {
  private readonly patternCache = new Map<string, BucketModel[] | "all">();
  /** Buckets sorted by name, so that a pattern's literal prefix selects a range by binary search. */
  private readonly sorted: BucketModel[];
  constructor(private readonly model: InventoryModel) {
    this.sorted = [...model.buckets].sort((a, b) => (a.facts.name < b.facts.name ? -1 : a.facts.name > b.facts.name ? 1 : 0));
  }

  private withNamePrefix(prefix: string): BucketModel[] {
    if (prefix === "") return this.sorted;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.facts.name < prefix) lo = mid + 1;
      else hi = mid;
    }
    const range: BucketModel[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.facts.name.startsWith(prefix); i++) range.push(this.sorted[i]!);
    return range;
  }

  /** The buckets a Resource pattern can touch (the bucket itself or any object in it). */
  bucketsFor(pattern: string): BucketModel[] | "all" {
    let cached = this.patternCache.get(pattern);
    if (cached) return cached;
    cached = this.resolve(pattern);
    this.patternCache.set(pattern, cached);
    return cached;
  }

  private resolve(pattern: string): BucketModel[] | "all" {
    if (pattern === "*" || pattern.includes("${")) return "all";
    if (pattern.startsWith("arn:aws:s3:::")) {
      const bucketPart = pattern.slice("arn:aws:s3:::".length).split("/")[0]!;
      if (bucketPart === "*") return "all";
      if (!hasWildcard(bucketPart)) {
        const bucket = this.model.bucketsByName.get(bucketPart);
        return bucket ? [bucket] : [];
      }
    } else if (!hasWildcard(pattern)) {
      return [];
    }
    const matcher = compileWildcard(pattern);
    const literal = pattern.startsWith("arn:aws:s3:::") ? pattern.slice("arn:aws:s3:::".length).split(/[*?]/)[0]! : "";
    return this.withNamePrefix(literal).filter((b) => matcher(b.arn) || canMatchUnder(pattern, `${b.arn}/`));
  }

  /** The buckets one statement's Resource element can touch. */
  statementReach(statement: CompiledStatement): BucketModel[] | "all" {
    if (!statement.resources || statement.resources.not) return "all";
    const patterns = statement.resources.patterns;
    if (patterns.length === 1) return this.bucketsFor(patterns[0]!);
    const reach = new Set<BucketModel>();
    for (const pattern of patterns) {
      const buckets = this.bucketsFor(pattern);
      if (buckets === "all") return "all";
      for (const b of buckets) reach.add(b);
    }
    return [...reach];
  }
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

export class EffectiveAccessEngine {
  readonly model: InventoryModel;
  private readonly index: BucketIndex;
  private readonly extra = new Map<string, PrincipalModel>();
  private readonly prepared = new Map<PrincipalModel, Prepared>();
  private readonly preparedBuckets = new Map<BucketModel, PreparedBucket>();
  private readonly plainResults = new Map<string, AccessGrant[]>();
  private readonly statementIds = new Map<CompiledStatement, number>();

  constructor(inventory: AccountInventory, options: EffectiveAccessOptions = {}) {
    this.model = buildInventoryModel(inventory, options);
    this.index = new BucketIndex(this.model);
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

  prepare(model: PrincipalModel): Prepared {
    let p = this.prepared.get(model);
    if (!p) {
      const keys = new RequestContextKeys(
        { ...model.context, "aws:ResourceAccount": this.model.accountId, "s3:ResourceAccount": this.model.accountId },
        false,
        model.contextCompletePrefixes,
      );
      if (model.identity === "unrestricted") {
        p = { model, general: "unrestricted", byBucket: new Map(), allowReach: "all", uniformGeneral: true, generalKey: null, kmsIdentity: "unrestricted", stsIdentity: "unrestricted", keys };
      } else {
        const general: CompiledStatement[] = [];
        const byBucket = new Map<BucketModel, CompiledStatement[]>();
        let allowReach: Reach = new Set<BucketModel>();
        for (const statement of model.identity.flatMap((policy) => policy.statements)) {
          const mask = actionMask(statement);
          if (mask === 0) continue;
          const allow = statement.effect === "Allow";
          const reach = this.index.statementReach(statement);
          if (reach === "all") {
            general.push(statement);
            if (allow) allowReach = "all";
            continue;
          }
          for (const bucket of reach) {
            const list = byBucket.get(bucket);
            if (list) list.push(statement);
            else byBucket.set(bucket, [statement]);
            if (allow && allowReach !== "all") allowReach.add(bucket);
          }
        }
        p = {
          model,
          general,
          byBucket,
          allowReach,
          uniformGeneral: general.every((st) => st.resources === null || (!st.resources.not && st.resources.patterns.includes("*"))),
          generalKey: general.some((st) => this.statementId(st) === null) ? null : general.map((st) => `${this.statementId(st)}:*,`).join(""),
          kmsIdentity: [relevantPolicy(model.identity, KMS_ACTIONS, `${model.arn}#kms`).policy],
          stsIdentity: [relevantPolicy(model.identity, STS_ACTIONS, `${model.arn}#sts`).policy],
          keys,
        };
      }
      this.prepared.set(model, p);
    }
    return p;
  }

  prepareBucket(bucket: BucketModel): PreparedBucket {
    let b = this.preparedBuckets.get(bucket);
    if (!b) {
      const policyByAction = new Map<string, CompiledPolicy | null>();
      let grantableMask = 0;
      S3_ACTIONS.forEach((action, i) => {
        const statements = bucket.policy?.statements.filter((s) => s.actions.matches(action)) ?? [];
        policyByAction.set(action, statements.length === 0 ? null : { ...bucket.policy!, statements });
        if (statements.some((s) => s.effect === "Allow")) grantableMask |= 1 << i;
      });
      const acl = bucket.facts.acl;
      const aclGrants = acl !== null && aclsEnabled(bucket.facts.ownership) && acl.grants.some((g) => g.grantee.type !== "CanonicalUser" || g.grantee.id !== acl.ownerCanonicalId);
      b = {
        policyByAction,
        policyIsPublic: classifyPublicPolicy(bucket.policy).isPublic,
        grantableMask: aclGrants ? ALL_ACTIONS_MASK : grantableMask,
        plain: bucket.policy === null && !aclGrants && bucket.kms === undefined,
      };
      this.preparedBuckets.set(bucket, b);
    }
    return b;
  }

  /** The evaluation context of one principal and bucket; `forAction` narrows it to one action's statements. */
  private bucketContext(principal: Prepared, bucket: BucketModel, withoutTrace: boolean): EvaluationContext {
    return {
      identityPolicies: "unrestricted",
      permissionsBoundary: principal.model.boundary,
      serviceControlPolicies: principal.model.request.accountId === this.model.accountId ? this.model.scps : undefined,
      resourceControlPolicies: this.model.rcps,
      resourceAccountId: this.model.accountId,
      resourcePolicy: null,
      resourcePolicyIsPublic: this.prepareBucket(bucket).policyIsPublic,
      acl: bucket.acl,
      blockPublicAccess: bucket.blockPublicAccess,
      ...(bucket.kms ? { kms: bucket.kms, kmsIdentityPolicies: principal.kmsIdentity } : {}),
      withoutTrace,
    };
  }

  /** Narrows the context to the statements that can apply to one action on this bucket. */
  private forAction(context: EvaluationContext, principal: Prepared, bucket: PreparedBucket, lowerAction: string, whole: BucketModel): EvaluationContext {
    const bit = S3_ACTIONS.indexOf(lowerAction);
    if (principal.general === "unrestricted") context.identityPolicies = "unrestricted";
    else if (bit < 0) context.identityPolicies = principal.model.identity as CompiledPolicy[];
    else {
      const mask = 1 << bit;
      const statements = principal.general.filter((s) => actionMask(s) & mask);
      for (const s of principal.byBucket.get(whole) ?? []) if (actionMask(s) & mask) statements.push(s);
      context.identityPolicies = [{ id: principal.model.arn, source: "identity", statements, document: EMPTY_DOCUMENT }];
    }
    context.resourcePolicy = bucket.policyByAction.has(lowerAction) ? bucket.policyByAction.get(lowerAction)! : whole.policy;
    return context;
  }

  evaluateBucketAction(principal: PrincipalModel, bucket: BucketModel, action: string, key: string | undefined, withoutTrace: boolean): Decision {
    const prepared = this.prepare(principal);
    const lower = action.toLowerCase();
    const level = LEVEL_ACTIONS.find((a) => a.lower === lower);
    const objectAction = level ? level.object : key !== undefined;
    const resource = objectAction ? `${bucket.arn}/${key ?? "*"}` : bucket.arn;
    const context = this.forAction(this.bucketContext(prepared, bucket, withoutTrace), prepared, this.prepareBucket(bucket), lower, bucket);
    return evaluateRequest(
      { principal: principal.request, action, resource, anyObject: objectAction && key === undefined, contextKeys: prepared.keys },
      context,
    );
  }

  /**
   * The grants of one principal on one bucket. Only the actions that some statement of the pair (identity side) or
   * the bucket's policy or ACL can allow are evaluated, each against just the statements that cover it.
   */
  grantsFor(principal: PrincipalModel, bucket: BucketModel): AccessGrant[] {
    const prepared = this.prepare(principal);
    const preparedBucket = this.prepareBucket(bucket);
    const key = this.plainPairKey(prepared, bucket, preparedBucket);
    if (key === null) return this.evaluateGrants(prepared, bucket, preparedBucket);
    let shared = this.plainResults.get(key);
    if (!shared) {
      shared = this.evaluateGrants(prepared, bucket, preparedBucket);
      this.plainResults.set(key, shared);
    }
    return shared.map((g) => ({ ...g, principalArn: principal.arn, principalKind: principal.kind, bucketArn: bucket.arn }));
  }

  /**
   * On a "plain" bucket (no policy, no ACL grant to others, no KMS key) the outcome depends only on which identity
   * statements apply and how their Resource elements meet the bucket, on the boundary and the principal's kind, so
   * principals and buckets with the same such key share one evaluation. Null when the pair cannot share: a statement
   * depends on who the principal is (principal keys or policy variables), or the bucket is not plain.
   */
  private plainPairKey(prepared: Prepared, bucket: BucketModel, preparedBucket: PreparedBucket): string | null {
    if (!preparedBucket.plain || prepared.general === "unrestricted") return null;
    const specific = prepared.byBucket.get(bucket) ?? [];
    let key = `${prepared.model.kind}|${prepared.model.boundary?.id ?? ""}|`;
    if (prepared.uniformGeneral) {
      if (prepared.generalKey === null) return null;
      key += prepared.generalKey;
    } else {
      for (const st of prepared.general) {
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
  private statementShape(statement: CompiledStatement, bucket: BucketModel): string | null {
    const id = this.statementId(statement);
    if (id === null) return null;
    if (!statement.resources) return `${id}:*,`;
    const none = new RequestContextKeys();
    const onBucket = statement.resources.match({ arn: bucket.arn }, none);
    const onObjects = statement.resources.match({ arn: `${bucket.arn}/*`, anyObjectUnder: `${bucket.arn}/` }, none);
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

  private evaluateGrants(prepared: Prepared, bucket: BucketModel, preparedBucket: PreparedBucket): AccessGrant[] {
    const principal = prepared.model;
    const context = this.bucketContext(prepared, bucket, true);
    const objectResource = `${bucket.arn}/*`;
    let mask = preparedBucket.grantableMask;
    if (prepared.general === "unrestricted") mask = ALL_ACTIONS_MASK;
    else {
      for (const s of prepared.general) if (s.effect === "Allow") mask |= actionMask(s);
      for (const s of prepared.byBucket.get(bucket) ?? []) if (s.effect === "Allow") mask |= actionMask(s);
    }
    const allowed: Array<{ la: (typeof LEVEL_ACTIONS)[number]; decision: Decision }> = [];
    for (let i = 0; i < LEVEL_ACTIONS.length; i++) {
      if (!(mask & (1 << i))) continue;
      const la = LEVEL_ACTIONS[i]!;
      const decision = evaluateRequest(
        { principal: principal.request, action: la.action, resource: la.object ? objectResource : bucket.arn, anyObject: la.object, contextKeys: prepared.keys },
        this.forAction(context, prepared, preparedBucket, la.lower, bucket),
      );
      if (decision.decision === "Allow") allowed.push({ la, decision });
    }
    const grants: AccessGrant[] = [];
    for (const level of ACCESS_LEVELS) {
      const atLevel = allowed.filter((a) => a.la.level === level);
      if (atLevel.length === 0) continue;
      const conditional = atLevel.every((a) => a.decision.conditional);
      const deniedWhen = uniqueBlocks(atLevel.flatMap((a) => a.decision.deniedWhen));
      grants.push({
        principalArn: principal.arn,
        principalKind: principal.kind,
        bucketArn: bucket.arn,
        level,
        actions: atLevel.map((a) => a.la.action),
        conditional,
        conditions: conditional ? uniqueBlocks(atLevel.flatMap((a) => a.decision.conditions)) : [],
        via: uniqueRefs(atLevel.flatMap((a) => [...a.decision.grantedBy, ...a.decision.deniedBy])),
        ...(deniedWhen.length > 0 ? { deniedWhen } : {}),
      });
    }
    return grants;
  }

  /** Candidate pairs: identity reach, plus every principal the bucket's policy or ACL names. */
  candidates(): Map<PrincipalModel, Set<BucketModel> | "all"> {
    const pairs = new Map<PrincipalModel, Set<BucketModel> | "all">();
    const add = (p: PrincipalModel, b: BucketModel): void => {
      const current = pairs.get(p);
      if (current === "all") return;
      if (current) current.add(b);
      else pairs.set(p, new Set([b]));
    };
    pairs.set(this.model.root, "all");
    for (const p of [...this.model.users, ...this.model.roles.map((r) => r.principal)]) {
      if (p.identity === "unrestricted") continue;
      const reach = this.prepare(p).allowReach;
      if (reach === "all") pairs.set(p, "all");
      else if (reach.size > 0) pairs.set(p, new Set(reach));
    }
    for (const b of this.model.buckets) {
      for (const s of b.policy?.statements ?? []) {
        if (s.effect !== "Allow" || !s.principals || !S3_ACTIONS.some((a) => s.actions.matches(a))) continue;
        const named: string[] = [...s.principals.arns, ...s.principals.accounts, ...[...s.principals.services]];
        if (s.principals.wildcard || s.principals.not) named.push("*", AUTHENTICATED_USERS_URI);
        for (const value of named) {
          const p = this.principalFor(value);
          if (p) add(p, b);
        }
      }
      if (b.facts.acl && aclsEnabled(b.facts.ownership)) {
        for (const grant of b.facts.acl.grants) {
          const g = grant.grantee;
          if (g.type === "Group" && g.uri === ALL_USERS_URI) {
            add(this.principalFor("*")!, b);
            add(this.principalFor(AUTHENTICATED_USERS_URI)!, b);
          } else if (g.type === "Group" && g.uri === AUTHENTICATED_USERS_URI) {
            add(this.principalFor(AUTHENTICATED_USERS_URI)!, b);
          } else if (g.type === "CanonicalUser" && g.id !== b.facts.acl.ownerCanonicalId) {
            const account = grantAccount(grant, b.facts.acl, this.model.accountId, b.acl.canonicalAccounts);
            const p = account
              ? this.principalFor(account)
              : this.grantee(`canonical:${g.id}`, () => externalPrincipal(`canonical:${g.id}`, `canonical:${g.id}`, g.id));
            if (p) add(p, b);
          }
        }
      }
    }
    return pairs;
  }

  computeGrants(): AccessGrant[] {
    const grants: AccessGrant[] = [];
    for (const [principal, buckets] of this.candidates()) {
      for (const bucket of buckets === "all" ? this.model.buckets : buckets) grants.push(...this.grantsFor(principal, bucket));
    }
    return grants;
  }

  /** Own-account principals whose identity policies may allow sts:AssumeRole on `roleArn`. */
  private assumeCandidatesIndex(): (roleArn: string) => PrincipalModel[] {
    const anyRole: PrincipalModel[] = [];
    const byRole = new Map<string, PrincipalModel[]>();
    const patterns: Array<{ match: (arn: string) => boolean; principal: PrincipalModel }> = [];
    for (const p of [...this.model.users, ...this.model.roles.map((r) => r.principal)]) {
      if (p.identity === "unrestricted") continue;
      const { allows } = relevantPolicy(p.identity, STS_ACTIONS, p.arn);
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
    const prepared = this.prepare(principal);
    return evaluateRequest(
      { principal: principal.request, action, resource: role.principal.arn, contextKeys: prepared.keys },
      {
        identityPolicies: prepared.stsIdentity,
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
