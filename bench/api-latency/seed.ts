/**
 * Fills a private Neo4j with the synthetic organisation of bench/access/generate.ts the way an audit would: inventory,
 * effective access (computed by services/access), object listings and sensitive-data findings on a fraction of the
 * buckets. Each step is timed; the figures are returned for the runner to print.
 */
import { generateInventory, countStatements } from "../access/generate.js";
import { computeEffectiveAccess } from "../../services/access/index.js";
import type { ObjectFacts } from "../../services/aws/inventory.js";
import type { Classification, Detection } from "../../services/classify/types.js";
import type { Graph } from "../../graph/driver.js";
import { updateBucketStats, updateSensitiveSummaries } from "../../graph/writes/bucket-stats.js";
import { writeClassifications } from "../../graph/writes/classification.js";
import { writeEffectiveAccess, type EffectiveAccessWriteSummary } from "../../graph/writes/effective-access.js";
import type { AccessGrant, EffectiveAccess, EffectiveAccessBatch } from "../../services/access/effective-access.js";
import { writeInventory } from "../../graph/writes/inventory.js";
import { writeObjects } from "../../graph/writes/objects.js";

export const BENCH_RUN_ID = "bench-api-latency";

export interface DataShape {
  /** One bucket in `bucketStride` gets objects (20 = 5% of them). */
  bucketStride: number;
  objectsPerBucket: number;
  /** Share of a listed bucket's objects holding sensitive data. */
  sensitiveShare: number;
  /** Grants per batch handed to writeEffectiveAccess, the way a streaming engine would hand them over. */
  grantsPerBatch: number;
  /** Write only READ-level CAN_ACCESS edges (what whoCanAccess(s3:GetObject) and sensitiveDataReach read). */
  readEdgesOnly: boolean;
}

/**
 * The engine's result as a stream of batches of about `size` grants, cut only between principals (writeEffectiveAccess
 * wants each principal's grants in one batch), skipped policies in the first batch and role assumptions in the last:
 * the shape services/access streamEffectiveAccess hands over.
 */
export function* batchesByPrincipal(access: EffectiveAccess, size: number): Generator<EffectiveAccessBatch> {
  let grants: AccessGrant[] = [];
  let first = true;
  for (const grant of access.grants) {
    const previous = grants.at(-1);
    if (grants.length >= size && previous !== undefined && previous.principalArn !== grant.principalArn) {
      yield { grants, assumes: [], skipped: first ? (access.skipped ?? []) : [] };
      grants = [];
      first = false;
    }
    grants.push(grant);
  }
  yield { grants, assumes: access.assumes, skipped: first ? (access.skipped ?? []) : [] };
}

export interface SeedReport {
  accountId: string;
  bucketNames: string[];
  principals: number;
  statements: number;
  grants: number;
  assumes: number;
  objects: number;
  sensitiveObjects: number;
  ms: { generate: number; compute: number; inventory: number; effectiveAccess: number; unchangedRewrite: number; objects: number; findings: number };
}

/** Identifier types by category, as the managed catalog names them. */
const IDENTIFIERS: ReadonlyArray<[type: string, category: Detection["category"], severity: Detection["severity"]]> = [
  ["EMAIL_ADDRESS", "PERSONAL", "LOW"],
  ["USA_SOCIAL_SECURITY_NUMBER", "PERSONAL", "HIGH"],
  ["PHONE_NUMBER", "PERSONAL", "LOW"],
  ["CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH"],
  ["AWS_SECRET_KEY", "CREDENTIALS", "HIGH"],
];

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** A deterministic classification of object `i`: one or two identifiers with values drawn from a shared pool. */
function syntheticClassification(i: number): Classification {
  const picks = i % 3 === 0 ? [IDENTIFIERS[i % IDENTIFIERS.length]!, IDENTIFIERS[(i + 2) % IDENTIFIERS.length]!] : [IDENTIFIERS[i % IDENTIFIERS.length]!];
  const detections = picks.map(([type, category, severity]): Detection => {
    const occurrences = Array.from({ length: 3 }, (_, k) => ({
      record: { recordIndex: k, jsonPath: "$.value" },
      evidence: { pattern: type, validator: null, keyword: null },
      fingerprint: `bench-${type}-${(i * 7 + k) % 5000}`,
    }));
    return { type, category, count: occurrences.length, distinctValues: occurrences.length, severity, occurrences };
  });
  return { detections, unclassifiable: null, bytesScanned: 4096, format: "jsonl" };
}

