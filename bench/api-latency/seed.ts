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
import { writeClassifications } from "../../graph/writes/classification.js";
import {
  buildBucketAccessSummary,
  buildEffectiveAccessWrite,
  effectiveAccessRows,
  writeEffectiveAccess,
} from "../../graph/writes/effective-access.js";
import type { EffectiveAccess } from "../../services/access/index.js";
import { writeInventory } from "../../graph/writes/inventory.js";
import { writeObjects } from "../../graph/writes/objects.js";

export const BENCH_RUN_ID = "bench-api-latency";

export interface DataShape {
  /** One bucket in `bucketStride` gets objects (20 = 5% of them). */
  bucketStride: number;
  objectsPerBucket: number;
  /** Share of a listed bucket's objects holding sensitive data. */
  sensitiveShare: number;
  /** Above this many grants the derived edges are written in chunks rather than writeEffectiveAccess's one transaction. */
  singleTransactionGrants: number;
  /** Write only READ-level CAN_ACCESS edges (what whoCanAccess(s3:GetObject) and sensitiveDataReach read). */
  readEdgesOnly: boolean;
}

const EDGE_CHUNK = 20_000;

/**
 * The statements of writeEffectiveAccess, with two changes: the edge rows are cut into transactions of EDGE_CHUNK,
 * and edges are CREATEd rather than MERGEd. writeEffectiveAccess's `MERGE (p)-[r:CAN_ACCESS {accountId, level}]->(b)`
 * is planned as a seek on the CAN_ACCESS(accountId) relationship index filtered by its two ends, so each row scans
 * every edge of the account written so far: quadratic, and at millions of edges it does not finish. The rows are
 * de-duplicated and the account's old edges deleted first, so CREATE leaves the same graph.
 */
async function writeEffectiveAccessChunked(
  graph: Graph,
  accountId: string,
  access: EffectiveAccess,
  log: (line: string) => void,
): Promise<void> {
  const rows = effectiveAccessRows(access);
  // Hashing millions of rows as one canonical JSON string exhausts Node's heap; the bench never re-writes, so a
  // stamp stands in for the hash.
  const [removal, ...rest] = buildEffectiveAccessWrite(accountId, rows, `bench:${rows.grants.length}:${rows.assumes.length}`);
  await graph.write(removal!.cypher, removal!.params);
  const edgeWrites = [
    {
      rows: rows.grants as unknown[],
      cypher: `UNWIND $rows AS row
        MATCH (p:Principal {arn: row.principalArn})
        MATCH (b:Bucket {arn: row.bucketArn})
        CREATE (p)-[r:CAN_ACCESS {accountId: $accountId, level: row.level}]->(b)
        SET r += row.props`,
    },
    {
      rows: rows.assumes as unknown[],
      cypher: `UNWIND $rows AS row
        MATCH (p:Principal {arn: row.fromArn})
        MATCH (role:Principal {arn: row.toRoleArn})
        WHERE role:Role
        CREATE (p)-[r:CAN_ASSUME {accountId: $accountId}]->(role)
        SET r += row.props`,
    },
  ];
  // Principal (grantee) rows first, then the edges, then the Account stamp: the order writeEffectiveAccess uses.
  const [stamp] = rest.splice(-1);
  const principalsAndAccounts = rest.filter((q) => !q.cypher.includes("CAN_ACCESS") && !q.cypher.includes("CAN_ASSUME"));
  for (const query of principalsAndAccounts) await graph.write(query.cypher, query.params);
  for (const edges of edgeWrites) {
    for (let start = 0; start < edges.rows.length; start += EDGE_CHUNK) {
      await graph.write(edges.cypher, { accountId, rows: edges.rows.slice(start, start + EDGE_CHUNK) });
    }
    log(`  ${edges.rows.length} edges written in chunks of ${EDGE_CHUNK}`);
  }
  await graph.write(stamp!.cypher, stamp!.params);
  const summary = buildBucketAccessSummary(accountId);
  await graph.write(summary.cypher, summary.params);
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
  ms: { generate: number; compute: number; inventory: number; effectiveAccess: number; objects: number; findings: number };
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
  const chunked = access.grants.length > shape.singleTransactionGrants;
  const [, effectiveMs] = await timed<unknown>(() =>
    chunked ? writeEffectiveAccessChunked(graph, inventory.accountId, access, log) : writeEffectiveAccess(graph, inventory.accountId, access),
  );
  log(`wrote effective access ${chunked ? "in chunks" : "with writeEffectiveAccess"} in ${effectiveMs.toFixed(0)} ms`);

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
    ms: { generate: generateMs, compute: computeMs, inventory: inventoryMs, effectiveAccess: effectiveMs, objects: objectsMs, findings: findingsMs },
  };
}
