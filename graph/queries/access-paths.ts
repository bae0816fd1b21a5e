/**
 * Access paths: a principal reaches a bucket either through its own CAN_ACCESS edge, or by assuming a chain of roles
 * (CAN_ASSUME edges) that ends at a principal with a CAN_ACCESS edge. Every query that answers "who can reach what"
 * returns the same row shape, which `toAccessPath` turns into a path of ARNs and one hop per edge, each with the
 * policy statements (`via`) that justify it.
 */
import type { AccessLevel, StatementRef } from "../../services/access/effective-access.js";
import type { ConditionBlock } from "../../services/access/policy-document.js";
import { ACCESS_LEVELS, LEVEL_ACTIONS } from "../../services/access/access-levels.js";
import { InvalidInputError, NotFoundError } from "../../services/errors.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { parseJsonProperty, plain } from "./values.js";

/** Longest role chain a caller may ask for: each hop multiplies the paths Neo4j has to expand. */
export const MAX_HOPS_LIMIT = 8;
export const DEFAULT_MAX_HOPS = 4;
export const DEFAULT_PATH_LIMIT = 1000;
/**
 * whoCanAccess's cap: on an organisation-sized graph a bucket's direct grantees alone often exceed it, so the answer
 * comes from one short query instead of expanding and sorting thousands of role chains nobody pages through.
 */
export const WHO_CAN_ACCESS_PATH_LIMIT = 200;

export function checkMaxHops(maxHops: number): number {
  if (!Number.isInteger(maxHops) || maxHops < 0 || maxHops > MAX_HOPS_LIMIT) {
    throw new InvalidInputError("maxHops", `must be an integer from 0 to ${MAX_HOPS_LIMIT}, got ${maxHops}`);
  }
  return maxHops;
}

/**
 * Binds path `route` from any principal `p` to the already-bound `grantee` through 0..maxHops role assumptions, without
 * visiting a principal twice. Cypher cannot take a variable-length bound as a parameter, so the checked integer is
 * written into the text.
 */
export function assumeChainMatch(maxHops: number, from = "(p:Principal)", to = "(grantee)"): string {
  const hops = checkMaxHops(maxHops);
  return [
    `MATCH route = ${from}-[:CAN_ASSUME*0..${hops}]->${to}`,
    "WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])",
  ].join("\n");
}

/** The columns every path query returns; `p` starts the chain, `g` is the CAN_ACCESS edge into bucket `b`. */
export const ACCESS_PATH_COLUMNS = [
  "p { .arn, .kind, .name, .accountId } AS principal",
  "b { .arn, .name, .accountId } AS bucket",
  "g { .level, .actions, .conditional, .conditionsJson, .deniedWhenJson, .viaJson } AS grant",
  "[n IN nodes(route) | n { .arn, .kind, .name }] AS chain",
  "[r IN relationships(route) | r { .conditional, .conditionsJson, .viaJson }] AS assumes",
].join(",\n  ");

export const ACCESS_PATH_ORDER = "length(route) ASC, p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC";

/**
 * Binds `route` like `assumeChainMatch`, but to chains of exactly `hops` role assumptions: callers that want the
 * shortest paths first ask one length at a time and stop once they have enough, instead of expanding (and sorting)
 * every chain up to the longest.
 */
export function assumeChainOfLength(hops: number, from = "(p:Principal)", to = "(grantee)"): string {
  const length = checkMaxHops(hops);
  return [
    `MATCH route = ${from}-[:CAN_ASSUME*${length}..${length}]->${to}`,
    "WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])",
  ].join("\n");
}

/**
 * `ACCESS_PATH_ORDER` within one chain length. Rows are sorted and cut on these bare variables before
 * `ACCESS_PATH_COLUMNS` projects them, so that the JSON properties are read only for the rows returned.
 */
export const SAME_LENGTH_PATH_ORDER = "p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC";

/**
 * Reads rows shortest chain first, one chain length at a time from 0 to `maxHops`, and stops at `limit` rows: the same
 * answer as one query ordered by `ACCESS_PATH_ORDER`, without expanding the longer chains once the short ones fill it.
 */
