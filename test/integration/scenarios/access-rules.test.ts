/**
 * The access rules of docs/access-semantics.md through the real pipeline: every estate of catalogue.ts is seeded into
 * moto with AWS SDK v3, ONE audit runs in a real `sightline worker` process, and each scenario's hand-written answers
 * are asserted through the real GraphQL API process (whoCanAccess, explainAccess, bucket findings, sensitiveDataReach).
 * The evaluator's own per-rule tests live in test/unit/access; this file pins what collection, the graph writes and
 * the queries make of them.
 *
 * It resets moto and wipes Neo4j, so it runs only against the private test stack (SIGHTLINE_TEST_STACK=1).
 */
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { createAwsClients, destroyAwsClients } from "../../../services/aws/clients.js";
import { AuditClient } from "../../../workflows/client.js";
import { startSightline, waitForOutput, type RunningProcess } from "../../support/processes.js";
import { applyScenarioEstates } from "../../support/scenario-estate.js";
import {
  ACCOUNT_ID,
  SCENARIOS,
  type BucketCheck,
  type ExpectedStatement,
  type ExplainCheck,
  type ExposureCheck,
  type ReachCheck,
  type Scenario,
  type WhoCanAccessCheck,
} from "./catalogue.js";

const config = loadConfig();
// Clear of the test stack's ports (15000, 17233, 17687, 18233) and of the e2e test's API range (14000-14999).
const apiPort = 16_000 + Math.floor(Math.random() * 1000);
const apiUrl = `http://127.0.0.1:${apiPort}/`;

let driver: Driver | undefined;
let audits: AuditClient | undefined;
let worker: RunningProcess | undefined;
let api: RunningProcess | undefined;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

beforeAll(async () => {
  if (process.env.SIGHTLINE_TEST_STACK !== "1") {
    throw new Error("this test resets moto and wipes Neo4j: run it through `npm test`, which starts a private test stack");
  }
  const reset = await fetch(`${config.aws.endpointUrl}/moto-api/reset`, { method: "POST" });
  expect(reset.ok).toBe(true);
  driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password));
  const session = driver.session();
  try {
    await session.run("MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
  } finally {
    await session.close();
  }
  // The worker bundles its workflows as it starts: start both processes first and seed while they come up.
  worker = startSightline(["worker"], { SIGHTLINE_LOG_LEVEL: "info" });
  api = startSightline(["api"], { SIGHTLINE_API_PORT: String(apiPort) });
  const clients = createAwsClients({ region: config.aws.region, endpointUrl: config.aws.endpointUrl });
  try {
    await applyScenarioEstates(clients, ACCOUNT_ID, SCENARIOS.map((s) => s.estate));
  } finally {
    destroyAwsClients(clients);
  }
  audits = await AuditClient.connect(config.temporal);
  await waitForOutput(worker, (out) => out.includes("worker running"));
  await waitForOutput(api, (out) => out.includes("GraphQL API at"));
  const { runId } = await audits.start({});
  const final = await audits.wait(runId, undefined, 500);
  expect(final.error).toBeNull();
  expect(final.status).toBe("COMPLETED");
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await audits?.close();
  await driver?.close();
});

// ------------------------------------------------------------------------------------------------ comparing answers

interface StatementRow {
  policyId: string;
  sid: string;
  effect: string;
  source: string;
}

/** The answer's statements cut down to the fields the expectation names, in a stable order. */
function project(actual: readonly StatementRow[], expected: readonly ExpectedStatement[]): string[] {
  const keys = new Set(expected.flatMap((e) => Object.keys(e)));
  if (expected.length === 0) keys.add("policyId").add("sid").add("effect").add("source");
  return actual
    .map((s) => JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => keys.has(k)).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();
}

function expectedStatements(expected: readonly ExpectedStatement[]): string[] {
  return expected
    .map((e) => JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();
}

/** IAM allows a single value or an array in a condition; compare them as arrays of strings. */
function normalizeConditions(blocks: readonly unknown[]): unknown[] {
  return blocks.map((block) =>
    Object.fromEntries(
      Object.entries(block as Record<string, Record<string, unknown>>).map(([op, keys]) => [
        op,
        Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)])),
      ]),
    ),
  );
}

const STATEMENT_FIELDS = "policyId sid effect source";

interface PathRow {
  principal: { arn: string; kind: string | null; accountId: string | null };
  conditional: boolean;
  conditions: unknown[];
  deniedWhen: unknown[];
  path: { arn: string }[];
  hops: { kind: string; via: StatementRow[] }[];
}

