/**
 * Reach of sensitive data: who can read buckets holding a kind of sensitive data, how far one principal reaches,
 * and which roles and policies carry the most of those paths.
 */
import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { DEFAULT_MAX_HOPS } from "../graph/queries/access-paths.js";
import { runChokePoints } from "../graph/queries/choke-points.js";
import { runPrincipalReach } from "../graph/queries/principal-reach.js";
import { runSensitiveDataReach, type ReachedBucket as ReachedBucketValue } from "../graph/queries/sensitive-data-reach.js";
import { InvalidInputError } from "../services/errors.js";
import { AccessPath, BucketRef, PathNode, PrincipalRef, toAccessPathType } from "./access.js";
import type { ApiContext } from "./context.js";
import { Category, Severity } from "./enums.js";
import { Principal, toPrincipal } from "./principal.js";
import { SafeInt } from "./scalars.js";

export enum Exposure {
  PUBLIC = "PUBLIC",
  EXTERNAL_ACCOUNT = "EXTERNAL_ACCOUNT",
  INTERNAL = "INTERNAL",
}
registerEnumType(Exposure, {
  name: "Exposure",
  description: "Who the principal is relative to the data: anyone, another AWS account, or the bucket's own account.",
});

export enum ChokePointKind {
  ROLE = "ROLE",
  POLICY = "POLICY",
}
registerEnumType(ChokePointKind, { name: "ChokePointKind" });

@ObjectType()
export class ReachedBucket {
  @Field(() => BucketRef)
  bucket!: BucketRef;

  @Field(() => Int, { description: "Matching sensitive-data findings in the bucket." })
  findingCount!: number;

  @Field(() => Int, { description: "Objects with matching findings." })
  objectCount!: number;

  @Field(() => SafeInt, { description: "Occurrences of sensitive values in those findings." })
  occurrences!: number;

  @Field(() => [AccessPath])
  accessPaths!: AccessPath[];
}

function toReachedBucket(value: ReachedBucketValue): ReachedBucket {
  return { ...value, accessPaths: value.accessPaths.map(toAccessPathType) };
}

@ObjectType({ description: "A principal that can read sensitive data, with every bucket and path it reaches it by." })
export class ReachEntry {
  @Field(() => PrincipalRef)
  principal!: PrincipalRef;

  @Field(() => Exposure)
  exposure!: Exposure;

  @Field(() => Int)
  findingCount!: number;

  @Field(() => Int)
  objectCount!: number;

  @Field(() => SafeInt)
  occurrences!: number;

  @Field(() => [ReachedBucket])
  buckets!: ReachedBucket[];
}

@ObjectType({ description: "Blast radius of one principal." })
export class PrincipalReach {
  @Field(() => Principal)
  principal!: Principal;

  @Field(() => [PathNode], { description: "Roles it can assume on the way to some bucket." })
  assumedRoles!: PathNode[];

  @Field(() => [ReachedBucket])
  buckets!: ReachedBucket[];

  @Field(() => Int)
  sensitiveBucketCount!: number;

  @Field(() => Int)
  findingCount!: number;
}

@ObjectType()
export class ChokePoint {
  @Field(() => ChokePointKind)
  kind!: ChokePointKind;

  @Field(() => String, { description: "Role ARN or policy id." })
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int, { description: "Paths to sensitive data that pass through it." })
  pathCount!: number;

  @Field(() => Int)
  principalCount!: number;

  @Field(() => Int)
  bucketCount!: number;
}

@ArgsType()
export class SensitiveDataReachArgs {
  @Field(() => Category, { nullable: true })
  category?: Category | null;

  @Field(() => String, { nullable: true, description: "Identifier type, e.g. CREDIT_CARD_NUMBER." })
  type?: string | null;

  @Field(() => Severity, { nullable: true, description: "Only detections of at least this severity." })
  minSeverity?: Severity | null;

  @Field(() => Int, { defaultValue: DEFAULT_MAX_HOPS })
  maxHops!: number;
}

@ArgsType()
export class PrincipalReachArgs {
  @Field(() => String)
  arn!: string;

  @Field(() => Int, { defaultValue: DEFAULT_MAX_HOPS })
  maxHops!: number;
}

@ArgsType()
export class ChokePointsArgs {
  @Field(() => Int, { defaultValue: 10, description: "1 to 100." })
  limit!: number;

  @Field(() => Int, { defaultValue: DEFAULT_MAX_HOPS })
  maxHops!: number;
}

@Resolver()
export class ReachResolver {
  @Query(() => [ReachEntry], {
    description:
      "Principals with READ access (directly or through role chains) to buckets holding sensitive data of a category or identifier type; public and external principals first. Built from at most 1,000 paths, shortest first.",
  })
  async sensitiveDataReach(
    @Ctx() ctx: ApiContext,
    @Args(() => SensitiveDataReachArgs) args: SensitiveDataReachArgs,
  ): Promise<ReachEntry[]> {
    const entries = await runSensitiveDataReach(ctx.graph, args);
    return entries.map((e) => ({ ...e, exposure: Exposure[e.exposure], buckets: e.buckets.map(toReachedBucket) }));
  }

  @Query(() => PrincipalReach, { description: "Every bucket one principal can reach, and the sensitive data in it." })
  async principalReach(
    @Ctx() ctx: ApiContext,
    @Args(() => PrincipalReachArgs) { arn, maxHops }: PrincipalReachArgs,
  ): Promise<PrincipalReach> {
    const reach = await runPrincipalReach(ctx.graph, arn, maxHops);
    return { ...reach, principal: toPrincipal(reach.principal), buckets: reach.buckets.map(toReachedBucket) };
  }

  @Query(() => [ChokePoint], {
    description: "Roles and policies that the most READ paths to sensitive data pass through (counted over at most 20,000 paths).",
  })
  async chokePoints(
    @Ctx() ctx: ApiContext,
    @Args(() => ChokePointsArgs) { limit, maxHops }: ChokePointsArgs,
  ): Promise<ChokePoint[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new InvalidInputError("limit", `must be an integer from 1 to 100, got ${limit}`);
    }
    const points = await runChokePoints(ctx.graph, limit, maxHops);
    return points.map((p) => ({ ...p, kind: ChokePointKind[p.kind] }));
  }
}
