import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Classification, Detection, Occurrence } from "../../../services/classify/types.js";
import type { ObjectFacts } from "../../../services/aws/inventory.js";
import type { Graph } from "../../../graph/driver.js";
import { updateBucketStats } from "../../../graph/writes/bucket-stats.js";
import { writeClassification } from "../../../graph/writes/classification.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { objectsNeedingClassification, pruneObjects, writeObjects } from "../../../graph/writes/objects.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { countScope, deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
const bucket = `sl-${accountId}-data`;
let graph: Graph;

function object(key: string, etag: string, size = 100): ObjectFacts {
  return { bucket, key, size, storageClass: "STANDARD", etag, lastModified: "2026-11-01T00:00:00.000Z" };
}

/** Fingerprints carry the account id so that the test's cleanup finds them. */
function occurrence(row: number, fingerprint: string): Occurrence {
  return {
    cell: { row, column: 2, columnName: "card" },
    evidence: { pattern: "visa", validator: "luhn", keyword: null },
    fingerprint: `${accountId}-${fingerprint}`,
  };
}

function detection(type: string, category: Detection["category"], severity: Detection["severity"], values: string[]): Detection {
  const occurrences = values.map((v, i) => occurrence(i + 1, v));
  return { type, category, count: occurrences.length, distinctValues: new Set(values).size, severity, occurrences };
}

function classification(detections: Detection[]): Classification {
  return { detections, unclassifiable: null, bytesScanned: 100, format: "csv" };
}

beforeAll(async () => {
  graph = await openGraph();
  await writeInventory(graph, fixtureInventory(accountId), "run-1");
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("objects and incremental classification", () => {
  it("lists every object as needing classification until it is classified at its current etag", async () => {
    await writeObjects(graph, accountId, bucket, [object("a.csv", "e1"), object("b.csv", "e1"), object("c.txt", "e1")], "run-1");
    expect((await objectsNeedingClassification(graph, bucket)).map((o) => o.key)).toEqual(["a.csv", "b.csv", "c.txt"]);

    await writeClassification(graph, bucket, "a.csv", "e1", classification([]), "run-1");
    expect(await objectsNeedingClassification(graph, bucket)).toEqual([
      { key: "b.csv", etag: "e1", size: 100, storageClass: "STANDARD" },
      { key: "c.txt", etag: "e1", size: 100, storageClass: "STANDARD" },
    ]);
    expect(await objectsNeedingClassification(graph, bucket, { afterKey: "b.csv", limit: 5 })).toHaveLength(1);

    // The next run lists a.csv with a new etag: it has changed and must be read again; c.txt was deleted.
    await writeObjects(graph, accountId, bucket, [object("a.csv", "e2"), object("b.csv", "e1")], "run-2");
    expect(await pruneObjects(graph, bucket, "run-2")).toBe(1);
    expect((await objectsNeedingClassification(graph, bucket)).map((o) => `${o.key}@${o.etag}`)).toEqual([
      "a.csv@e2",
      "b.csv@e1",
    ]);
  });

  it("writes a classification idempotently: one Multiple finding, detections and shared fingerprints", async () => {
    const result = classification([
      detection("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", ["v1", "v2", "v1"]),
      detection("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1"]),
    ]);
    await writeClassification(graph, bucket, "a.csv", "e2", result, "run-2");
    const first = await countScope(graph, accountId);
    expect(first.nodes).toMatchObject({ Object: 2, Finding: 1, Detection: 2, Fingerprint: 3 });
    expect(first.relationships).toMatchObject({ CONTAINS: 2, HAS_FINDING: 1, HAS_DETECTION: 2, HAS_FINGERPRINT: 3 });

    await writeClassification(graph, bucket, "a.csv", "e2", result, "run-2");
    expect(await countScope(graph, accountId)).toEqual(first);

    const [finding] = await graph.read<Record<string, unknown>>(
      `MATCH (:Object {arn: $arn})-[:HAS_FINDING]->(f:Finding)
       RETURN f.findingId AS findingId, f.type AS type, f.severity AS severity, f.category AS category, f.count AS count`,
      { arn: `arn:aws:s3:::${bucket}/a.csv` },
    );
    expect(finding).toEqual({
      findingId: `arn:aws:s3:::${bucket}/a.csv#SensitiveData:S3Object/Multiple`,
      type: "SensitiveData:S3Object/Multiple",
      severity: "HIGH",
      category: "CLASSIFICATION",
      count: 1,
    });
    expect(await objectsNeedingClassification(graph, bucket)).toEqual([
      { key: "b.csv", etag: "e1", size: 100, storageClass: "STANDARD" },
    ]);
  });

  it("replaces the previous detections when an object is re-classified, keeping fingerprints other objects share", async () => {
    await writeClassification(
      graph, bucket, "b.csv", "e1", classification([detection("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", ["v2"])]), "run-2",
    );
    await writeClassification(
      graph, bucket, "a.csv", "e2", classification([detection("EMAIL_ADDRESS", "PERSONAL", "LOW", ["m1"])]), "run-3",
    );
    const counts = await countScope(graph, accountId);
    // a.csv: Personal finding (the Multiple one is gone) with m1; b.csv: Financial with v2; v1 no longer referenced.
    expect(counts.nodes).toMatchObject({ Finding: 2, Detection: 2, Fingerprint: 2 });
    const types = await graph.read<{ type: string }>(
      `MATCH (:Bucket {arn: $arn})-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(f:Finding) RETURN f.type AS type ORDER BY type`,
      { arn: `arn:aws:s3:::${bucket}` },
    );
    expect(types.map((t) => t.type)).toEqual(["SensitiveData:S3Object/Financial", "SensitiveData:S3Object/Personal"]);
  });

  it("computes bucket statistics and the sensitivity score", async () => {
    const stats = await updateBucketStats(graph, bucket);
    expect(stats).toEqual({
      objectCount: 2,
      sizeInBytes: 200,
      classifiableObjectCount: 2,
      classifiableSizeInBytes: 200,
      unclassifiableObjectCount: 0,
      unclassifiableSizeInBytes: 0,
      classifiedObjectCount: 2,
      sensitiveObjectCount: 2,
      // one distinct HIGH value (20) + one LOW value (1): 50 + ceil(49 * (1 - e^-0.21))
      sensitivityScore: 60,
    });
    const [stored] = await graph.read<{ score: number }>("MATCH (b:Bucket {name: $bucket}) RETURN b.sensitivityScore AS score", { bucket });
    expect(stored).toEqual({ score: 60 });
  });

  it("writes large listings in batches and prunes objects with their findings and orphaned fingerprints", async () => {
    const many = Array.from({ length: 2500 }, (_, i) => object(`bulk/${String(i).padStart(5, "0")}.json`, "b1", 10));
    expect(await writeObjects(graph, accountId, bucket, [...many, object("a.csv", "e2")], "run-4")).toBe(2501);
    expect((await objectsNeedingClassification(graph, bucket)).length).toBe(2500);
    expect(await pruneObjects(graph, bucket, "run-4")).toBe(1); // b.csv
    await writeObjects(graph, accountId, bucket, [object("a.csv", "e2")], "run-5");
    expect(await pruneObjects(graph, bucket, "run-5")).toBe(2500);
    const counts = await countScope(graph, accountId);
    expect(counts.nodes).toMatchObject({ Object: 1, Finding: 1, Detection: 1, Fingerprint: 1 });
  });
});
