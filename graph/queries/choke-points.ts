/**
 * Choke points: the roles and policies that the most paths to sensitive data pass through. Removing or tightening one
 * of them cuts every path it carries, so they rank remediation work.
 */
import type { StatementRef } from "../../services/access/effective-access.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { assumeChainMatch, type PathNode } from "./access-paths.js";
import { parseJsonProperty, plain } from "./values.js";

/** Paths read per call; chokePoints aggregates them in memory. */
export const DEFAULT_CHOKE_PATH_LIMIT = 20_000;

export interface ChokePoint {
  kind: "ROLE" | "POLICY";
  /** Role ARN or policy id (see graph/MODEL.md). */
  id: string;
  name: string | null;
  pathCount: number;
  principalCount: number;
  bucketCount: number;
}

export function sensitivePathsQuery(maxHops: number, limit = DEFAULT_CHOKE_PATH_LIMIT): CypherQuery {
  return {
    cypher: [
      "MATCH (b:Bucket)<-[g:CAN_ACCESS]-(grantee:Principal)",
      "WHERE g.level = 'READ' AND EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }",
      assumeChainMatch(maxHops),
      "RETURN b.arn AS bucketArn, [n IN nodes(route) | n { .arn, .kind, .name }] AS chain,",
      "  [r IN relationships(route) | r.viaJson] AS assumeVia, g.viaJson AS grantVia",
      "LIMIT toInteger($limit)",
    ].join("\n"),
    params: { limit },
  };
}

export interface SensitivePathRow {
  bucketArn: string;
  chain: PathNode[];
  assumeVia: (string | null)[];
  grantVia: string | null;
}

/**
 * Counts, for every role assumed on a path (not the principal that starts it) and every policy cited by a hop, the
 * paths, distinct starting principals and distinct buckets it carries.
 */
export function rankChokePoints(rows: readonly SensitivePathRow[], limit: number): ChokePoint[] {
  const tallies = new Map<string, { point: ChokePoint; principals: Set<string>; buckets: Set<string> }>();
  const count = (kind: ChokePoint["kind"], id: string, name: string | null, row: SensitivePathRow) => {
    const key = `${kind} ${id}`;
    let tally = tallies.get(key);
    if (tally === undefined) {
      tally = {
        point: { kind, id, name, pathCount: 0, principalCount: 0, bucketCount: 0 },
        principals: new Set(),
        buckets: new Set(),
      };
      tallies.set(key, tally);
    }
    tally.point.pathCount += 1;
    tally.principals.add(row.chain[0]!.arn);
    tally.buckets.add(row.bucketArn);
  };
  for (const row of rows) {
    for (const role of row.chain.slice(1)) count("ROLE", role.arn, role.name, row);
    const policies = new Set(
      [...row.assumeVia, row.grantVia].flatMap((json) => parseJsonProperty<StatementRef[]>(json, []).map((s) => s.policyId)),
    );
    for (const policyId of policies) count("POLICY", policyId, null, row);
  }
  return [...tallies.values()]
    .map(({ point, principals, buckets }) => ({ ...point, principalCount: principals.size, bucketCount: buckets.size }))
    .sort((a, b) => b.pathCount - a.pathCount || b.principalCount - a.principalCount || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export async function runChokePoints(reader: GraphReader, limit: number, maxHops: number): Promise<ChokePoint[]> {
  const q = sensitivePathsQuery(maxHops);
  const rows = await reader.read<Record<string, unknown>>(q.cypher, q.params);
  return rankChokePoints(rows.map((r) => plain(r) as SensitivePathRow), limit);
}
