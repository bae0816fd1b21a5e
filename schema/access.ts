/**
 * Effective access: who can perform an S3 action on a bucket, directly or through chains of role assumptions, and
 * which policy statements justify each hop.
 */
import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { DEFAULT_MAX_HOPS, MAX_HOPS_LIMIT, runWhoCanAccess, type AccessPath as AccessPathValue } from "../graph/queries/access-paths.js";
import type { ApiContext } from "./context.js";
import { AccessLevel } from "./enums.js";
import { JSONValue } from "./scalars.js";

export enum HopKind {
  CAN_ASSUME = "CAN_ASSUME",
  CAN_ACCESS = "CAN_ACCESS",
}
registerEnumType(HopKind, { name: "HopKind", description: "A role assumption, or the final access to the bucket." });

@ObjectType({ description: "A policy statement that contributes to an edge." })
export class StatementRef {
  @Field(() => String, { description: "Managed policy ARN, `<owner>#inline/<name>`, `<bucketArn>#policy` or `<roleArn>#trust`." })
  policyId!: string;

  @Field(() => String, { description: "Sid, or the statement's index when it has none." })
  sid!: string;

  @Field(() => Int, { description: "Position of the statement in its policy, from 0." })
  index!: number;

  @Field(() => String, { description: "Allow or Deny." })
  effect!: string;

  @Field(() => String, { description: "identity, bucket-policy, access-point-policy, acl, trust, key-policy, boundary, scp or rcp." })
  source!: string;
}

@ObjectType()
export class PathNode {
  @Field(() => String)
  arn!: string;

  @Field(() => String, { nullable: true, description: "Principal kind, or Bucket for the last node." })
  kind!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType()
export class PrincipalRef {
  @Field(() => String)
  arn!: string;

  @Field(() => String, { nullable: true })
  kind!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  accountId!: string | null;
}

@ObjectType()
export class BucketRef {
  @Field(() => String)
  arn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  accountId!: string | null;
}

@ObjectType()
export class Hop {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => HopKind)
  kind!: HopKind;

  @Field(() => Boolean)
  conditional!: boolean;

  @Field(() => [StatementRef])
  via!: StatementRef[];
}

@ObjectType({ description: "One way a principal reaches a bucket." })
export class AccessPath {
  @Field(() => PrincipalRef)
  principal!: PrincipalRef;

  @Field(() => BucketRef)
  bucket!: BucketRef;

  @Field(() => AccessLevel)
  level!: AccessLevel;

  @Field(() => [String], { description: "S3 actions the final grant allows at this level." })
  actions!: string[];

  @Field(() => Boolean, { description: "True when the grant or a role assumption depends on unknown conditions." })
  conditional!: boolean;

  @Field(() => [JSONValue], { description: "IAM condition blocks of every conditional edge on the path." })
  conditions!: unknown[];

  @Field(() => [JSONValue], { description: "Conditions of Deny statements that remove the final grant whenever they hold." })
  deniedWhen!: unknown[];

  @Field(() => [PathNode], { description: "The principal, each role it assumes, then the bucket." })
  path!: PathNode[];

  @Field(() => [Hop])
  hops!: Hop[];
}

export function toAccessPathType(value: AccessPathValue): AccessPath {
  return {
    ...value,
    level: value.level as AccessLevel,
    hops: value.hops.map((h) => ({ ...h, kind: HopKind[h.kind] })),
  };
}

@ArgsType()
export class WhoCanAccessArgs {
  @Field(() => String, { description: "Bucket name." })
  bucket!: string;

  @Field(() => String, {
    defaultValue: "s3:GetObject",
    description: "S3 action the access engine evaluates (case-insensitive), or an access level: READ, WRITE, LIST, PERMISSIONS.",
  })
  action!: string;

  @Field(() => Int, { defaultValue: DEFAULT_MAX_HOPS, description: `Longest role chain to follow, 0 to ${MAX_HOPS_LIMIT}.` })
  maxHops!: number;
}

@Resolver()
export class AccessResolver {
  @Query(() => [AccessPath], {
    description:
      "Principals that can perform `action` on the bucket: direct grants, and principals reaching a grantee through up to maxHops role assumptions. Shortest paths first, at most 200.",
  })
  async whoCanAccess(
    @Ctx() ctx: ApiContext,
    @Args(() => WhoCanAccessArgs) args: WhoCanAccessArgs,
  ): Promise<AccessPath[]> {
    const paths = await runWhoCanAccess(ctx.graph, args);
    return paths.map(toAccessPathType);
  }
}