export async function readShortestFirst<T>(
  reader: GraphReader,
  maxHops: number,
  limit: number,
  queryFor: (hops: number, remaining: number) => CypherQuery,
): Promise<T[]> {
  checkMaxHops(maxHops);
  const rows: T[] = [];
  for (let hops = 0; hops <= maxHops && rows.length < limit; hops += 1) {
    const query = queryFor(hops, limit - rows.length);
    const read = await reader.read<Record<string, unknown>>(query.cypher, query.params);
    rows.push(...read.map((r) => plain(r) as T));
  }
  return rows;
}

/** The row map `readAllLengths` collects: the ACCESS_PATH_COLUMNS of one row. */
const PATH_ROW_MAP = "{principal: principal, bucket: bucket, grant: grant, chain: chain, assumes: assumes}";

/**
 * `readShortestFirst`'s rows in one round trip: the query for each chain length runs in its own subquery, guarded so
 * that it expands nothing once the shorter chains have filled `$limit` (an aggregation over no rows still returns its
 * one row, an empty list). Each per-length query must return ACCESS_PATH_COLUMNS, cut at `$limit`, and take its
 * parameters from one shared map.
 */
export function allLengthsQuery(maxHops: number, queryFor: (hops: number) => CypherQuery): CypherQuery {
  checkMaxHops(maxHops);
  const lines: string[] = [];
  let params: Record<string, unknown> = {};
  for (let hops = 0; hops <= maxHops; hops += 1) {
    const query = queryFor(hops);
    params = { ...params, ...query.params };
    const inner = query.cypher.split("\n").map((line) => `    ${line}`);
    if (hops === 0) lines.push("CALL {", "  CALL {", ...inner, "  }", `  RETURN collect(${PATH_ROW_MAP}) AS rows`, "}", "WITH rows AS found");
    else
      lines.push(
        "CALL {",
        "  WITH found",
        "  WITH found WHERE size(found) < toInteger($limit)",
        "  CALL {",
        ...inner,
        "  }",
        `  RETURN collect(${PATH_ROW_MAP}) AS rows`,
        "}",
        "WITH found + rows AS found",
      );
  }
  lines.push("RETURN found[0..toInteger($limit)] AS rows");
  return { cypher: lines.join("\n"), params };
}

export async function readAllLengths<T>(reader: GraphReader, maxHops: number, queryFor: (hops: number) => CypherQuery): Promise<T[]> {
  const query = allLengthsQuery(maxHops, queryFor);
  const [row] = await reader.read<{ rows: unknown[] }>(query.cypher, query.params);
  return (row?.rows ?? []).map((r) => plain(r) as T);
}

interface EdgeRow {
  conditional: boolean | null;
  conditionsJson: string | null;
  viaJson: string | null;
}

export interface PathNode {
  arn: string;
  kind: string | null;
  name: string | null;
}

export interface AccessPathRow {
  principal: PathNode & { accountId: string | null };
  bucket: { arn: string; name: string; accountId: string | null };
  grant: EdgeRow & { level: string; actions: string[] | null; deniedWhenJson?: string | null };
  chain: PathNode[];
  assumes: EdgeRow[];
}

export interface Hop {
  from: string;
  to: string;
  kind: "CAN_ASSUME" | "CAN_ACCESS";
  conditional: boolean;
  via: StatementRef[];
}

export interface AccessPath {
  principal: PathNode & { accountId: string | null };
  bucket: { arn: string; name: string; accountId: string | null };
  level: AccessLevel;
  actions: string[];
  /** True when the grant or any role assumption on the way depends on conditions unknown at analysis time. */
  conditional: boolean;
  conditions: ConditionBlock[];
  /** Conditions of Deny statements that remove the final grant whenever they hold. */
  deniedWhen: ConditionBlock[];
  /** Principal, each assumed role, then the bucket. */
  path: PathNode[];
  /** One hop per edge of `path`: the CAN_ASSUME edges, then the CAN_ACCESS edge into the bucket. */
  hops: Hop[];
}

