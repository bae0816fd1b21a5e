/**
 * API latency at organisation scale: seeds a PRIVATE Neo4j with 10,000 principals, 5,000 buckets, ~50,000 statements
 * and their effective access (bench/api-latency/seed.ts), starts the real GraphQL API on it, and times
 * whoCanAccess and sensitiveDataReach over HTTP. Prints p50/p95/p99 against the goal; never fails on them.
 *
 *   SIGHTLINE_STACK_DIR=/tmp/bench-neo4j NEO4J_BOLT_PORT=27687 NEO4J_PAGECACHE=2560 NEO4J_HEAP=2g bash stack/stack.sh up neo4j
 *   BENCH_NEO4J_URI=bolt://127.0.0.1:27687 npx tsx bench/api-latency/run.ts
 *
 * The page cache holds the whole store (2.1 GB with BENCH_ALL_LEVELS=1); with the stack's default 512 MiB the figures
 * measure disk reads. A reused store seeded before the sensitive-data summaries existed gets them written first.
 *
 * BENCH_REQUESTS (default 200) and BENCH_WARMUP (20) set whoCanAccess's sample, BENCH_REACH_REQUESTS (a quarter)
 * sensitiveDataReach's; BENCH_TIMEOUT_MS (30,000) limits a
 * request, and a series stops after 3 errors or time-outs. BENCH_REUSE=1 skips seeding when the graph already holds
 * the bench account (to compare indexes or queries on the same data). By default only READ-level CAN_ACCESS edges are
 * written (849,321 of 2,303,173 with seed 1; the measured queries read no others); BENCH_ALL_LEVELS=1 writes every
 * level. Either way the effective access goes through writeEffectiveAccess in principal-aligned batches, and is then
 * written a second time unchanged, to time the digest check that most audits end with.
 */
import "reflect-metadata";
import { loadavg } from "node:os";
import { type Graph, connectGraph } from "../../graph/driver.js";
import { migrate } from "../../graph/migrations/migrate.js";
import { startApiServer, type AuditService } from "../../schema/server.js";
import { type DataShape, type SeedReport, seedGraph, summariseUnsummarisedBuckets } from "./seed.js";

const GOAL_P95_MS = 200;
const REQUEST_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30_000);
const MAX_ERRORS = 3;
const SHAPE: DataShape = {
  bucketStride: 10,
  objectsPerBucket: 40,
  sensitiveShare: 0.25,
  grantsPerBatch: 50_000,
  readEdgesOnly: process.env.BENCH_ALL_LEVELS !== "1",
};
const SYNTHETIC_ACCOUNT = "111111111111";
/** Accounts the synthetic organisation names (its partners appear as grantees). */
const BENCH_ACCOUNTS = [SYNTHETIC_ACCOUNT, "222222222222", "333333333333", "444444444444", "555555555555"];

const WHO_CAN_ACCESS = `query WhoCanAccess($bucket: String!) {
  whoCanAccess(bucket: $bucket, action: "s3:GetObject", maxHops: 4) {
    principal { arn kind } level conditional hops { from to kind via { policyId sid } }
  }
}`;
const REACH = `query Reach($category: Category, $type: String) {
  sensitiveDataReach(category: $category, type: $type, maxHops: 4) {
    principal { arn } exposure findingCount objectCount
    buckets { bucket { name } findingCount accessPaths { level hops { from to kind } } }
  }
}`;

/** The bench never starts an audit; the API only needs the port filled. */
const NO_AUDITS: AuditService = {
  start: () => Promise.reject(new Error("the latency bench starts no audits")),
  status: () => Promise.reject(new Error("the latency bench follows no audits")),
};

function settings(): { uri: string; requests: number; warmup: number; reuse: boolean } {
  const uri = process.env.BENCH_NEO4J_URI ?? "bolt://127.0.0.1:27687";
  if (/:7687$/.test(uri)) throw new Error(`BENCH_NEO4J_URI=${uri} is the shared dev Neo4j: start a private one (see the header of this file)`);
  return {
    uri,
    requests: Number(process.env.BENCH_REQUESTS ?? 200),
    warmup: Number(process.env.BENCH_WARMUP ?? 20),
    reuse: process.env.BENCH_REUSE === "1",
  };
}

/** Refuses a database that holds anything but the bench's accounts: the bench must never write into someone's graph. */
async function checkPrivate(graph: Graph): Promise<boolean> {
  const accounts = await graph.read<{ accountId: string }>("MATCH (a:Account) RETURN a.accountId AS accountId");
  const foreign = accounts.filter((a) => !BENCH_ACCOUNTS.includes(a.accountId));
  if (foreign.length > 0) {
    throw new Error(`${graph.uri} holds other accounts (${foreign.slice(0, 3).map((a) => a.accountId).join(", ")}...): use an empty private Neo4j`);
  }
  return accounts.some((a) => a.accountId === SYNTHETIC_ACCOUNT);
}

function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(1)).join(" ");
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Sample {
  name: string;
  ms: number[];
  rows: number[];
  errors: number;
  /** CPU time of this process (API server and HTTP client; Neo4j runs in its own) per measured request. */
  cpuMsPerRequest: number;
}

async function post(url: string, query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<{ ms: number; rows: number; error: string | null }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "apollo-require-preflight": "true" },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === "TimeoutError") return null;
    throw error;
  });
  if (response === null) return { ms: timeoutMs, rows: 0, error: `timed out after ${timeoutMs} ms` };
  const body = (await response.json()) as { data?: Record<string, unknown[]>; errors?: { message: string }[] };
  const ms = performance.now() - started;
  const data = body.data ? Object.values(body.data)[0] : undefined;
  return { ms, rows: Array.isArray(data) ? data.length : 0, error: body.errors?.[0]?.message ?? null };
}

