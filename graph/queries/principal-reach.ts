/**
 * The blast radius of one principal: every bucket it can reach directly or by assuming roles, with how much
 * sensitive data each holds.
 */
import { NotFoundError } from "../../services/errors.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import {
  ACCESS_PATH_COLUMNS,
  ACCESS_PATH_ORDER,
  DEFAULT_PATH_LIMIT,
  assumeChainMatch,
  toAccessPath,
  type AccessPathRow,
  type PathNode,
} from "./access-paths.js";
import { PRINCIPAL_PROJECTION, type PrincipalRow } from "./principals.js";
import type { ReachedBucket, SensitiveCounts } from "./sensitive-data-reach.js";
import { plain } from "./values.js";

export interface PrincipalReach {
  principal: PrincipalRow;
  /** Roles on the way to some bucket, in the order first met. */
  assumedRoles: PathNode[];
  buckets: ReachedBucket[];
  /** Buckets reached that hold at least one sensitive-data finding. */
  sensitiveBucketCount: number;
  /** Sensitive-data findings in all reached buckets. */
  findingCount: number;
}

export function principalQuery(arn: string): CypherQuery {
  return { cypher: `MATCH (p:Principal {arn: $arn})\nRETURN ${PRINCIPAL_PROJECTION} AS principal`, params: { arn } };
}

export function principalReachQuery(arn: string, maxHops: number, limit = DEFAULT_PATH_LIMIT): CypherQuery {
  return {
    cypher: [
      assumeChainMatch(maxHops, "(p:Principal {arn: $arn})", "(grantee:Principal)"),
      "MATCH (grantee)-[g:CAN_ACCESS]->(b:Bucket)",
      `RETURN ${ACCESS_PATH_COLUMNS},`,
      "  COUNT { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) } AS findingCount,",
      "  COUNT { (b)-[:CONTAINS]->(o:Object) WHERE EXISTS { (o)-[:HAS_FINDING]->(:Finding) } } AS objectCount,",
      "  reduce(total = 0, c IN COLLECT {",
      "    MATCH (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)",
      "    RETURN coalesce(d.count, 0)",
      "  } | total + c) AS occurrences",
      `ORDER BY ${ACCESS_PATH_ORDER}`,
      "LIMIT toInteger($limit)",
    ].join("\n"),
    params: { arn, limit },
  };
}

type PrincipalReachRow = AccessPathRow & SensitiveCounts;

export function summariseReach(principal: PrincipalRow, rows: readonly PrincipalReachRow[]): PrincipalReach {
  const buckets = new Map<string, ReachedBucket>();
  const roles = new Map<string, PathNode>();
  for (const row of rows) {
    for (const node of row.chain.slice(1)) if (!roles.has(node.arn)) roles.set(node.arn, node);
    let bucket = buckets.get(row.bucket.arn);
    if (bucket === undefined) {
      bucket = {
        bucket: row.bucket,
        findingCount: row.findingCount,
        objectCount: row.objectCount,
        occurrences: row.occurrences,
        accessPaths: [],
      };
      buckets.set(row.bucket.arn, bucket);
    }
    bucket.accessPaths.push(toAccessPath(row));
  }
  const reached = [...buckets.values()].sort(
    (a, b) => b.findingCount - a.findingCount || a.bucket.name.localeCompare(b.bucket.name),
  );
  return {
    principal,
    assumedRoles: [...roles.values()],
    buckets: reached,
    sensitiveBucketCount: reached.filter((b) => b.findingCount > 0).length,
    findingCount: reached.reduce((sum, b) => sum + b.findingCount, 0),
  };
}

export async function runPrincipalReach(reader: GraphReader, arn: string, maxHops: number): Promise<PrincipalReach> {
  const pq = principalQuery(arn);
  const found = await reader.read<{ principal: unknown }>(pq.cypher, pq.params);
  if (found.length === 0) throw new NotFoundError("Principal", arn);
  const q = principalReachQuery(arn, maxHops);
  const rows = await reader.read<Record<string, unknown>>(q.cypher, q.params);
  return summariseReach(plain(found[0]!.principal) as PrincipalRow, rows.map((r) => plain(r) as PrincipalReachRow));
}
