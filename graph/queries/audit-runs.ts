/** Audit runs as the worker records them on `(:AuditRun)` nodes: status, times, and the final statistics. */
import type { CypherQuery, GraphReader } from "./reader.js";
import { parseJsonProperty, plain } from "./values.js";

export interface AuditRunRow {
  runId: string;
  accountId: string | null;
  status: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The run's statistics as the worker wrote them (statsJson); null while the run has not finished. */
  stats: Record<string, unknown> | null;
}

export function auditRunQuery(runId: string): CypherQuery {
  return {
    cypher: [
      "MATCH (r:AuditRun {runId: $runId})",
      "RETURN r { .runId, .accountId, .status, startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt),",
      "  .statsJson, .error } AS run",
    ].join("\n"),
    params: { runId },
  };
}

type RecordedRun = Omit<AuditRunRow, "stats"> & { statsJson: string | null };

export function toAuditRun({ statsJson, ...run }: RecordedRun): AuditRunRow {
  return { ...run, stats: parseJsonProperty<Record<string, unknown> | null>(statsJson, null) };
}

/** The recorded run, or null when the worker has not written it (yet). */
export async function runAuditRun(reader: GraphReader, runId: string): Promise<AuditRunRow | null> {
  const q = auditRunQuery(runId);
  const rows = await reader.read<{ run: unknown }>(q.cypher, q.params);
  if (rows.length === 0) return null;
  return toAuditRun(plain(rows[0]!.run) as RecordedRun);
}