export async function seedGraph(graph: Graph, shape: DataShape, log: (line: string) => void): Promise<SeedReport> {
  const [inventory, generateMs] = await timed(() => generateInventory(1));
  const principals = inventory.iam.users.length + inventory.iam.roles.length;
  log(`generated ${principals} principals, ${inventory.buckets.length} buckets, ${countStatements(inventory)} statements`);
  const [access, computeMs] = await timed(() => computeEffectiveAccess(inventory));
  log(`computed ${access.grants.length} grants and ${access.assumes.length} assume edges in ${computeMs.toFixed(0)} ms`);
  // A run that stopped after the inventory resumes from there: the inventory write alone takes minutes at this size.
  const [stored] = await graph.read<{ buckets: number }>(
    "MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket) RETURN count(b) AS buckets",
    { accountId: inventory.accountId },
  );
  const [, inventoryMs] =
    stored?.buckets === inventory.buckets.length ? [null, Number.NaN] : await timed(() => writeInventory(graph, inventory, BENCH_RUN_ID));
  log(Number.isNaN(inventoryMs) ? "the inventory was already in the graph" : `wrote the inventory in ${inventoryMs.toFixed(0)} ms`);
  if (shape.readEdgesOnly) {
    // The measured queries follow READ edges only (s3:GetObject is a READ action), and writing 2.3 million edges of
    // every level takes longer than the bench has; the other levels are left out, and the runner says so.
    access.grants = access.grants.filter((g) => g.level === "READ");
    log(`kept the ${access.grants.length} READ grants`);
  }
  const cpuBefore = process.cpuUsage();
  const [written, effectiveMs] = await timed<EffectiveAccessWriteSummary>(() =>
    writeEffectiveAccess(graph, inventory.accountId, batchesByPrincipal(access, shape.grantsPerBatch)),
  );
  const cpu = process.cpuUsage(cpuBefore);
  log(
    `wrote effective access in ${effectiveMs.toFixed(0)} ms (client CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms): ` +
      `${written.counters.relationshipsCreated} edges created, ${written.counters.relationshipsDeleted} deleted, ` +
      `${written.principalsWritten} principals written, ${written.principalsRemoved} removed`,
  );
  const [again, unchangedMs] = await timed<EffectiveAccessWriteSummary>(() =>
    writeEffectiveAccess(graph, inventory.accountId, batchesByPrincipal(access, shape.grantsPerBatch)),
  );
  log(`wrote the same effective access again in ${unchangedMs.toFixed(0)} ms: skipped ${again.skipped}, ${again.principalsWritten} principals written`);

  const listed = inventory.buckets.filter((_, i) => i % shape.bucketStride === 0);
  let objects = 0;
  let sensitiveObjects = 0;
  let objectsMs = 0;
  let findingsMs = 0;
  for (const bucket of listed) {
    const facts: ObjectFacts[] = Array.from({ length: shape.objectsPerBucket }, (_, k) => ({
      bucket: bucket.name,
      key: `exports/${String(k).padStart(5, "0")}.jsonl`,
      size: 4096,
      storageClass: "STANDARD",
      etag: `etag-${k}`,
      lastModified: "2026-11-01T00:00:00.000Z",
    }));
    objectsMs += (await timed(() => writeObjects(graph, inventory.accountId, bucket.name, facts, BENCH_RUN_ID)))[1];
    const sensitive = facts.filter((_, k) => k < Math.round(shape.objectsPerBucket * shape.sensitiveShare));
    const results = sensitive.map((o, k) => ({ key: o.key, etag: o.etag, classification: syntheticClassification(objects + k) }));
    findingsMs += (await timed(() => writeClassifications(graph, bucket.name, results, BENCH_RUN_ID)))[1];
    // As the classification activity ends: statistics and the sensitive-data summaries sensitiveDataReach reads.
    findingsMs += (await timed(() => updateBucketStats(graph, bucket.name)))[1];
    objects += facts.length;
    sensitiveObjects += sensitive.length;
  }
  log(`wrote ${objects} objects (${objectsMs.toFixed(0)} ms) and ${sensitiveObjects} classifications (${findingsMs.toFixed(0)} ms) in ${listed.length} buckets`);
  return {
    accountId: inventory.accountId,
    bucketNames: inventory.buckets.map((b) => b.name),
    principals,
    statements: countStatements(inventory),
    grants: access.grants.length,
    assumes: access.assumes.length,
    objects,
    sensitiveObjects,
    ms: { generate: generateMs, compute: computeMs, inventory: inventoryMs, effectiveAccess: effectiveMs, unchangedRewrite: unchangedMs, objects: objectsMs, findings: findingsMs },
  };
}

/**
 * Writes the sensitive-data summaries of a graph seeded before they existed (BENCH_REUSE=1 on an older store), as the
 * classification activity would have; returns how many buckets it summarised.
 */
export async function summariseUnsummarisedBuckets(graph: Graph): Promise<number> {
  const rows = await graph.read<{ arn: string }>(
    "MATCH (b:Bucket) WHERE EXISTS { (b)-[:CONTAINS]->(:Object) } AND NOT EXISTS { (b)-[:HAS_SENSITIVE_SUMMARY]->() } RETURN b.arn AS arn",
  );
  const arns = rows.map((r) => r.arn);
  for (let start = 0; start < arns.length; start += 100) await updateSensitiveSummaries(graph, arns.slice(start, start + 100));
  return arns.length;
}