export function toAccessPath(row: AccessPathRow): AccessPath {
  const hops: Hop[] = row.assumes.map((edge, i) => ({
    from: row.chain[i]!.arn,
    to: row.chain[i + 1]!.arn,
    kind: "CAN_ASSUME",
    conditional: edge.conditional === true,
    via: parseJsonProperty<StatementRef[]>(edge.viaJson, []),
  }));
  hops.push({
    from: row.chain.at(-1)!.arn,
    to: row.bucket.arn,
    kind: "CAN_ACCESS",
    conditional: row.grant.conditional === true,
    via: parseJsonProperty<StatementRef[]>(row.grant.viaJson, []),
  });
  const edges = [...row.assumes, row.grant];
  return {
    principal: row.principal,
    bucket: row.bucket,
    level: row.grant.level as AccessLevel,
    actions: row.grant.actions ?? [],
    conditional: hops.some((h) => h.conditional),
    conditions: edges.flatMap((e) => parseJsonProperty<ConditionBlock[]>(e.conditionsJson, [])),
    deniedWhen: parseJsonProperty<ConditionBlock[]>(row.grant.deniedWhenJson, []),
    path: [...row.chain, { arn: row.bucket.arn, kind: "Bucket", name: row.bucket.name }],
    hops,
  };
}

/**
 * An edge grants `$action` when one of its concrete actions equals it (case-insensitively, as IAM compares actions),
 * or when `$action` names the access level itself (READ, WRITE...).
 */
export const GRANT_COVERS_ACTION =
  "(g.level = toUpper($action) OR any(a IN coalesce(g.actions, []) WHERE toLower(a) = toLower($action)))";

/**
 * The engine evaluates a fixed set of S3 actions (services/access/access-levels.ts); asking about any other would
 * silently answer "nobody", so it is refused with the list of actions that have answers.
 */
export function checkAction(action: string): string {
  const lower = action.trim().toLowerCase();
  const known = LEVEL_ACTIONS.some((a) => a.lower === lower) || ACCESS_LEVELS.some((l) => l.toLowerCase() === lower);
  if (!known) {
    throw new InvalidInputError(
      "action",
      `"${action}" is not an action Sightline evaluates`,
      `Use one of ${LEVEL_ACTIONS.map((a) => a.action).join(", ")}, or a level: ${ACCESS_LEVELS.join(", ")}.`,
    );
  }
  return action.trim();
}

export interface WhoCanAccessArgs {
  bucket: string;
  action: string;
  maxHops: number;
  limit?: number;
}

/** Paths to the bucket through exactly `hops` role assumptions (all of `args.maxHops` unless given), at most `limit`. */
export function whoCanAccessQuery(args: WhoCanAccessArgs, hops = args.maxHops, limit = args.limit ?? WHO_CAN_ACCESS_PATH_LIMIT): CypherQuery {
  return {
    cypher: [
      "MATCH (b:Bucket {name: $bucket})<-[g:CAN_ACCESS]-(grantee:Principal)",
      `WHERE ${GRANT_COVERS_ACTION}`,
      assumeChainOfLength(hops),
      `WITH p, b, g, route ORDER BY ${SAME_LENGTH_PATH_ORDER}`,
      "LIMIT toInteger($limit)",
      `RETURN ${ACCESS_PATH_COLUMNS}`,
    ].join("\n"),
    params: { bucket: args.bucket, action: checkAction(args.action), limit },
  };
}

export async function runWhoCanAccess(reader: GraphReader, args: WhoCanAccessArgs): Promise<AccessPath[]> {
  const limit = args.limit ?? WHO_CAN_ACCESS_PATH_LIMIT;
  const rows = await readAllLengths<AccessPathRow>(reader, args.maxHops, (hops) => whoCanAccessQuery(args, hops, limit));
  const paths = rows.map(toAccessPath);
  if (paths.length === 0) await assertBucketExists(reader, args.bucket);
  return paths;
}

export async function assertBucketExists(reader: GraphReader, name: string): Promise<void> {
  const rows = await reader.read<{ name: string }>("MATCH (b:Bucket {name: $name}) RETURN b.name AS name", { name });
  if (rows.length === 0) throw new NotFoundError("Bucket", name);
}
