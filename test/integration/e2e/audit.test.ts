/**
 * Sightline end to end on the real stack: moto (S3, IAM) -> Temporal audit workflow run by a real worker process ->
 * Neo4j -> the GraphQL API process. Asserts the demo estate's known answers (services/aws/seed/expected.ts), that a
 * worker killed mid-audit is replaced and the same run completes with the same graph, and that re-auditing an
 * unchanged account changes nothing.
 *
 * It resets moto and wipes Neo4j, so it runs only against the private test stack that `npm test` starts.
 */
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { createAwsClients } from "../../../services/aws/clients.js";
import {
  EXPECTED_ACME_HR_NON_READERS,
  EXPECTED_ACME_HR_READERS,
  EXPECTED_BUCKET_COUNT,
  EXPECTED_KMS_FINANCE_NON_READERS,
  EXPECTED_KMS_FINANCE_READERS,
  EXPECTED_PUBLIC_BUCKETS,
  EXPECTED_SENSITIVE_OBJECTS,
} from "../../../services/aws/seed/expected.js";
import { seedDemoEstate } from "../../../services/aws/seed/index.js";
import { AuditClient } from "../../../workflows/client.js";
import { graphSnapshot, snapshotDiff } from "../../support/graph-snapshot.js";
import { startSightline, waitFor, waitForOutput, type RunningProcess } from "../../support/processes.js";

const config = loadConfig();
const apiPort = 14_000 + Math.floor(Math.random() * 1000);
const apiUrl = `http://127.0.0.1:${apiPort}/`;

let driver: Driver;
let audits: AuditClient;
let worker: RunningProcess;
let api: RunningProcess;
let firstSnapshot: string[];

/** S3 writes server access logs into acme-access-logs for every request to logged buckets, audits included. */
const LIVE_LOG_BUCKET = "acme-access-logs";
const stableSnapshot = async () =>
  (await graphSnapshot(driver)).filter((line) => !line.includes(`"${LIVE_LOG_BUCKET}/`) && !line.includes(`:::${LIVE_LOG_BUCKET}/`));

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

function startWorker(): RunningProcess {
  return startSightline(["worker"], { SIGHTLINE_LOG_LEVEL: "info" });
}

async function wipeGraph(): Promise<void> {
  const session = driver.session();
  try {
    await session.run("MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
  } finally {
    await session.close();
  }
}

async function runAudit(): Promise<string> {
  const { runId } = await audits.start({});
  const final = await audits.wait(runId, undefined, 500);
  expect(final.error).toBeNull();
  expect(final.status).toBe("COMPLETED");
  return runId;
}

beforeAll(async () => {
  if (process.env.SIGHTLINE_TEST_STACK !== "1") {
    throw new Error("this test resets moto and wipes Neo4j: run it through `npm test`, which starts a private test stack");
  }
  const reset = await fetch(`${config.aws.endpointUrl}/moto-api/reset`, { method: "POST" });
  expect(reset.ok).toBe(true);
  driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password));
  await wipeGraph();
  await seedDemoEstate(createAwsClients({ region: config.aws.region, endpointUrl: config.aws.endpointUrl }));
  audits = await AuditClient.connect(config.temporal);
  worker = startWorker();
  api = startSightline(["api"], { SIGHTLINE_API_PORT: String(apiPort) });
  await waitForOutput(worker, (out) => out.includes("worker running"));
  await waitForOutput(api, (out) => out.includes("GraphQL API at"));
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await audits?.close();
  await driver?.close();
});

