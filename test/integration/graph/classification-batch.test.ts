import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classification, Detection } from "../../../services/classify/types.js";
import type { ObjectFacts } from "../../../services/aws/inventory.js";
import type { Graph } from "../../../graph/driver.js";
import { NotFoundError } from "../../../services/errors.js";
import {
  type ClassifiedObject,
  writeClassification,
  writeClassifications,
} from "../../../graph/writes/classification.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { writeObjects } from "../../../graph/writes/objects.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, openGraph, uniqueAccountId } from "./support.js";

/** Each path writes into its own account; the concurrency test uses the logs bucket of both and a third account. */
const one = uniqueAccountId();
const batched = uniqueAccountId();
const third = uniqueAccountId();
const dataBucket = (accountId: string): string => `sl-${accountId}-data`;
const logsBucket = (accountId: string): string => `sl-${accountId}-logs`;
let graph: Graph;

function object(bucket: string, key: string): ObjectFacts {
  return { bucket, key, size: 100, storageClass: "STANDARD", etag: `e-${key}`, lastModified: "2026-11-01T00:00:00.000Z" };
}

/** Fingerprint values carry a token (the account id) so that each path has its own nodes and cleanup finds them. */
function detection(token: string, type: string, category: Detection["category"], severity: Detection["severity"], values: string[]): Detection {
  const occurrences = values.map((v, i) => ({
    record: { recordIndex: i, jsonPath: "$.v" },
    evidence: { pattern: type, validator: null, keyword: null },
    fingerprint: `${token}-${v}`,
  }));
  return { type, category, count: occurrences.length, distinctValues: new Set(values).size, severity, occurrences };
}

function found(detections: Detection[]): Classification {
  return { detections, unclassifiable: null, bytesScanned: 100, format: "jsonl" };
}

function failed(reason: "READ_FAILED" | "OBJECT_TOO_LARGE", detections: Detection[] = []): Classification {
  return { detections, unclassifiable: { reason, detail: reason.toLowerCase() }, bytesScanned: 10, format: "jsonl" };
}

