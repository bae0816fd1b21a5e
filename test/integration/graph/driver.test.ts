import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { type Graph, connectGraph } from "../../../graph/driver.js";
import { ServiceUnavailableError } from "../../../services/errors.js";
import { openGraph, uniqueAccountId } from "./support.js";

const token = uniqueAccountId();
let graph: Graph;

beforeAll(async () => {
  graph = await openGraph();
});

afterAll(async () => {
  await graph.write("MATCH (r:AuditRun {runId: $runId}) DELETE r", { runId: `driver-${token}` });
  await graph.close();
});

describe("connectGraph", () => {
  it("fails with ServiceUnavailableError naming the address when nothing listens there", async () => {
    const uri = "bolt://127.0.0.1:1";
    const attempt = connectGraph({ ...loadConfig().neo4j, uri });
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(`neo4j is unavailable: cannot connect to ${uri}`);
  });
});

describe("values across the boundary", () => {
  it("stores whole numbers as INTEGER and floats as FLOAT, and reads both back as numbers", async () => {
    const runId = `driver-${token}`;
    const { counters } = await graph.write("CREATE (r:AuditRun {runId: $runId, objects: $objects, ratio: $ratio})", {
      runId,
      objects: 1234,
      ratio: 0.25,
    });
    expect(counters).toMatchObject({ nodesCreated: 1, propertiesSet: 3 });
    const rows = await graph.read(
      `MATCH (r:AuditRun {runId: $runId})
       RETURN r.objects AS objects, valueType(r.objects) AS objectsType, valueType(r.ratio) AS ratioType,
              date('2026-11-26') AS day, r {.objects} AS map`,
      { runId },
    );
    expect(rows).toEqual([
      { objects: 1234, objectsType: "INTEGER NOT NULL", ratioType: "FLOAT NOT NULL", day: "2026-11-26", map: { objects: 1234 } },
    ]);
  });

  it("runs several statements in one transaction that commits only if all succeed", async () => {
    const runId = `driver-${token}-tx`;
    const failing = graph.writeAll([
      { cypher: "CREATE (:AuditRun {runId: $runId})", params: { runId } },
      { cypher: "RETURN 1 / $zero AS boom", params: { zero: 0 } },
    ]);
    await expect(failing).rejects.toThrow("/ by zero");
    expect(await graph.read("MATCH (r:AuditRun {runId: $runId}) RETURN r", { runId })).toEqual([]);
  });
});
