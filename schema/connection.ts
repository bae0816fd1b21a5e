/** Cursor pagination shapes shared by the list queries (nodes + pageInfo + totalCount). */
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Where a page ends; pass endCursor as `after` to get the next page." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Base of the *Connection types: they inherit its fields; no field returns it, so it stays out of the schema. */
@ObjectType()
export abstract class Connection {
  @Field(() => Int, { description: "Items matching the filter, across all pages." })
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 50;

export function toConnection<T>(page: { totalCount: number; nodes: T[]; hasNextPage: boolean; endCursor: string | null }) {
  return {
    totalCount: page.totalCount,
    nodes: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}