async function measure(
  name: string,
  url: string,
  query: string,
  variables: (i: number) => Record<string, unknown>,
  requests: number,
  warmup: number,
): Promise<Sample> {
  const sample: Sample = { name, ms: [], rows: [], errors: 0, cpuMsPerRequest: 0 };
  let cpuFrom = process.cpuUsage();
  for (let i = 0; i < warmup + requests; i += 1) {
    if (i === warmup) cpuFrom = process.cpuUsage();
    const result = await post(url, query, variables(i), REQUEST_TIMEOUT_MS);
    if (result.error !== null) {
      sample.errors += 1;
      if (sample.errors === 1) console.log(`  ${name}: first error: ${result.error}`);
      // Timed-out queries keep running in Neo4j; piling more on would measure the pile, not the query.
      if (sample.errors >= MAX_ERRORS) {
        console.log(`  ${name}: stopped after ${MAX_ERRORS} errors`);
        if (i >= warmup) {
          sample.ms.push(result.ms);
          sample.rows.push(result.rows);
        }
        break;
      }
    }
    if (i >= warmup) {
      sample.ms.push(result.ms);
      sample.rows.push(result.rows);
    }
  }
  const cpu = process.cpuUsage(cpuFrom);
  sample.cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, sample.ms.length);
  return sample;
}

const HEADER = `${"query".padEnd(48)} ${"n".padStart(4)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}  rows(avg)  cpu/req  errors  goal p95<${GOAL_P95_MS}ms`;

/** One line per series, printed as soon as it is measured: a slow series should not hide the figures of the others. */
function printRow(s: Sample): void {
  if (s.ms.length === 0) {
    console.log(`${s.name.padEnd(48)}    0  no answer within ${REQUEST_TIMEOUT_MS} ms during warm-up  errors ${s.errors}  MISSED`);
    return;
  }
  const sorted = [...s.ms].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const cells = [50, 95, 99, 100].map((p) => `${percentile(sorted, p).toFixed(1)}`.padStart(8));
  const avgRows = s.rows.reduce((a, b) => a + b, 0) / s.rows.length;
  console.log(
    `${s.name.padEnd(48)} ${String(s.ms.length).padStart(4)} ${cells.join(" ")}  ${avgRows.toFixed(1).padStart(9)}  ${s.cpuMsPerRequest.toFixed(1).padStart(7)}  ${String(s.errors).padStart(6)}  ${p95 < GOAL_P95_MS ? "met" : "MISSED"}`,
  );
}

function printSeed(report: SeedReport): void {
  const s = (ms: number): string => (Number.isNaN(ms) ? "skipped (already in the graph)" : `${(ms / 1000).toFixed(1)} s`);
  console.log(`\norganisation: ${report.principals} principals, ${report.bucketNames.length} buckets, ${report.statements} statements`);
  console.log(`derived: ${report.grants} CAN_ACCESS grants, ${report.assumes} CAN_ASSUME edges; ${report.objects} objects, ${report.sensitiveObjects} with findings`);
  console.log(
    `time: generate ${s(report.ms.generate)}, computeEffectiveAccess ${s(report.ms.compute)}, write inventory ${s(report.ms.inventory)}, ` +
      `write effective access ${s(report.ms.effectiveAccess)} (unchanged again ${s(report.ms.unchangedRewrite)}), write objects ${s(report.ms.objects)}, write findings ${s(report.ms.findings)}`,
  );
}

async function main(): Promise<void> {
  const config = settings();
  const graph = await connectGraph({ uri: config.uri, user: "neo4j", password: process.env.NEO4J_PASSWORD ?? "sightline-dev-password", database: "neo4j" });
  try {
    await migrate(graph);
    const seeded = await checkPrivate(graph);
    console.log(`load average at start: ${loadAverage()}`);
    if (!(config.reuse && seeded)) printSeed(await seedGraph(graph, SHAPE, (line) => console.log(`  ${line}`)));
    else {
      const started = performance.now();
      const summarised = await summariseUnsummarisedBuckets(graph);
      if (summarised > 0) console.log(`wrote the sensitive-data summaries of ${summarised} buckets seeded before them in ${(performance.now() - started).toFixed(0)} ms`);
    }
    const buckets = (await graph.read<{ name: string }>("MATCH (:Account {accountId: $a})-[:OWNS]->(b:Bucket) RETURN b.name AS name ORDER BY name", { a: SYNTHETIC_ACCOUNT })).map((b) => b.name);
    const api = await startApiServer({ graph, audits: NO_AUDITS }, { host: "127.0.0.1", port: 0 });
    try {
      // A fixed pseudo-random walk over the buckets, so that runs compare like with like.
      const bucketAt = (i: number): string => buckets[(i * 7919 + 13) % buckets.length]!;
      const reachRequests = Number(process.env.BENCH_REACH_REQUESTS ?? Math.max(20, Math.floor(config.requests / 4)));
      console.log(`\n${HEADER}`);
      printRow(await measure("whoCanAccess(random bucket, GetObject, 4)", api.url, WHO_CAN_ACCESS, (i) => ({ bucket: bucketAt(i) }), config.requests, config.warmup));
      printRow(await measure("sensitiveDataReach(category PERSONAL, 4)", api.url, REACH, () => ({ category: "PERSONAL" }), reachRequests, 1));
      printRow(await measure("sensitiveDataReach(type CREDIT_CARD_NUMBER, 4)", api.url, REACH, () => ({ type: "CREDIT_CARD_NUMBER" }), reachRequests, 1));
      console.log(`load average at the end: ${loadAverage()}`);
    } finally {
      await api.stop();
    }
  } finally {
    await graph.close();
  }
}

await main();