/** The scenario's own principals and every principal that is not an IAM principal of the audited account. */
function inScope(principalArn: string, scenarioId: string): boolean {
  return principalArn.includes(`/sc-${scenarioId}-`) || !principalArn.startsWith(`arn:aws:iam::${ACCOUNT_ID}:`);
}

async function checkWhoCanAccess(scenario: Scenario, check: WhoCanAccessCheck): Promise<void> {
  const { whoCanAccess } = await gql<{ whoCanAccess: PathRow[] }>(
    `query($bucket: String!, $action: String!, $maxHops: Int!) {
       whoCanAccess(bucket: $bucket, action: $action, maxHops: $maxHops) {
         principal { arn kind accountId } conditional conditions deniedWhen path { arn }
         hops { kind via { ${STATEMENT_FIELDS} } } } }`,
    { bucket: check.bucket, action: check.action, maxHops: check.maxHops ?? 4 },
  );
  const route = (p: PathRow) => p.path.slice(0, -1).map((n) => n.arn).join(" > ");
  const scoped = whoCanAccess.filter((p) => inScope(p.principal.arn, scenario.id));
  expect(scoped.map(route).sort()).toEqual(check.paths.map((p) => p.route.join(" > ")).sort());
  for (const expected of check.paths) {
    const actual = scoped.find((p) => route(p) === expected.route.join(" > "))!;
    const label = expected.route.join(" > ");
    expect(actual.conditional, `${label}: conditional`).toBe(expected.conditional);
    if (expected.conditions) expect(normalizeConditions(actual.conditions), `${label}: conditions`).toEqual(normalizeConditions(expected.conditions));
    if (expected.deniedWhen) expect(normalizeConditions(actual.deniedWhen), `${label}: deniedWhen`).toEqual(normalizeConditions(expected.deniedWhen));
    if (expected.kind) expect(actual.principal.kind, `${label}: kind`).toBe(expected.kind);
    if (expected.accountId) expect(actual.principal.accountId, `${label}: accountId`).toBe(expected.accountId);
    const last = actual.hops.at(-1)!;
    expect(last.kind).toBe("CAN_ACCESS");
    if (expected.grantedBy) expect(project(last.via, expected.grantedBy), `${label}: grant`).toEqual(expectedStatements(expected.grantedBy));
    expected.assumedVia?.forEach((statements, i) => {
      expect(actual.hops[i]!.kind).toBe("CAN_ASSUME");
      const via = project(actual.hops[i]!.via, statements);
      for (const s of expectedStatements(statements)) expect(via, `${label}: hop ${i}`).toContain(s);
    });
  }
  const everyone = whoCanAccess.map((p) => p.principal.arn);
  for (const { principal, why } of check.absent) expect(everyone, why).not.toContain(principal);
}

interface ExplanationRow {
  decision: string;
  conditional: boolean;
  conditions: unknown[];
  deniedWhen: unknown[];
  grantedBy: StatementRow[];
  deniedBy: StatementRow[];
  steps: { kind: string; source: string; outcome: string }[];
  viaRoleChain: string[] | null;
}

async function checkExplain(check: ExplainCheck): Promise<void> {
  const { explainAccess: e } = await gql<{ explainAccess: ExplanationRow }>(
    `query($principal: String!, $bucket: String!, $action: String!) {
       explainAccess(principal: $principal, bucket: $bucket, action: $action) {
         decision conditional conditions deniedWhen viaRoleChain
         grantedBy { ${STATEMENT_FIELDS} } deniedBy { ${STATEMENT_FIELDS} } steps { kind source outcome } } }`,
    { principal: check.principal, bucket: check.bucket, action: check.action },
  );
  expect(e.decision).toBe(check.decision);
  if (check.conditional !== undefined) expect(e.conditional, "conditional").toBe(check.conditional);
  if (check.conditions) expect(normalizeConditions(e.conditions), "conditions").toEqual(normalizeConditions(check.conditions));
  if (check.deniedWhen) expect(normalizeConditions(e.deniedWhen), "deniedWhen").toEqual(normalizeConditions(check.deniedWhen));
  if (check.grantedBy) expect(project(e.grantedBy, check.grantedBy), "grantedBy").toEqual(expectedStatements(check.grantedBy));
  if (check.deniedBy) expect(project(e.deniedBy, check.deniedBy), "deniedBy").toEqual(expectedStatements(check.deniedBy));
  for (const blocked of check.blockedBy ?? []) {
    expect(e.steps.map((s) => ({ kind: s.kind, source: s.source })), "trace steps").toContainEqual(blocked);
  }
  if (check.viaRoleChain !== undefined) expect(e.viaRoleChain).toEqual(check.viaRoleChain);
}

