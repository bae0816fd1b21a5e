/** Shared set-up for graph integration tests: a real Neo4j from loadConfig(), migrated, and per-file account scoping. */
import { loadConfig } from "../../../cli/config.js";
import { type Graph, connectGraph } from "../../../graph/driver.js";
import { migrate } from "../../../graph/migrations/migrate.js";

export async function openGraph(): Promise<Graph> {
  const graph = await connectGraph(loadConfig().neo4j);
  await migrate(graph);
  return graph;
}

/** A random 12-digit account id, so that test files (and repeated runs) never share nodes. */
export function uniqueAccountId(): string {
  return String(200_000_000_000 + Math.floor(Math.random() * 700_000_000_000));
}

/** Nodes whose key or account mentions the token: everything a test wrote under its account id. */
const SCOPE = `
  MATCH (n)
  WHERE any(k IN ['accountId', 'arn', 'policyId', 'statementId', 'findingId', 'detectionId', 'value', 'runId', 'summaryId']
            WHERE n[k] IS NOT NULL AND toString(n[k]) CONTAINS $token)`;

export interface ScopeCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export async function countScope(graph: Graph, token: string): Promise<ScopeCounts> {
  const nodes = await graph.read<{ label: string; n: number }>(
    `${SCOPE}
     UNWIND labels(n) AS label
     RETURN label, count(*) AS n ORDER BY label`,
    { token },
  );
  const relationships = await graph.read<{ type: string; n: number }>(
    `${SCOPE}
     MATCH (n)-[r]->()
     RETURN type(r) AS type, count(r) AS n ORDER BY type`,
    { token },
  );
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])),
    relationships: Object.fromEntries(relationships.map((r) => [r.type, r.n])),
  };
}

export async function deleteScope(graph: Graph, token: string): Promise<void> {
  await graph.write(`${SCOPE} DETACH DELETE n`, { token });
  // AWS managed policies are shared, so not in any scope; the ones only this test attached are now unattached.
  await graph.write(
    "MATCH (p:Policy {awsManaged: true}) WHERE NOT EXISTS { ()-[:HAS_POLICY]->(p) } OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s) DETACH DELETE s, p",
  );
}