/** Three runs' results covering every rule of the write: shared values, type changes, failures and repeats. */
function runs(token: string): { runId: string; objects: ClassifiedObject[] }[] {
  const d = (type: string, category: Detection["category"], severity: Detection["severity"], values: string[]): Detection =>
    detection(token, type, category, severity, values);
  const o = (key: string, classification: Classification): ClassifiedObject => ({ key, etag: `e-${key}`, classification });
  return [
    {
      runId: "run-1",
      objects: [
        o("a.jsonl", found([d("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", ["v1", "v2", "v1"]), d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1"])])),
        o("b.jsonl", found([d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1", "m2"])])),
        o("c.jsonl", found([])),
        o("d.jsonl", failed("READ_FAILED")),
        o("e.jsonl", failed("OBJECT_TOO_LARGE", [d("AWS_SECRET_KEY", "CREDENTIALS", "HIGH", ["k1"])])),
      ],
    },
    {
      runId: "run-2",
      objects: [
        // a: the Multiple finding becomes Personal; v1 and v2 lose their last detection.
        o("a.jsonl", found([d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1", "m3"])])),
        // b: unchanged type, so the finding keeps createdAt and counts a second run.
        o("b.jsonl", found([d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m2"])])),
        // c: finds v2, which a no longer holds, in the same batch.
        o("c.jsonl", found([d("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", ["v2"])])),
        o("d.jsonl", found([d("IBAN", "FINANCIAL", "HIGH", ["i1"])])),
        // e twice in one batch: the second result is the one that stands.
        o("e.jsonl", found([d("AWS_SECRET_KEY", "CREDENTIALS", "HIGH", ["k1"])])),
        o("e.jsonl", failed("READ_FAILED")),
      ],
    },
    {
      runId: "run-2",
      objects: [
        o("a.jsonl", found([d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1", "m3"])])),
        o("b.jsonl", found([d("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m2"])])),
      ],
    },
  ];
}

/** The bucket's objects with their findings, detections and fingerprints, with the account id replaced by "<acct>". */
async function subgraph(accountId: string, bucket: string): Promise<unknown> {
  const rows = await graph.read<Record<string, unknown>>(
    `MATCH (:Bucket {arn: $bucketArn})-[:CONTAINS]->(o:Object)
     OPTIONAL MATCH (o)-[:HAS_FINDING]->(f:Finding)
     RETURN o {.*} AS object,
            f {.*, createdAt: null, updatedAt: null, createdBeforeLastUpdate: f.createdAt < f.updatedAt} AS finding,
            COLLECT {
              MATCH (f)-[:HAS_DETECTION]->(d:Detection)
              RETURN d {.*, fingerprints: COLLECT { MATCH (d)-[:HAS_FINGERPRINT]->(fp) RETURN fp {.*} ORDER BY fp.value }}
              ORDER BY d.detectionId
            } AS detections
     ORDER BY o.key`,
    { bucketArn: `arn:aws:s3:::${bucket}` },
  );
  const fingerprints = await graph.read<Record<string, unknown>>(
    `MATCH (fp:Fingerprint) WHERE fp.value STARTS WITH $token
     RETURN fp.value AS value, fp.type AS type, COUNT { (fp)<-[:HAS_FINGERPRINT]-() } AS links ORDER BY value`,
    { token: `${accountId}-` },
  );
  return JSON.parse(JSON.stringify({ rows, fingerprints }).replaceAll(accountId, "<acct>"));
}

/** Counts transaction attempts, so that retries after deadlocks show. */
function countingAttempts(inner: Graph): { graph: Graph; attempts: () => number } {
  let attempts = 0;
  const wrapped: Graph = {
    uri: inner.uri,
    database: inner.database,
    read: (c, p) => inner.read(c, p),
    write: (c, p) => inner.write(c, p),
    writeAll: (q) => inner.writeAll(q),
    writeTransaction: (work) =>
      inner.writeTransaction((tx) => {
        attempts += 1;
        return work(tx);
      }),
    close: () => inner.close(),
  };
  return { graph: wrapped, attempts: () => attempts };
}

beforeAll(async () => {
  graph = await openGraph();
  for (const accountId of [one, batched, third]) {
    await writeInventory(graph, fixtureInventory(accountId), "run-0");
    const keys = ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl", "e.jsonl"];
    await writeObjects(graph, accountId, dataBucket(accountId), keys.map((k) => object(dataBucket(accountId), k)), "run-0");
  }
});

afterAll(async () => {
  for (const accountId of [one, batched, third]) await deleteScope(graph, accountId);
  await graph.close();
});

describe("writeClassifications", () => {
  it("leaves the same graph as writing each object on its own, run after run", async () => {
    const oneByOne = runs(one);
    const inBatches = runs(batched);
    for (let step = 0; step < oneByOne.length; step += 1) {
      const { runId, objects } = oneByOne[step]!;
      for (const o of objects) await writeClassification(graph, dataBucket(one), o.key, o.etag, o.classification, runId);
      await writeClassifications(graph, dataBucket(batched), inBatches[step]!.objects, inBatches[step]!.runId);
      expect(await subgraph(batched, dataBucket(batched))).toEqual(await subgraph(one, dataBucket(one)));
    }

    // Pin a few of the values both paths agree on, so that "equal" cannot mean "both empty".
    const final = (await subgraph(batched, dataBucket(batched))) as {
      rows: { object: Record<string, unknown>; finding: Record<string, unknown> | null }[];
      fingerprints: { value: string; type: string; links: number }[];
    };
    expect(final.rows.map((r) => [r.object.key, r.object.classifiedEtag ?? null, r.finding?.type ?? null, r.finding?.count ?? null])).toEqual([
      ["a.jsonl", "e-a.jsonl", "SensitiveData:S3Object/Personal", 1],
      ["b.jsonl", "e-b.jsonl", "SensitiveData:S3Object/Personal", 2],
      ["c.jsonl", "e-c.jsonl", "SensitiveData:S3Object/Financial", 1],
      ["d.jsonl", "e-d.jsonl", "SensitiveData:S3Object/Financial", 1],
      // e: the failed read of run-2 cleared its detections but kept the etag run-1 classified.
      ["e.jsonl", "e-e.jsonl", null, null],
    ]);
    expect(final.rows[4]!.object.unclassifiableReason).toBe("READ_FAILED");
    expect(final.fingerprints).toEqual([
      { value: "<acct>-i1", type: "IBAN", links: 1 },
      { value: "<acct>-m1", type: "EMAIL_ADDRESS", links: 1 },
      { value: "<acct>-m2", type: "EMAIL_ADDRESS", links: 1 },
      { value: "<acct>-m3", type: "EMAIL_ADDRESS", links: 1 },
      { value: "<acct>-v2", type: "CREDIT_CARD_NUMBER", links: 1 },
    ]);
  });

  it("writes nothing and names the objects when some are not in the graph", async () => {
    const before = await subgraph(batched, dataBucket(batched));
    const write = writeClassifications(
      graph,
      dataBucket(batched),
      [
        { key: "a.jsonl", etag: "changed", classification: found([]) },
        { key: "gone.jsonl", etag: "x", classification: found([]) },
      ],
      "run-3",
    );
    await expect(write).rejects.toThrow(NotFoundError);
    await expect(write).rejects.toThrow(`arn:aws:s3:::${dataBucket(batched)}/gone.jsonl`);
    expect(await subgraph(batched, dataBucket(batched))).toEqual(before);
  });

  it("writes three buckets concurrently whose objects share fingerprints, and ends in the exact graph", async () => {
    const buckets = [logsBucket(one), logsBucket(batched), logsBucket(third)];
    const owners = [one, batched, third];
    const perBucket = 120;
    for (const [i, bucket] of buckets.entries()) {
      const keys = Array.from({ length: perBucket }, (_, k) => `k${String(k).padStart(4, "0")}.jsonl`);
      await writeObjects(graph, owners[i]!, bucket, keys.map((k) => object(bucket, k)), "run-0");
    }
    // Every object of every bucket draws 6 of the same 12 values, so every batch contends on the same nodes; the
    // second round shifts the values so that links are deleted and orphaned fingerprints cleaned up concurrently.
    const pool = (round: number, k: number): string[] =>
      Array.from({ length: 6 }, (_, j) => `shared-${(k + j + round * 3) % 12}`);
    const { graph: counted, attempts } = countingAttempts(graph);
    const transactions = { count: 0 };
    for (const round of [0, 1]) {
      await Promise.all(
        buckets.map(async (bucket) => {
          const objects = Array.from({ length: perBucket }, (_, k) => ({
            key: `k${String(k).padStart(4, "0")}.jsonl`,
            etag: `e-k${String(k).padStart(4, "0")}.jsonl`,
            classification: found([detection(third, "EMAIL_ADDRESS", "PERSONAL", "LOW", pool(round, k))]),
          }));
          // Two writers per bucket, like the audit's concurrent classification of one bucket.
          const batches = Array.from({ length: perBucket / 20 }, (_, b) => objects.slice(b * 20, b * 20 + 20));
          const writers = [0, 1].map(async (w) => {
            for (let b = w; b < batches.length; b += 2) {
              transactions.count += 1;
              await writeClassifications(counted, bucket, batches[b]!, `run-${round + 1}`);
            }
          });
          await Promise.all(writers);
        }),
      );
    }
    console.log(`concurrent writes: ${transactions.count} transactions, ${attempts()} attempts (${attempts() - transactions.count} retried)`);

    const fingerprints = await graph.read<{ value: string; links: number }>(
      `MATCH (fp:Fingerprint) WHERE fp.value STARTS WITH $token
       RETURN fp.value AS value, COUNT { (fp)<-[:HAS_FINGERPRINT]-() } AS links ORDER BY value`,
      { token: `${third}-shared-` },
    );
    // Round 2: object k links values (k+3..k+8) mod 12, so each of the 12 values is linked by half the objects.
    expect(fingerprints.length).toBe(12);
    expect(fingerprints.every((f) => f.links === (3 * perBucket) / 2)).toBe(true);
    const [perObject] = await graph.read<{ objects: number; wrong: number }>(
      `MATCH (b:Bucket)-[:CONTAINS]->(o:Object) WHERE b.name IN $buckets
       WITH o, COUNT { (o)-[:HAS_FINDING]->()-[:HAS_DETECTION]->()-[:HAS_FINGERPRINT]->() } AS links
       RETURN count(o) AS objects, count(CASE WHEN links <> 6 THEN 1 END) AS wrong`,
      { buckets },
    );
    expect(perObject).toEqual({ objects: 3 * perBucket, wrong: 0 });
  });

  it("prints the cost per object for batches of 1, 10, 50 and 200 (not gated)", async () => {
    const bucket = dataBucket(third);
    const total = 200;
    const keys = Array.from({ length: total }, (_, k) => `bench/${String(k).padStart(4, "0")}.jsonl`);
    await writeObjects(graph, third, bucket, keys.map((k) => object(bucket, k)), "run-0");
    const lines: string[] = [];
    for (const size of [1, 10, 50, 200]) {
      const objects = keys.map((key, k) => ({
        key,
        etag: `e-${key}`,
        classification: found([
          detection(third, "EMAIL_ADDRESS", "PERSONAL", "LOW", [`b${size}-${k}-1`, `b${size}-${k}-2`, `shared-${k % 7}`]),
          detection(third, "CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", [`b${size}-${k}-3`]),
        ]),
      }));
      // Batches of one are slow: time 50 objects for them, all 200 for the rest.
      const timed = size === 1 ? objects.slice(0, 50) : objects;
      const started = performance.now();
      for (let i = 0; i < timed.length; i += size) await writeClassifications(graph, bucket, timed.slice(i, i + size), "run-bench");
      const ms = performance.now() - started;
      lines.push(`batch ${String(size).padStart(3)}: ${(ms / timed.length).toFixed(2)} ms/object (${timed.length} objects in ${ms.toFixed(0)} ms)`);
    }
    console.log(`writeClassifications, 2 detections and 4 fingerprints per object:\n${lines.join("\n")}`);
    const [links] = await graph.read<{ n: number }>(
      "MATCH (:Bucket {name: $bucket})-[:CONTAINS]->(:Object)-[:HAS_FINDING]->()-[:HAS_DETECTION]->()-[r:HAS_FINGERPRINT]->() RETURN count(r) AS n",
      { bucket },
    );
    expect(links).toEqual({ n: total * 4 });
  });
});