interface BucketRow {
  effectivePublicAccess: string;
  sharedAccess: string | null;
  findings: { type: string; category: string; detail: Record<string, unknown> | null }[];
}

async function readBucket(name: string): Promise<BucketRow> {
  const { bucket } = await gql<{ bucket: BucketRow }>(
    `query($name: String!) { bucket(name: $name) { effectivePublicAccess sharedAccess findings(first: 100) { type category detail } } }`,
    { name },
  );
  return bucket;
}

async function checkBucketSummary(check: BucketCheck): Promise<void> {
  const bucket = await readBucket(check.bucket);
  expect(bucket.effectivePublicAccess, "effectivePublicAccess").toBe(check.effectivePublicAccess);
  if (check.sharedAccess) expect(bucket.sharedAccess, "sharedAccess").toBe(check.sharedAccess);
}

const postureAndExposure = (bucket: BucketRow) => bucket.findings.filter((f) => f.category === "POLICY" || f.category === "EXPOSURE");

async function checkBucketFindings(check: BucketCheck): Promise<void> {
  const findings = postureAndExposure(await readBucket(check.bucket));
  expect(findings.map((f) => f.type).sort()).toEqual(check.findings.map((f) => f.type).sort());
  for (const expected of check.findings) {
    if (expected.detail) expect(findings.find((f) => f.type === expected.type)!.detail, expected.type).toMatchObject(expected.detail);
  }
}

async function checkExposure(check: ExposureCheck): Promise<void> {
  const finding = postureAndExposure(await readBucket(check.bucket)).find((f) => f.type === check.type);
  expect(finding, `${check.bucket} should have ${check.type}`).toBeDefined();
  const detail = finding!.detail as { principals: { arn: string }[]; conditional: boolean };
  expect(detail.principals.map((p) => p.arn).sort()).toEqual([...check.principals].sort());
  expect(detail.conditional).toBe(check.conditional);
}

async function checkReach(check: ReachCheck): Promise<void> {
  const { sensitiveDataReach } = await gql<{ sensitiveDataReach: { principal: { arn: string }; exposure: string; buckets: { bucket: { name: string } }[] }[] }>(
    `query($category: Category) { sensitiveDataReach(category: $category) { principal { arn } exposure buckets { bucket { name } } } }`,
    { category: check.category },
  );
  const entry = sensitiveDataReach.find((r) => r.principal.arn === check.principal);
  expect(entry, `${check.principal} should reach ${check.category} data`).toBeDefined();
  expect(entry!.exposure).toBe(check.exposure);
  expect(entry!.buckets.map((b) => b.bucket.name).sort()).toEqual([...check.buckets].sort());
}

/** A check that a known pipeline bug breaks runs as `it.fails`, so the suite says when the bug is fixed. */
const test = (knownBug: string | undefined) => (knownBug === undefined ? it : it.fails);

// Every check only reads the audited graph, so a scenario's checks may run at once.
for (const scenario of SCENARIOS) {
  describe.concurrent(`scenario ${scenario.id} (${scenario.rule})`, () => {
    for (const check of scenario.whoCanAccess) {
      const hops = check.maxHops === undefined ? "" : `, maxHops ${check.maxHops}`;
      test(check.knownBug)(`whoCanAccess(${check.bucket}, ${check.action}${hops})`, () => checkWhoCanAccess(scenario, check));
    }
    for (const check of scenario.explain) {
      test(check.knownBug)(`explainAccess(${check.principal}, ${check.bucket}, ${check.action}) is ${check.decision}`, () => checkExplain(check));
    }
    for (const check of scenario.buckets ?? []) {
      const shared = check.sharedAccess === undefined ? "" : `, ${check.sharedAccess}`;
      test(check.summaryBug)(`bucket ${check.bucket} is ${check.effectivePublicAccess}${shared}`, () => checkBucketSummary(check));
      const types = check.findings.map((f) => f.type.split("/")[1]).join(", ") || "none";
      test(check.findingsBug)(`bucket ${check.bucket} has exactly the posture and exposure findings: ${types}`, () => checkBucketFindings(check));
    }
    for (const check of scenario.exposures ?? []) {
      test(check.knownBug)(`${check.type} on ${check.bucket} names ${check.principals.join(", ")}`, () => checkExposure(check));
    }
    for (const check of scenario.reach ?? []) {
      test(check.knownBug)(`sensitiveDataReach(${check.category}) lists ${check.principal} as ${check.exposure}`, () => checkReach(check));
    }
  });
}
