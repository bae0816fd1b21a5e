/**
 * A canonical text snapshot of the whole graph, minus what legitimately differs between two runs over the same
 * account (run ids, timestamps, audit-run nodes). Two audits of an unchanged account must give equal snapshots.
 */
import neo4j, { type Driver } from "neo4j-driver";

const VOLATILE = new Set([
  "lastAuditRunId",
  "auditRunId",
  "runId",
  "createdAt",
  "updatedAt",
  "appliedAt",
  "lastSeenRunId",
  "classifiedAt",
  "collectedAt",
  "accessHash",
]);

/** Posture and exposure findings count the runs that raised them, so their `count` grows by design. */
const RUN_COUNTED_CATEGORIES = new Set(["POLICY", "EXPOSURE"]);

function stable(props: Record<string, unknown>): string {
  const runCounted = RUN_COUNTED_CATEGORIES.has(String(props.category));
  const keys = Object.keys(props)
    .filter((k) => !VOLATILE.has(k) && !(runCounted && k === "count"))
    .sort();
  return keys.map((k) => `${k}=${JSON.stringify(props[k], (_k, v) => (neo4j.isInt(v) ? v.toString() : v))}`).join(",");
}

export async function graphSnapshot(driver: Driver): Promise<string[]> {
  const session = driver.session();
  try {
    const nodes = await session.run(
      "MATCH (n) WHERE NOT n:AuditRun AND NOT n:Migration RETURN labels(n) AS labels, properties(n) AS props",
    );
    const rels = await session.run(
      `MATCH (a)-[r]->(b) WHERE NOT a:AuditRun AND NOT b:AuditRun AND NOT a:Migration
       RETURN labels(a) AS la, properties(a) AS pa, type(r) AS t, properties(r) AS pr, labels(b) AS lb, properties(b) AS pb`,
    );
    const key = (labels: string[], props: Record<string, unknown>) =>
      `${[...labels].sort().join(":")}{${stable(props).slice(0, 200)}}`;
    const lines = [
      ...nodes.records.map((r) => `N ${[...(r.get("labels") as string[])].sort().join(":")} ${stable(r.get("props"))}`),
      ...rels.records.map(
        (r) => `R ${key(r.get("la"), r.get("pa"))} -[${r.get("t")} ${stable(r.get("pr"))}]-> ${key(r.get("lb"), r.get("pb"))}`,
      ),
    ];
    return lines.sort();
  } finally {
    await session.close();
  }
}

export function snapshotDiff(a: string[], b: string[]): string[] {
  const sa = new Set(a);
  const sb = new Set(b);
  return [...a.filter((x) => !sb.has(x)).map((x) => `- ${x}`), ...b.filter((x) => !sa.has(x)).map((x) => `+ ${x}`)].slice(0, 40);
}
