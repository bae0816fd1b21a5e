/** Principals: IAM users, roles, groups, account roots, and the grantees outside the account (public, other accounts). */
import { Args, ArgsType, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from "type-graphql";
import { runPrincipals, type PrincipalRow } from "../graph/queries/principals.js";
import { MAX_PAGE_SIZE } from "../graph/queries/pagination.js";
import { Connection, DEFAULT_PAGE_SIZE, toConnection } from "./connection.js";
import type { ApiContext } from "./context.js";
import { PrincipalKind } from "./enums.js";

@ObjectType()
export class Principal {
  @Field(() => String, { description: "ARN; `*` for the public, `service:<name>` for AWS services." })
  arn!: string;

  @Field(() => String, { description: "One of PrincipalKind's values." })
  kind!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  accountId!: string | null;

  @Field(() => String, { nullable: true })
  path!: string | null;

  @Field(() => String, { nullable: true })
  permissionsBoundaryArn!: string | null;
}

export function toPrincipal(row: PrincipalRow): Principal {
  return {
    arn: row.arn,
    kind: row.kind,
    name: row.name,
    accountId: row.accountId ?? null,
    path: row.path ?? null,
    permissionsBoundaryArn: row.permissionsBoundaryArn ?? null,
  };
}

@InputType()
export class PrincipalFilter {
  @Field(() => PrincipalKind, { nullable: true })
  kind?: PrincipalKind | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive part of the name." })
  nameContains?: string | null;

  @Field(() => String, { nullable: true })
  accountId?: string | null;
}

@ObjectType()
export class PrincipalConnection extends Connection {
  @Field(() => [Principal])
  nodes!: Principal[];
}

@ArgsType()
export class PrincipalsArgs {
  @Field(() => PrincipalFilter, { nullable: true })
  filter?: PrincipalFilter | null;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page." })
  after?: string | null;
}

@Resolver()
export class PrincipalResolver {
  @Query(() => PrincipalConnection, { description: "Principals ordered by ARN, filtered and paged." })
  async principals(
    @Ctx() ctx: ApiContext,
    @Args(() => PrincipalsArgs) { filter, first, after }: PrincipalsArgs,
  ): Promise<PrincipalConnection> {
    const page = await runPrincipals(ctx.graph, filter ?? {}, { first, after });
    return toConnection({ ...page, nodes: page.nodes.map(toPrincipal) });
  }
}
