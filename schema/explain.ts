/**
 * explainAccess: a policy simulator over the graph. The owning account's inventory is rebuilt from the stored facts
 * (graph/queries/load-inventory.ts) and handed to the access engine, whose Decision and trace are returned as they
 * are: which statements allowed, which Deny, permissions boundary or Block Public Access setting blocked.
 * When the principal itself is not allowed, the role chains it can follow (stored CAN_ASSUME edges) are tried,
 * shortest first, and the first one that reaches an Allow is returned as `viaRoleChain`.
 */
import DataLoader from "dataloader";
import { Args, ArgsType, Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import {
  assumeEdges,
  bucketOwnerAccountId,
  loadInventory,
  principalExists,
} from "../graph/queries/load-inventory.js";
import { LEVEL_ACTIONS } from "../services/access/access-levels.js";
import { accountOfAccountPrincipal, accountRootArn } from "../services/access/arn.js";
import { explainAccess, explainAccessPointAccess, reachableRoles, type Decision, type TraceStep as EngineTraceStep } from "../services/access/index.js";
import type { AccountInventory } from "../services/aws/inventory.js";
import { InvalidInputError, NotFoundError } from "../services/errors.js";
import { StatementRef } from "./access.js";
import type { ApiContext } from "./context.js";
import { JSONValue } from "./scalars.js";

export enum AccessDecision {
  ALLOW = "ALLOW",
  EXPLICIT_DENY = "EXPLICIT_DENY",
  IMPLICIT_DENY = "IMPLICIT_DENY",
}
registerEnumType(AccessDecision, {
  name: "AccessDecision",
  description: "AWS's answer: allowed, denied by a Deny statement, or denied because nothing allows it.",
});

export enum TraceStepKind {
  POLICY_STATEMENT = "POLICY_STATEMENT",
  ACL_GRANT = "ACL_GRANT",
  BLOCK_PUBLIC_ACCESS = "BLOCK_PUBLIC_ACCESS",
  GUARDRAIL = "GUARDRAIL",
  NOTE = "NOTE",
}
registerEnumType(TraceStepKind, {
  name: "TraceStepKind",
  description:
    "POLICY_STATEMENT: a statement that applies; ACL_GRANT: a bucket ACL grant; BLOCK_PUBLIC_ACCESS: a setting that " +
    "neutralised a public grant; GUARDRAIL: a boundary, SCP/RCP, KMS key or cross-account rule that blocked; NOTE: context.",
});

export enum TraceOutcome {
  ALLOW = "ALLOW",
  CONDITIONAL_ALLOW = "CONDITIONAL_ALLOW",
  DENY = "DENY",
  CONDITIONAL_DENY = "CONDITIONAL_DENY",
  BLOCKED = "BLOCKED",
  NOTE = "NOTE",
}
registerEnumType(TraceOutcome, { name: "TraceOutcome" });

@ObjectType({ description: "One step of the engine's evaluation, in the order it was made." })
export class TraceStep {
  @Field(() => TraceStepKind)
  kind!: TraceStepKind;

  @Field(() => String, { nullable: true, description: "The policy of the statement or ACL grant, when the step has one." })
  policyId!: string | null;

  @Field(() => String, { nullable: true, description: "Sid, or the statement's index when it has none." })
  sid!: string | null;

  @Field(() => String, { nullable: true, description: "Allow or Deny, for statements and grants." })
  effect!: string | null;

  @Field(() => String, {
    description: "identity, bucket-policy, access-point-policy, acl, trust, key-policy, boundary, scp, rcp, block-public-access, ownership, kms or engine.",
  })
  source!: string;

  @Field(() => TraceOutcome)
  outcome!: TraceOutcome;

  @Field(() => String, { description: "What the engine concluded at this step, in words." })
  detail!: string;
}

@ObjectType({ description: "Why a principal can or cannot perform an S3 action, as a policy simulator would explain it." })
export class AccessExplanation {
  @Field(() => AccessDecision)
  decision!: AccessDecision;

  @Field(() => Boolean, { description: "True when the Allow depends on conditions (or conditional Denies) whose context is unknown." })
  conditional!: boolean;

  @Field(() => [JSONValue], { description: "IAM condition blocks the Allow depends on: every one must hold." })
  conditions!: unknown[];

  @Field(() => [JSONValue], { description: "Conditions of Deny statements that block the Allow whenever they hold." })
  deniedWhen!: unknown[];

  @Field(() => [StatementRef], { description: "The statements (and ACL grants) that allow." })
  grantedBy!: StatementRef[];

  @Field(() => [StatementRef], { description: "The Deny statements: unconditional for EXPLICIT_DENY, conditional otherwise." })
  deniedBy!: StatementRef[];

  @Field(() => [TraceStep])
  steps!: TraceStep[];

  @Field(() => [String], {
    nullable: true,
    description:
      "When the principal is not allowed itself: the roles it can assume, in order, to reach one that is (shortest " +
      "chain first). Null when the principal is allowed directly or no chain leads to an Allow.",
  })
  viaRoleChain!: string[] | null;
}

@ArgsType()
export class ExplainAccessArgs {
  @Field(() => String, {
    description: "Principal ARN (IAM user or role, account root), an account id, `*` for the public, or a service name.",
  })
  principal!: string;

  @Field(() => String, { description: "Bucket name." })
  bucket!: string;

  @Field(() => String, { defaultValue: "s3:GetObject", description: "S3 action (case-insensitive)." })
  action!: string;

  @Field(() => String, { nullable: true, description: "Object key; without it, the question is about any object." })
  key?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Access point name or ARN: the request goes through it, so its policy and the bucket's must both allow.",
  })
  accessPoint?: string | null;
}

