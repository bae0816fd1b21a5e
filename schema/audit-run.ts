/**
 * Audit runs: starting one (a Temporal workflow, behind the AuditService port) and following it. Live status and
 * progress come from the workflow; once Temporal has forgotten a run, its record in the graph still answers.
 */
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { runAuditRun, type AuditRunRow } from "../graph/queries/audit-runs.js";
import { InvalidInputError, NotFoundError } from "../services/errors.js";
import type { ApiContext } from "./context.js";
import type { AuditRunStatus } from "./ports.js";
import { DateTimeISO, SafeInt, toDate } from "./scalars.js";

export enum AuditRunState {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
  TERMINATED = "TERMINATED",
  TIMED_OUT = "TIMED_OUT",
  CONTINUED_AS_NEW = "CONTINUED_AS_NEW",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(AuditRunState, { name: "AuditRunState" });

@ObjectType()
export class AuditRunRef {
  @Field(() => ID)
  runId!: string;
}

const STAT_FIELDS = [
  "buckets",
  "bucketsWithErrors",
  "principals",
  "objects",
  "bytes",
  "objectsClassified",
  "objectsUnchanged",
  "objectsUnclassifiable",
  "sensitiveObjects",
  "accessGrants",
  "postureFindings",
  "errors",
] as const;
type StatField = (typeof STAT_FIELDS)[number];

@ObjectType({ description: "Counters of an audit run (live while it runs); null when not recorded." })
export class AuditStats implements Record<StatField, number | null> {
  @Field(() => String, { nullable: true })
  accountId!: string | null;

  @Field(() => SafeInt, { nullable: true })
  buckets!: number | null;

  @Field(() => SafeInt, { nullable: true })
  bucketsWithErrors!: number | null;

  @Field(() => SafeInt, { nullable: true })
  principals!: number | null;

  @Field(() => SafeInt, { nullable: true })
  objects!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Bytes of the objects inventoried." })
  bytes!: number | null;

  @Field(() => SafeInt, { nullable: true })
  objectsClassified!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Objects skipped because their etag had not changed." })
  objectsUnchanged!: number | null;

  @Field(() => SafeInt, { nullable: true })
  objectsUnclassifiable!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Objects with a sensitive-data finding." })
  sensitiveObjects!: number | null;

  @Field(() => SafeInt, { nullable: true })
  accessGrants!: number | null;

  @Field(() => SafeInt, { nullable: true })
  postureFindings!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Sensitive-data findings (one per object) plus posture findings." })
  findings!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Buckets and objects recorded as failed and skipped." })
  errors!: number | null;
}

@ObjectType()
export class AuditProgress {
  @Field(() => String, { description: "STARTING, COLLECTING, INVENTORYING, CLASSIFYING, FINISHING, DONE or FAILED." })
  phase!: string;

  @Field(() => Int)
  bucketsTotal!: number;

  @Field(() => Int)
  bucketsDone!: number;

  @Field(() => [String])
  currentBuckets!: string[];
}

@ObjectType()
export class AuditRun {
  @Field(() => ID)
  runId!: string;

  @Field(() => String, { nullable: true })
  accountId!: string | null;

  @Field(() => AuditRunState)
  status!: AuditRunState;

  @Field(() => DateTimeISO, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeISO, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why the run failed." })
  error!: string | null;

  @Field(() => AuditProgress, { nullable: true, description: "Live progress while the run is RUNNING." })
  progress!: AuditProgress | null;

  @Field(() => AuditStats, { nullable: true })
  stats!: AuditStats | null;
}

function toAuditStats(raw: Record<string, unknown> | null): AuditStats | null {
  if (raw === null) return null;
  const num = (key: string) => (typeof raw[key] === "number" ? (raw[key] as number) : null);
  const stats = Object.fromEntries(STAT_FIELDS.map((k) => [k, num(k)])) as Record<StatField, number | null>;
  const findings =
    stats.sensitiveObjects === null && stats.postureFindings === null
      ? null
      : (stats.sensitiveObjects ?? 0) + (stats.postureFindings ?? 0);
  return { ...stats, accountId: typeof raw.accountId === "string" ? raw.accountId : null, findings };
}

function toState(status: string | null | undefined): AuditRunState {
  return status && status in AuditRunState ? (status as AuditRunState) : AuditRunState.UNKNOWN;
}

/** Temporal knows whether the workflow still runs and how far it got; the graph keeps what it recorded. */
export function mergeAuditRun(runId: string, live: AuditRunStatus | null, recorded: AuditRunRow | null): AuditRun {
  const stats = toAuditStats(
    (live?.stats ?? live?.progress?.stats ?? recorded?.stats ?? null) as Record<string, unknown> | null,
  );
  return {
    runId,
    accountId: recorded?.accountId ?? stats?.accountId ?? null,
    status: toState(live ? live.status : recorded?.status),
    startedAt: toDate(live?.startedAt ?? recorded?.startedAt),
    finishedAt: toDate(live?.finishedAt ?? recorded?.finishedAt),
    error: live?.error ?? recorded?.error ?? null,
    progress: live?.progress
      ? {
          phase: live.progress.phase,
          bucketsTotal: live.progress.bucketsTotal,
          bucketsDone: live.progress.bucketsDone,
          currentBuckets: live.progress.currentBuckets,
        }
      : null,
    stats,
  };
}

@InputType()
export class StartAuditInput {
  @Field(() => String, { nullable: true, description: "12-digit AWS account id; the worker's account when omitted." })
  accountId?: string | null;

  @Field(() => [String], { nullable: true, description: "Bucket names to audit; every bucket when omitted." })
  buckets?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Classify object contents (default) or only inventory and access." })
  classify?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Classify at most this many objects per bucket (sampling)." })
  maxObjectsPerBucket?: number | null;
}

@Resolver()
export class AuditRunResolver {
  @Mutation(() => AuditRunRef, { description: "Starts an audit; follow it with auditRun(id)." })
  async startAudit(
    @Ctx() ctx: ApiContext,
    @Arg("input", () => StartAuditInput, { nullable: true }) input: StartAuditInput | null,
  ): Promise<AuditRunRef> {
    const { accountId, buckets, classify, maxObjectsPerBucket } = input ?? {};
    if (accountId != null && !/^\d{12}$/.test(accountId)) {
      throw new InvalidInputError("input.accountId", `must be a 12-digit AWS account id, got "${accountId}"`);
    }
    if (maxObjectsPerBucket != null && maxObjectsPerBucket < 1) {
      throw new InvalidInputError("input.maxObjectsPerBucket", `must be at least 1, got ${maxObjectsPerBucket}`);
    }
    const { runId } = await ctx.audits.start({
      ...(accountId != null ? { accountId } : {}),
      ...(buckets != null ? { buckets } : {}),
      ...(classify != null ? { classify } : {}),
      ...(maxObjectsPerBucket != null ? { maxObjectsPerBucket } : {}),
    });
    return { runId };
  }

  @Query(() => AuditRun, { description: "An audit run's status, progress and statistics; NOT_FOUND for an unknown id." })
  async auditRun(@Ctx() ctx: ApiContext, @Arg("id", () => ID) id: string): Promise<AuditRun> {
    const [live, recorded] = await Promise.all([
      ctx.audits.status(id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
      runAuditRun(ctx.graph, id),
    ]);
    if (live === null && recorded === null) throw new NotFoundError("AuditRun", id);
    return mergeAuditRun(id, live, recorded);
  }
}