describe("an audit of the demo estate", () => {
  it("completes and the API answers the estate's known questions exactly", async () => {
    await runAudit();
    firstSnapshot = await stableSnapshot();

    const { buckets } = await gql<{ buckets: { totalCount: number; nodes: { name: string; effectivePublicAccess: string }[] } }>(
      `{ buckets(first: 100) { totalCount nodes { name effectivePublicAccess } } }`,
    );
    expect(buckets.totalCount).toBe(EXPECTED_BUCKET_COUNT);
    const publicBuckets = buckets.nodes.filter((b) => b.effectivePublicAccess === "PUBLIC").map((b) => b.name).sort();
    expect(publicBuckets).toEqual([...EXPECTED_PUBLIC_BUCKETS].sort());

    const { whoCanAccess } = await gql<{ whoCanAccess: { principal: { arn: string; kind: string } }[] }>(
      `{ whoCanAccess(bucket: "acme-hr", action: "s3:GetObject") { principal { arn kind } } }`,
    );
    const readers = new Set(whoCanAccess.map((p) => p.principal.arn));
    for (const expected of EXPECTED_ACME_HR_READERS) expect(readers, expected.how).toContain(expected.principalArn);
    for (const nonReader of EXPECTED_ACME_HR_NON_READERS) expect(readers, nonReader.why).not.toContain(nonReader.principalArn);
    // Nobody outside the account and not the public: acme-hr's readers are all in 123456789012 (or its services).
    for (const arn of readers) expect(arn).toMatch(/^(arn:aws:iam::123456789012:|service:)/);

    // SSE-KMS: the collected key policy of alias/acme-finance denies tom.becker kms:Decrypt, which IAM allows him.
    const kms = await gql<{ whoCanAccess: { principal: { arn: string } }[] }>(
      `{ whoCanAccess(bucket: "acme-kms-finance", action: "s3:GetObject") { principal { arn } } }`,
    );
    const kmsReaders = new Set(kms.whoCanAccess.map((p) => p.principal.arn));
    for (const arn of EXPECTED_KMS_FINANCE_READERS) expect(kmsReaders).toContain(arn);
    for (const nonReader of EXPECTED_KMS_FINANCE_NON_READERS) expect(kmsReaders, nonReader.why).not.toContain(nonReader.principalArn);
  });

  it("explains a request through an access point: its policy allows, the bucket side does not", async () => {
    type Explanation = { decision: string; steps: { source: string; sid: string | null; outcome: string }[] };
    const explain = async (key: string, accessPoint: string | null) =>
      (
        await gql<{ explainAccess: Explanation }>(
          `query($key: String, $accessPoint: String) { explainAccess(principal: "arn:aws:iam::123456789012:role/acme-analytics-gateway",
             bucket: "acme-data-lake", action: "s3:GetObject", key: $key, accessPoint: $accessPoint) {
             decision steps { source sid outcome } } }`,
          { key, accessPoint },
        )
      ).explainAccess;
    // The access point policy allows the gateway role on exports/*; acme-data-lake has no bucket policy delegating to
    // access points and the role has no S3 permission of its own, so AWS denies (both sides must allow).
    const viaAccessPoint = await explain("exports/crm/customers-2024-03.csv", "acme-data-lake-analytics");
    expect(viaAccessPoint.decision).toBe("IMPLICIT_DENY");
    expect(viaAccessPoint.steps).toContainEqual({ source: "access-point-policy", sid: "AnalyticsGatewayReadsExports", outcome: "ALLOW" });
    // Outside exports/ the access point policy does not apply; asked directly of the bucket, it never appears.
    const outsidePrefix = await explain("raw/signups/signups-2024-02.jsonl", "acme-data-lake-analytics");
    expect(outsidePrefix.steps.filter((t) => t.source === "access-point-policy" && t.outcome === "ALLOW")).toEqual([]);
    const direct = await explain("exports/crm/customers-2024-03.csv", null);
    expect(direct.decision).toBe("IMPLICIT_DENY");
    expect(direct.steps.filter((t) => t.source === "access-point-policy")).toEqual([]);
    // An access point of another bucket is refused, not silently ignored.
    const response = await fetch(apiUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ explainAccess(principal: "*", bucket: "acme-hr", accessPoint: "acme-data-lake-analytics") { decision } }`,
      }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("raises sensitive-data findings on exactly the objects that hold sensitive data", async () => {
    const found = new Map<string, Set<string>>();
    let after: string | null = null;
    for (;;) {
      const page: { findings: { nodes: { bucket: string; objectKey: string | null; detections: { type: string }[] }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await gql(
          `query($after: String) { findings(first: 100, after: $after) {
             nodes { bucket objectKey detections { type } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
      for (const f of page.findings.nodes) {
        if (f.objectKey === null || f.bucket === LIVE_LOG_BUCKET) continue;
        found.set(`${f.bucket}/${f.objectKey}`, new Set(f.detections.map((d) => d.type)));
      }
      if (!page.findings.pageInfo.hasNextPage) break;
      after = page.findings.pageInfo.endCursor;
    }
    for (const object of EXPECTED_SENSITIVE_OBJECTS) {
      const types = found.get(`${object.bucket}/${object.key}`);
      expect(types, `${object.bucket}/${object.key} should have findings`).toBeDefined();
      for (const t of object.types) {
        const hit = [...types!].some((found) => found === t || (t === "PHONE_NUMBER" && found.includes("PHONE_NUMBER")) || (t === "AWS_CREDENTIALS" && found.startsWith("AWS_")));
        expect(hit, `${object.bucket}/${object.key} should show ${t}, has ${[...types!].join(", ")}`).toBe(true);
      }
    }
  });

  it("finishes the same run with the same graph when its worker is killed mid-audit", async () => {
    await wipeGraph();
    const { runId } = await audits.start({});
    // Wait until classification is under way, then kill the worker as a crash would (no graceful shutdown).
    await waitFor(async () => {
      const s = await audits.status(runId);
      return (s.progress?.stats.objectsClassified ?? 0) > 20 ? true : undefined;
    }, "classification to start", 300_000, 200);
    await worker.stop("SIGKILL");
    worker = startWorker();
    await waitForOutput(worker, (out) => out.includes("worker running"));
    const final = await audits.wait(runId, undefined, 500);
    expect(final.status).toBe("COMPLETED");
    const snapshot = await stableSnapshot();
    expect(snapshotDiff(firstSnapshot, snapshot)).toEqual([]);
  });

  it("changes nothing when the unchanged account is audited again", async () => {
    const before = await stableSnapshot();
    const runId = await runAudit();
    const after = await stableSnapshot();
    expect(snapshotDiff(before, after)).toEqual([]);
    const { auditRun } = await gql<{ auditRun: { status: string; stats: { objectsClassified: number; buckets: number } } }>(
      `query($id: ID!) { auditRun(id: $id) { status stats { objectsClassified buckets } } }`,
      { id: runId },
    );
    expect(auditRun.status).toBe("COMPLETED");
    expect(auditRun.stats.buckets).toBe(EXPECTED_BUCKET_COUNT);
  });
});