const DECISIONS: Record<Decision["decision"], AccessDecision> = {
  Allow: AccessDecision.ALLOW,
  ExplicitDeny: AccessDecision.EXPLICIT_DENY,
  ImplicitDeny: AccessDecision.IMPLICIT_DENY,
};

const OUTCOMES: Record<EngineTraceStep["outcome"], TraceOutcome> = {
  allow: TraceOutcome.ALLOW,
  "conditional-allow": TraceOutcome.CONDITIONAL_ALLOW,
  deny: TraceOutcome.DENY,
  "conditional-deny": TraceOutcome.CONDITIONAL_DENY,
  blocked: TraceOutcome.BLOCKED,
  note: TraceOutcome.NOTE,
};

function stepKind(step: EngineTraceStep): TraceStepKind {
  if (step.source === "block-public-access") return TraceStepKind.BLOCK_PUBLIC_ACCESS;
  if (step.statement) return step.source === "acl" ? TraceStepKind.ACL_GRANT : TraceStepKind.POLICY_STATEMENT;
  return step.outcome === "blocked" ? TraceStepKind.GUARDRAIL : TraceStepKind.NOTE;
}

/** Pure: the engine's Decision as the API's AccessExplanation, step for step. */
export function toAccessExplanation(decision: Decision, viaRoleChain: string[] | null): AccessExplanation {
  return {
    decision: DECISIONS[decision.decision],
    conditional: decision.conditional,
    conditions: decision.conditions,
    deniedWhen: decision.deniedWhen,
    grantedBy: decision.grantedBy,
    deniedBy: decision.deniedBy,
    steps: decision.trace.map((step) => ({
      kind: stepKind(step),
      policyId: step.statement?.policyId ?? null,
      sid: step.statement?.sid ?? null,
      effect: step.statement?.effect ?? null,
      source: step.source,
      outcome: OUTCOMES[step.outcome],
      detail: step.message,
    })),
    viaRoleChain,
  };
}

/**
 * The engine explains the actions behind Sightline's access levels (services/access/access-levels.ts); it knows which
 * of them address objects, so other actions would be evaluated against the wrong resource. Returns AWS's spelling.
 */
