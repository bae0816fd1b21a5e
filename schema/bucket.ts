/** S3 buckets as inventoried by the last audit: security posture, object summary and findings. */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { runBucketByName, runBuckets, type BucketRow } from "../graph/queries/buckets.js";
import { MAX_PAGE_SIZE } from "../graph/queries/pagination.js";
import { InvalidInputError } from "../services/errors.js";
import { Connection, DEFAULT_PAGE_SIZE, toConnection } from "./connection.js";
import { BUCKET_FINDINGS_LIMIT, type ApiContext } from "./context.js";
import { EffectivePublicAccess } from "./enums.js";
import { Finding, toFinding } from "./finding.js";
import { DateTimeISO, SafeInt, toDate } from "./scalars.js";

@ObjectType({ description: "The bucket's S3 Block Public Access settings." })
export class PublicAccessBlock {
  @Field(() => Boolean, { nullable: true })
  blockPublicAcls!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  ignorePublicAcls!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  blockPublicPolicy!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  restrictPublicBuckets!: boolean | null;
}

@ObjectType({ description: "The bucket's objects as of the last audit." })
export class ObjectsSummary {
  @Field(() => SafeInt)
  objectCount!: number;

  @Field(() => SafeInt)
  totalSizeInBytes!: number;

  @Field(() => SafeInt, { description: "Objects the classifier read to the end." })
  classified!: number;

  @Field(() => SafeInt, { description: "Objects the classifier could not read (format, size, access...)." })
  unclassifiable!: number;

  @Field(() => SafeInt)
  withSensitiveFindings!: number;
}

@ObjectType()
export class Bucket {
  @Field(() => String)
  arn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  accountId!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => DateTimeISO, { nullable: true })
  createdAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Enabled, Suspended or Disabled." })
  versioning!: string | null;

  @Field(() => String, { nullable: true, description: "Default encryption: NONE, AES256, aws:kms, aws:kms:dsse." })
  encryptionType!: string | null;

  @Field(() => String, { nullable: true })
  kmsKeyArn!: string | null;

  @Field(() => String, { nullable: true, description: "S3 Object Ownership setting." })
  ownership!: string | null;

  @Field(() => EffectivePublicAccess, { nullable: true })
  effectivePublicAccess!: EffectivePublicAccess | null;

  @Field(() => String, { nullable: true, description: "EXTERNAL, INTERNAL or NOT_SHARED." })
  sharedAccess!: string | null;

  @Field(() => Int, { nullable: true, description: "Macie-style sensitivity score, 1-100." })
  sensitivityScore!: number | null;

  @Field(() => SafeInt, { nullable: true })
  objectCount!: number | null;

  @Field(() => SafeInt, { nullable: true })
  sizeInBytes!: number | null;

  @Field(() => PublicAccessBlock, { nullable: true })
  publicAccessBlock!: PublicAccessBlock | null;

  @Field(() => Boolean, { nullable: true })
  websiteEnabled!: boolean | null;

  @Field(() => String, { nullable: true, description: "Why collecting this bucket failed, e.g. AccessDenied." })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  lastAuditRunId!: string | null;
}

export function toBucket(row: BucketRow): Bucket {
  const bpa = [row.bpaBlockPublicAcls, row.bpaIgnorePublicAcls, row.bpaBlockPublicPolicy, row.bpaRestrictPublicBuckets];
  return {
    arn: row.arn,
    name: row.name,
    accountId: row.accountId,
    region: row.region,
    createdAt: toDate(row.createdAt),
    versioning: row.versioning,
    encryptionType: row.encryptionType,
    kmsKeyArn: row.kmsKeyArn,
    ownership: row.ownership,
    effectivePublicAccess:
      row.effectivePublicAccess && row.effectivePublicAccess in EffectivePublicAccess
        ? (row.effectivePublicAccess as EffectivePublicAccess)
        : null,
    sharedAccess: row.sharedAccess,
    sensitivityScore: row.sensitivityScore,
    objectCount: row.objectCount,
    sizeInBytes: row.sizeInBytes,
    publicAccessBlock: bpa.every((v) => v === null || v === undefined)
      ? null
      : {
          blockPublicAcls: row.bpaBlockPublicAcls,
          ignorePublicAcls: row.bpaIgnorePublicAcls,
          blockPublicPolicy: row.bpaBlockPublicPolicy,
          restrictPublicBuckets: row.bpaRestrictPublicBuckets,
        },
    websiteEnabled: row.websiteEnabled,
    errorCode: row.errorCode,
    lastAuditRunId: row.lastAuditRunId,
  };
}

@InputType()
export class BucketFilter {
  @Field(() => String, { nullable: true, description: "Case-insensitive part of the bucket name." })
  nameContains?: string | null;

  @Field(() => EffectivePublicAccess, { nullable: true })
  effectivePublicAccess?: EffectivePublicAccess | null;

  @Field(() => String, { nullable: true, description: "NONE, AES256, aws:kms or aws:kms:dsse." })
  encryptionType?: string | null;

  @Field(() => Int, { nullable: true, description: "At least this sensitivity score (1-100)." })
  minSensitivityScore?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Only buckets with (true) or without (false) sensitive-data findings." })
  hasSensitiveFindings?: boolean | null;
}

@ObjectType()
export class BucketConnection extends Connection {
  @Field(() => [Bucket])
  nodes!: Bucket[];
}

@ArgsType()
export class BucketsArgs {
  @Field(() => BucketFilter, { nullable: true })
  filter?: BucketFilter | null;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page." })
  after?: string | null;
}

@Resolver(() => Bucket)
export class BucketResolver {
  @Query(() => BucketConnection, { description: "Buckets ordered by name, filtered and paged." })
  async buckets(
    @Ctx() ctx: ApiContext,
    @Args(() => BucketsArgs) { filter, first, after }: BucketsArgs,
  ): Promise<BucketConnection> {
    const page = await runBuckets(ctx.graph, filter ?? {}, { first, after });
    return toConnection({ ...page, nodes: page.nodes.map(toBucket) });
  }

  @Query(() => Bucket, { description: "One bucket by name; NOT_FOUND when no audit has seen it." })
  async bucket(@Ctx() ctx: ApiContext, @Arg("name", () => String) name: string): Promise<Bucket> {
    return toBucket(await runBucketByName(ctx.graph, name));
  }

  @FieldResolver(() => ObjectsSummary)
  objects(@Root() bucket: Bucket, @Ctx() ctx: ApiContext): Promise<ObjectsSummary> {
    return ctx.loaders.objectsSummary.load(bucket.arn);
  }

  @FieldResolver(() => [Finding], {
    description: `Posture and sensitive-data findings, most severe first (at most ${BUCKET_FINDINGS_LIMIT}; page with Query.findings).`,
  })
  async findings(
    @Root() bucket: Bucket,
    @Ctx() ctx: ApiContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ): Promise<Finding[]> {
    if (!Number.isInteger(first) || first < 0 || first > BUCKET_FINDINGS_LIMIT) {
      throw new InvalidInputError("first", `must be an integer from 0 to ${BUCKET_FINDINGS_LIMIT}, got ${first}`);
    }
    const rows = await ctx.loaders.bucketFindings.load(bucket.arn);
    return rows.slice(0, first).map(toFinding);
  }
}
