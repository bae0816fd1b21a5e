/**
 * Cursor pagination shared by the list queries: results are ordered by one unique key (bucket name, finding id,
 * principal ARN) and a cursor is that key, encoded so that clients treat it as opaque.
 */
import { InvalidInputError } from "../../services/errors.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { plain } from "./values.js";

export const MAX_PAGE_SIZE = 500;
const CURSOR_PREFIX = "sl1:";

export interface PageRequest {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  totalCount: number;
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.startsWith(CURSOR_PREFIX)) {
    throw new InvalidInputError(
      "after",
      "is not a cursor returned by this API",
      "Pass pageInfo.endCursor from a previous page.",
    );
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError("first", `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

export interface PagedQuerySpec {
  /** The MATCH clause(s), binding the variables the conditions and projection use. */
  match: string;
  /** Conditions joined with AND; empty means every match. */
  conditions: string[];
  /** The unique, ordered key expression, e.g. `b.name`. */
  orderKey: string;
  /** Variables to carry from the match into ordering and projection, e.g. `b` or `r, f`. */
  carry: string;
  /** The expression each node is projected to, e.g. `b { .name }`. */
  projection: string;
  params: Record<string, unknown>;
  page: PageRequest;
}

/**
 * One round trip: the total over the filter, then one more node than asked for (to know whether a next page exists).
 * The page subquery aggregates, so it always yields one row even when the page is empty.
 */
export function pagedQuery(spec: PagedQuerySpec): CypherQuery {
  const first = checkPageSize(spec.page.first);
  const after = spec.page.after ? decodeCursor(spec.page.after) : null;
  const where = (extra: string[]) => {
    const all = [...spec.conditions, ...extra];
    return all.length === 0 ? "" : `\nWHERE ${all.join("\n  AND ")}`;
  };
  const afterCondition = after === null ? [] : [`${spec.orderKey} > $after`];
  const cypher = [
    `${spec.match}${where([])}`,
    `WITH count(*) AS totalCount`,
    `CALL {`,
    `  ${`${spec.match}${where(afterCondition)}`.replaceAll("\n", "\n  ")}`,
    `  WITH ${spec.carry} ORDER BY ${spec.orderKey} ASC LIMIT toInteger($first) + 1`,
    `  RETURN collect(${spec.projection}) AS nodes`,
    `}`,
    `RETURN totalCount, nodes`,
  ].join("\n");
  return { cypher, params: { ...spec.params, ...(after === null ? {} : { after }), first } };
}

export async function runPage<Row, T>(
  reader: GraphReader,
  query: CypherQuery,
  keyOf: (node: T) => string,
  map: (row: Row) => T,
): Promise<Page<T>> {
  const first = query.params.first as number;
  const [row] = (await reader.read<Record<string, unknown>>(query.cypher, query.params)).map(
    (r) => plain(r) as { totalCount: number; nodes: Row[] },
  );
  const all = (row?.nodes ?? []).map(map);
  const nodes = all.slice(0, first);
  const last = nodes.at(-1);
  return {
    totalCount: row?.totalCount ?? 0,
    nodes,
    hasNextPage: all.length > first,
    endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
  };
}