export function checkExplainAction(action: string): string {
  const lower = action.trim().toLowerCase();
  const known = LEVEL_ACTIONS.find((a) => a.lower === lower);
  if (!known) {
    throw new InvalidInputError(
      "action",
      `"${action}" is not an action Sightline explains`,
      `Use one of ${LEVEL_ACTIONS.map((a) => a.action).join(", ")}.`,
    );
  }
  return known.action;
}

const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const SERVICE_NAME = /\.amazonaws\.com(\.cn)?$/;

/** Values the engine understands without a graph node: the public, any signed-in user, an account, a service. */
function isGenericPrincipal(value: string): boolean {
  return (
    value === "*" ||
    value === AUTHENTICATED_USERS_URI ||
    /^\d{12}$/.test(value) ||
    /^arn:aws[\w-]*:iam::\d{12}:root$/.test(value) ||
    SERVICE_NAME.test(value)
  );
}

/**
 * The key of the graph node (and so of the CAN_ASSUME edges) that stands for `principal` as typed: the engine resolves
 * an account id or root ARN to that account's root ARN, and a service name to the service (principalFor in
 * services/access/effective-access-engine.ts), whose node graph/writes/effective-access.ts keys `service:<name>`.
 * Anything else (an IAM ARN, `*`, the AuthenticatedUsers URI) is its own key.
 */
export function principalNodeKey(principal: string): string {
  const account = accountOfAccountPrincipal(principal);
  if (account !== null) return accountRootArn(account);
  if (!principal.startsWith("arn:") && SERVICE_NAME.test(principal)) return `service:${principal}`;
  return principal;
}

/** One inventory per account per request: several explanations in one operation load it once. */
const inventoryLoaders = new WeakMap<ApiContext, DataLoader<string, AccountInventory>>();

function inventoryLoader(ctx: ApiContext): DataLoader<string, AccountInventory> {
  let loader = inventoryLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((accountIds: readonly string[]) => Promise.all(accountIds.map((id) => loadInventory(ctx.graph, id))));
    inventoryLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver()
export class ExplainResolver {
  @Query(() => AccessExplanation, {
    description:
      "Simulates one S3 request from the stored facts: the decision, the statements that allowed or denied, the " +
      "boundary, Block Public Access or ownership settings that blocked, and a role chain that would succeed. " +
      "NOT_FOUND for an unknown bucket or principal; BAD_USER_INPUT for an action Sightline does not explain.",
  })
  async explainAccess(@Ctx() ctx: ApiContext, @Args(() => ExplainAccessArgs) args: ExplainAccessArgs): Promise<AccessExplanation> {
    const action = checkExplainAction(args.action);
    const principal = args.principal.trim();
    const accountId = await bucketOwnerAccountId(ctx.graph, args.bucket);
    if (accountId === null) throw new NotFoundError("bucket", args.bucket);
    if (!isGenericPrincipal(principal) && !(await principalExists(ctx.graph, principal))) {
      throw new NotFoundError("principal", principal);
    }
    const inventory = await inventoryLoader(ctx).load(accountId);
    const key = args.key ?? undefined;
    const accessPoint = args.accessPoint?.trim() || null;
    if (accessPoint !== null && !(inventory.accessPoints ?? []).some((ap) => ap.bucket === args.bucket && (ap.arn === accessPoint || ap.name === accessPoint))) {
      throw new NotFoundError("access point", `${accessPoint} (of bucket ${args.bucket})`);
    }
    const explain = (who: string) =>
      accessPoint === null
        ? explainAccess(inventory, who, args.bucket, action, key)
        : explainAccessPointAccess(inventory, who, accessPoint, action, key);
    const decision = explain(principal);
    if (decision.decision === "Allow") return toAccessExplanation(decision, null);
    for (const chain of reachableRoles(await assumeEdges(ctx.graph, accountId), principalNodeKey(principal))) {
      const viaRole = explain(chain.roleArn);
      if (viaRole.decision === "Allow") return toAccessExplanation(decision, chain.path.map((edge) => edge.toRoleArn));
    }
    return toAccessExplanation(decision, null);
  }
}
