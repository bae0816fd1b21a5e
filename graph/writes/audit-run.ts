/**
 * Audit run history: (AuditRun)-[:AUDITED]->(Account). A run is RUNNING from startAuditRun until finishAuditRun
 * records COMPLETED or FAILED with its statistics. Both are idempotent so that a retried activity does no harm.
 */
import { NotFoundError } from "../../services/errors.js";
import { type CypherQuery, cypher } from "../cypher.js";
import type { Graph } from "../driver.js";
import { canonicalJson } from "../json.js";

export type AuditRunStatus = "RUNNING" | "COMPLETED" | "FAILED";

export function buildStartAuditRun(runId: string, accountId: string, now: string): CypherQuery {
  return {
    cypher: cypher`
      MERGE (a:Account {accountId: $accountId})
      ON CREATE SET a.external = false
      MERGE (r:AuditRun {runId: $runId})
      ON CREATE SET r.accountId = $accountId, r.status = 'RUNNING', r.startedAt = $now
      MERGE (r)-[:AUDITED]->(a)`,
    params: { runId, accountId, now },
  };
}

export function buildFinishAuditRun(
  runId: string,
  status: Exclude<AuditRunStatus, "RUNNING">,
  stats: Record<string, unknown>,
  error: string | null,
  now: string,
): CypherQuery {
  return {
    cypher: cypher`
      MATCH (r:AuditRun {runId: $runId})
      SET r.status = $status, r.finishedAt = $now, r.statsJson = $statsJson, r.error = $error
      RETURN r.runId AS runId`,
    params: { runId, status, now, statsJson: canonicalJson(stats), error },
  };
}

export async function startAuditRun(graph: Graph, runId: string, accountId: string): Promise<void> {
  const query = buildStartAuditRun(runId, accountId, new Date().toISOString());
  await graph.write(query.cypher, query.params);
}

export async function finishAuditRun(
  graph: Graph,
  runId: string,
  status: Exclude<AuditRunStatus, "RUNNING">,
  stats: Record<string, unknown>,
  error?: string,
): Promise<void> {
  const query = buildFinishAuditRun(runId, status, stats, error ?? null, new Date().toISOString());
  const { rows } = await graph.write(query.cypher, query.params);
  if (rows.length === 0) throw new NotFoundError("AuditRun", runId);
}
