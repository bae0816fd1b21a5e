/** Findings: sensitive data in objects and posture problems of buckets, filtered and paged. */
import { Args, ArgsType, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from "type-graphql";
import { runFindings, type FindingRow } from "../graph/queries/findings.js";
import { Category, Severity } from "./enums.js";
import { MAX_PAGE_SIZE } from "../graph/queries/pagination.js";
import { Connection, DEFAULT_PAGE_SIZE, toConnection } from "./connection.js";
import { DateTimeISO, JSONValue, toDate, toSeverity } from "./scalars.js";
import type { ApiContext } from "./context.js";

@ObjectType({ description: "Occurrences of one identifier type (e.g. CREDIT_CARD_NUMBER) behind a finding." })
export class Detection {
  @Field(() => String)
  type!: string;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Int, { nullable: true })
  distinctValues!: number | null;

  @Field(() => Severity, { nullable: true })
  severity!: Severity | null;
}

@ObjectType({ description: "A sensitive-data finding on an object, or a posture finding on a bucket." })
export class Finding {
  @Field(() => String)
  findingId!: string;

  @Field(() => String, { description: "e.g. SensitiveData:S3Object/Financial, Policy:IAMUser/S3BucketPublic" })
  type!: string;

  @Field(() => Severity, { nullable: true })
  severity!: Severity | null;

  @Field(() => String, { nullable: true, description: "CLASSIFICATION (sensitive data), POLICY (bucket posture) or EXPOSURE (sensitive data readable by the public or another account)." })
  category!: string | null;

  @Field(() => Int, { nullable: true, description: "How many audit runs have reported this finding (Macie's count)." })
  count!: number | null;

  @Field(() => DateTimeISO, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTimeISO, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true })
  auditRunId!: string | null;

  @Field(() => String, { description: "ARN of the affected object or bucket." })
  resourceArn!: string;

  @Field(() => String, { nullable: true })
  bucket!: string | null;

  @Field(() => String, { nullable: true, description: "Object key for sensitive-data findings." })
  objectKey!: string | null;

  @Field(() => [Detection])
  detections!: Detection[];

  @Field(() => JSONValue, {
    nullable: true,
    description: "Why a posture or exposure finding was raised: the settings, statements, principals or object counts.",
  })
  detail!: unknown;
}

export function toFinding({ detailJson, ...row }: FindingRow): Finding {
  return {
    ...row,
    detail: detailJson ? (JSON.parse(detailJson) as unknown) : null,
    severity: toSeverity(row.severity),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    detections: row.detections.map((d) => ({ ...d, severity: toSeverity(d.severity) })),
  };
}

@InputType()
export class FindingFilter {
  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => Category, { nullable: true, description: "Findings with a detection of this category." })
  category?: Category | null;

  @Field(() => String, { nullable: true, description: "Findings with a detection of this identifier type, e.g. CREDIT_CARD_NUMBER." })
  identifierType?: string | null;

  @Field(() => Severity, { nullable: true })
  severity?: Severity | null;

  @Field(() => Severity, { nullable: true, description: "At least this severity." })
  minSeverity?: Severity | null;

  @Field(() => String, { nullable: true, description: "Bucket name." })
  bucket?: string | null;
}

@ObjectType()
export class FindingConnection extends Connection {
  @Field(() => [Finding])
  nodes!: Finding[];
}

@ArgsType()
export class FindingsArgs {
  @Field(() => FindingFilter, { nullable: true })
  filter?: FindingFilter | null;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page." })
  after?: string | null;
}

@Resolver()
export class FindingResolver {
  @Query(() => FindingConnection, { description: "Findings ordered by id, filtered and paged." })
  async findings(
    @Ctx() ctx: ApiContext,
    @Args(() => FindingsArgs) { filter, first, after }: FindingsArgs,
  ): Promise<FindingConnection> {
    const page = await runFindings(ctx.graph, filter ?? {}, { first, after });
    return toConnection({ ...page, nodes: page.nodes.map(toFinding) });
  }
}
