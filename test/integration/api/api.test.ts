/**
 * The GraphQL API over a real Neo4j and a real Temporal: a small access graph (see fixture.ts) and the exact answers
 * the API must give about it.
 */
import "reflect-metadata";
import type { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { connectGraph, type Graph } from "../../../graph/driver.js";
import { createApiServer, createRequestContext, startApiServer, type ApiContext, type ApiDeps } from "../../../schema/server.js";
import { AuditClient } from "../../../workflows/client.js";
import { deleteFixture, newFixture, writeFixture, type Fixture } from "./fixture.js";

const config = loadConfig();
const fx: Fixture = newFixture();
let graph: Graph;
let audits: AuditClient;
let deps: ApiDeps;
let server: ApolloServer<ApiContext>;

beforeAll(async () => {
  graph = await connectGraph(config.neo4j);
  audits = await AuditClient.connect(config.temporal);
  deps = { graph, audits };
  await writeFixture(graph, fx);
  server = await createApiServer(deps);
});

afterAll(async () => {
  await deleteFixture(graph, fx);
  await server?.stop();
  await audits?.close();
  await graph?.close();
});

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await server.executeOperation<T>({ query: text, variables }, { contextValue: createRequestContext(deps) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return response.body.singleResult.data as T;
}

const PATH_FIELDS = `principal { arn kind } level actions conditional conditions deniedWhen path { arn } hops { from to kind conditional via { policyId sid index effect source } }`;

describe("buckets", () => {
  it("pages the filtered buckets by name, with totals and per-bucket object summaries", async () => {
    const text = `query($filter: BucketFilter, $after: String) {
      buckets(filter: $filter, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { name effectivePublicAccess encryptionType sensitivityScore objects { objectCount totalSizeInBytes classified unclassifiable withSensitiveFindings } }
      }
    }`;
    type Result = { buckets: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] } };
    const first = await query<Result>(text, { filter: { nameContains: `SL-${fx.accountId}` } });
    expect(first.buckets.totalCount).toBe(3);
    expect(first.buckets.pageInfo.hasNextPage).toBe(true);
    expect(first.buckets.nodes).toEqual([
      {
        name: fx.bucket.logs,
        effectivePublicAccess: "NOT_PUBLIC",
        encryptionType: "AES256",
        sensitivityScore: 1,
        objects: { objectCount: 0, totalSizeInBytes: 0, classified: 0, unclassifiable: 0, withSensitiveFindings: 0 },
      },
      {
        name: fx.bucket.payments,
        effectivePublicAccess: "NOT_PUBLIC",
        encryptionType: "aws:kms",
        sensitivityScore: 80,
        objects: { objectCount: 2, totalSizeInBytes: 3000, classified: 2, unclassifiable: 0, withSensitiveFindings: 2 },
      },
    ]);
    const second = await query<Result>(text, {
      filter: { nameContains: `sl-${fx.accountId}` },
      after: first.buckets.pageInfo.endCursor,
    });
    expect(second.buckets).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      nodes: [
        {
          name: fx.bucket.publicSite,
          effectivePublicAccess: "PUBLIC",
          encryptionType: "NONE",
          sensitivityScore: 40,
          objects: { objectCount: 2, totalSizeInBytes: 700, classified: 1, unclassifiable: 1, withSensitiveFindings: 1 },
        },
      ],
    });
  });

  it("filters on public access, encryption, score and sensitive findings", async () => {
    const names = async (filter: Record<string, unknown>) =>
      (
        await query<{ buckets: { nodes: { name: string }[] } }>(
          `query($filter: BucketFilter) { buckets(filter: $filter) { nodes { name } } }`,
          { filter: { nameContains: fx.accountId, ...filter } },
        )
      ).buckets.nodes.map((b) => b.name);
    expect(await names({ effectivePublicAccess: "PUBLIC" })).toEqual([fx.bucket.publicSite]);
    expect(await names({ encryptionType: "aws:kms" })).toEqual([fx.bucket.payments]);
    expect(await names({ minSensitivityScore: 40 })).toEqual([fx.bucket.payments, fx.bucket.publicSite]);
    expect(await names({ hasSensitiveFindings: true })).toEqual([fx.bucket.payments, fx.bucket.publicSite]);
    expect(await names({ hasSensitiveFindings: false })).toEqual([fx.bucket.logs]);
  });

  it("bucket(name) returns posture, object summary and findings, most severe first", async () => {
    const data = await query<{ bucket: unknown }>(
      `query($name: String!) { bucket(name: $name) {
        arn createdAt publicAccessBlock { blockPublicAcls restrictPublicBuckets }
        objects { objectCount withSensitiveFindings }
        findings { findingId type severity category objectKey detections { type category count severity } }
      } }`,
      { name: fx.bucket.publicSite },
    );
    expect(data.bucket).toEqual({
      arn: fx.arn.publicSite,
      createdAt: null,
      publicAccessBlock: null,
      objects: { objectCount: 2, withSensitiveFindings: 1 },
      findings: [
        {
          findingId: `${fx.arn.publicSite}#Policy:IAMUser/S3BucketPublic`,
          type: "Policy:IAMUser/S3BucketPublic",
          severity: "HIGH",
          category: "POLICY",
          objectKey: null,
          detections: [],
        },
        {
          findingId: `${fx.arn.publicSite}/contacts.csv#SensitiveData:S3Object/Personal`,
          type: "SensitiveData:S3Object/Personal",
          severity: "MEDIUM",
          category: "CLASSIFICATION",
          objectKey: "contacts.csv",
          detections: [{ type: "EMAIL_ADDRESS", category: "PERSONAL", count: 5, severity: "MEDIUM" }],
        },
      ],
    });
    const payments = await query<{ bucket: { createdAt: string; publicAccessBlock: unknown } }>(
      `query($name: String!) { bucket(name: $name) { createdAt publicAccessBlock { blockPublicAcls restrictPublicBuckets } } }`,
      { name: fx.bucket.payments },
    );
    expect(payments.bucket).toEqual({
      createdAt: "2026-01-02T03:04:05.000Z",
      publicAccessBlock: { blockPublicAcls: true, restrictPublicBuckets: true },
    });
  });
});

describe("findings", () => {
  it("pages a bucket's findings by id and filters by detection category", async () => {
    type Result = { findings: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { findingId: string; bucket: string }[] } };
    const text = `query($filter: FindingFilter, $after: String) {
      findings(filter: $filter, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { findingId bucket } }
    }`;
    const first = await query<Result>(text, { filter: { bucket: fx.bucket.payments } });
    expect(first.findings.totalCount).toBe(2);
    expect(first.findings.pageInfo.hasNextPage).toBe(true);
    expect(first.findings.nodes).toEqual([
      { findingId: `${fx.arn.payments}/cards.csv#SensitiveData:S3Object/Financial`, bucket: fx.bucket.payments },
    ]);
    const second = await query<Result>(text, { filter: { bucket: fx.bucket.payments }, after: first.findings.pageInfo.endCursor });
    expect(second.findings.pageInfo.hasNextPage).toBe(false);
    expect(second.findings.nodes).toEqual([
      { findingId: `${fx.arn.payments}/people.json#SensitiveData:S3Object/Multiple`, bucket: fx.bucket.payments },
    ]);
    const personal = await query<Result>(text, { filter: { bucket: fx.bucket.payments, category: "PERSONAL" } });
    expect(personal.findings.totalCount).toBe(1);
    expect(personal.findings.nodes.map((f) => f.findingId)).toEqual([
      `${fx.arn.payments}/people.json#SensitiveData:S3Object/Multiple`,
    ]);
    const posture = await query<Result>(text, { filter: { bucket: fx.bucket.publicSite, type: "Policy:IAMUser/S3BucketPublic" } });
    expect(posture.findings.totalCount).toBe(1);
  });
});

describe("principals", () => {
  it("lists an account's principals by ARN and filters by kind", async () => {
    const data = await query<{ all: { totalCount: number; nodes: { arn: string; kind: string }[] }; roles: { nodes: { name: string }[] } }>(
      `query($account: String!) {
        all: principals(filter: { accountId: $account }) { totalCount nodes { arn kind } }
        roles: principals(filter: { accountId: $account, kind: Role }) { nodes { name } }
      }`,
      { account: fx.accountId },
    );
    expect(data.all).toEqual({
      totalCount: 4,
      nodes: [
        { arn: fx.arn.admin, kind: "Role" },
        { arn: fx.arn.reader, kind: "Role" },
        { arn: fx.arn.alice, kind: "User" },
        { arn: fx.arn.bob, kind: "User" },
      ],
    });
    expect(data.roles.nodes).toEqual([{ name: "admin" }, { name: "reader" }]);
  });
});

describe("whoCanAccess", () => {
  it("returns direct grants and role chains up to maxHops, each hop with its statements", async () => {
    const data = await query<{ whoCanAccess: unknown[] }>(
      `query($bucket: String!) { whoCanAccess(bucket: $bucket) { ${PATH_FIELDS} } }`,
      { bucket: fx.bucket.payments },
    );
    const readHop = (from: string) => ({
      from,
      to: fx.arn.payments,
      kind: "CAN_ACCESS",
      conditional: false,
      via: [{ policyId: fx.arn.readPolicy, sid: "ReadPayments", index: 0, effect: "Allow", source: "identity" }],
    });
    const trustHop = (from: string, to: string, conditional = false) => ({
      from,
      to,
      kind: "CAN_ASSUME",
      conditional,
      via: [{ policyId: `${to}#trust`, sid: "Trust", index: 0, effect: "Allow", source: "trust" }],
    });
    const readActions = ["s3:GetObject", "s3:GetObjectVersion"];
    expect(data.whoCanAccess).toEqual([
      {
        principal: { arn: fx.arn.reader, kind: "Role" },
        level: "READ",
        actions: readActions,
        conditional: false,
        conditions: [],
        deniedWhen: [],
        path: [{ arn: fx.arn.reader }, { arn: fx.arn.payments }],
        hops: [readHop(fx.arn.reader)],
      },
      {
        principal: { arn: fx.arn.externalRoot, kind: "ExternalAccount" },
        level: "READ",
        actions: ["s3:GetObject"],
        conditional: false,
        conditions: [],
        deniedWhen: [{ Bool: { "aws:SecureTransport": "false" } }],
        path: [{ arn: fx.arn.externalRoot }, { arn: fx.arn.payments }],
        hops: [
          {
            from: fx.arn.externalRoot,
            to: fx.arn.payments,
            kind: "CAN_ACCESS",
            conditional: false,
            via: [{ policyId: `${fx.arn.payments}#policy`, sid: "CrossAccount", index: 0, effect: "Allow", source: "bucket-policy" }],
          },
        ],
      },
      {
        principal: { arn: fx.arn.admin, kind: "Role" },
        level: "READ",
        actions: readActions,
        conditional: false,
        conditions: [],
        deniedWhen: [],
        path: [{ arn: fx.arn.admin }, { arn: fx.arn.reader }, { arn: fx.arn.payments }],
        hops: [trustHop(fx.arn.admin, fx.arn.reader), readHop(fx.arn.reader)],
      },
      {
        principal: { arn: fx.arn.alice, kind: "User" },
        level: "READ",
        actions: readActions,
        conditional: true,
        conditions: [{ Bool: { "aws:MultiFactorAuthPresent": "true" } }],
        deniedWhen: [],
        path: [{ arn: fx.arn.alice }, { arn: fx.arn.reader }, { arn: fx.arn.payments }],
        hops: [trustHop(fx.arn.alice, fx.arn.reader, true), readHop(fx.arn.reader)],
      },
      {
        principal: { arn: fx.arn.bob, kind: "User" },
        level: "READ",
        actions: readActions,
        conditional: false,
        conditions: [],
        deniedWhen: [],
        path: [{ arn: fx.arn.bob }, { arn: fx.arn.admin }, { arn: fx.arn.reader }, { arn: fx.arn.payments }],
        hops: [trustHop(fx.arn.bob, fx.arn.admin), trustHop(fx.arn.admin, fx.arn.reader), readHop(fx.arn.reader)],
      },
    ]);
  });

  it("matches actions case-insensitively, accepts a level name, and stops at maxHops", async () => {
    const principals = async (action: string, maxHops: number) =>
      (
        await query<{ whoCanAccess: { principal: { arn: string } }[] }>(
          `query($bucket: String!, $action: String!, $maxHops: Int!) { whoCanAccess(bucket: $bucket, action: $action, maxHops: $maxHops) { principal { arn } } }`,
          { bucket: fx.bucket.payments, action, maxHops },
        )
      ).whoCanAccess.map((p) => p.principal.arn);
    expect(await principals("S3:PUTOBJECT", 4)).toEqual([fx.arn.alice]);
    expect(await principals("READ", 1)).toEqual([fx.arn.reader, fx.arn.externalRoot, fx.arn.admin, fx.arn.alice]);
    expect(await principals("s3:GetObjectVersion", 0)).toEqual([fx.arn.reader]);
    expect(await principals("s3:DeleteObject", 4)).toEqual([]);
  });
});

describe("sensitiveDataReach", () => {
  type Reach = {
    sensitiveDataReach: {
      principal: { arn: string };
      exposure: string;
      findingCount: number;
      objectCount: number;
      occurrences: number;
      buckets: { bucket: { name: string }; findingCount: number; occurrences: number; accessPaths: { path: { arn: string }[] }[] }[];
    }[];
  };
  const text = `query($category: Category, $type: String, $minSeverity: Severity) {
    sensitiveDataReach(category: $category, type: $type, minSeverity: $minSeverity) {
      principal { arn } exposure findingCount objectCount occurrences
      buckets { bucket { name } findingCount occurrences accessPaths { path { arn } } }
    }
  }`;
  const mine = (r: Reach) =>
    r.sensitiveDataReach.filter((e) => e.principal.arn.includes(fx.accountId) || e.principal.arn.includes(fx.externalAccountId));

  it("ranks external principals before internal ones, with bucket totals and role-chain paths", async () => {
    const reach = mine(await query<Reach>(text, { category: "FINANCIAL" }));
    const payments = (paths: string[][]) => [
      {
        bucket: { name: fx.bucket.payments },
        findingCount: 2,
        occurrences: 14,
        accessPaths: paths.map((p) => ({ path: [...p, fx.arn.payments].map((arn) => ({ arn })) })),
      },
    ];
    const entry = (arn: string, exposure: string, paths: string[][]) => ({
      principal: { arn },
      exposure,
      findingCount: 2,
      objectCount: 2,
      occurrences: 14,
      buckets: payments(paths),
    });
    expect(reach).toEqual([
      entry(fx.arn.externalRoot, "EXTERNAL_ACCOUNT", [[fx.arn.externalRoot]]),
      entry(fx.arn.admin, "INTERNAL", [[fx.arn.admin, fx.arn.reader]]),
      entry(fx.arn.reader, "INTERNAL", [[fx.arn.reader]]),
      entry(fx.arn.alice, "INTERNAL", [[fx.arn.alice, fx.arn.reader]]),
      entry(fx.arn.bob, "INTERNAL", [[fx.arn.bob, fx.arn.admin, fx.arn.reader]]),
    ]);
  });

  it("puts the public first and narrows by identifier type and severity", async () => {
    const personal = await query<Reach>(text, { category: "PERSONAL" });
    const publicEntry = personal.sensitiveDataReach[0]!;
    expect(publicEntry.principal.arn).toBe("*");
    expect(publicEntry.exposure).toBe("PUBLIC");
    expect(publicEntry.buckets.find((b) => b.bucket.name === fx.bucket.publicSite)).toEqual({
      bucket: { name: fx.bucket.publicSite },
      findingCount: 1,
      occurrences: 5,
      accessPaths: [{ path: [{ arn: "*" }, { arn: fx.arn.publicSite }] }],
    });
    expect(mine(personal).map((e) => [e.principal.arn, e.findingCount, e.occurrences])).toEqual([
      [fx.arn.externalRoot, 1, 3],
      [fx.arn.admin, 1, 3],
      [fx.arn.reader, 1, 3],
      [fx.arn.alice, 1, 3],
      [fx.arn.bob, 1, 3],
    ]);
    const highEmail = await query<Reach>(text, { type: "EMAIL_ADDRESS", minSeverity: "HIGH" });
    expect(highEmail.sensitiveDataReach.flatMap((e) => e.buckets).filter((b) => b.bucket.name.includes(fx.accountId))).toEqual([]);
    const highCards = mine(await query<Reach>(text, { type: "CREDIT_CARD_NUMBER", minSeverity: "HIGH" }));
    expect(highCards.map((e) => [e.principal.arn, e.objectCount, e.occurrences])).toEqual([
      [fx.arn.externalRoot, 1, 12],
      [fx.arn.admin, 1, 12],
      [fx.arn.reader, 1, 12],
      [fx.arn.alice, 1, 12],
      [fx.arn.bob, 1, 12],
    ]);
  });
});

describe("principalReach and chokePoints", () => {
  it("principalReach follows a principal's role chains to every bucket", async () => {
    const data = await query<{ principalReach: unknown }>(
      `query($arn: String!) { principalReach(arn: $arn) {
        principal { arn kind } assumedRoles { arn } sensitiveBucketCount findingCount
        buckets { bucket { name } findingCount objectCount occurrences accessPaths { level path { arn } } }
      } }`,
      { arn: fx.arn.alice },
    );
    expect(data.principalReach).toEqual({
      principal: { arn: fx.arn.alice, kind: "User" },
      assumedRoles: [{ arn: fx.arn.reader }],
      sensitiveBucketCount: 1,
      findingCount: 2,
      buckets: [
        {
          bucket: { name: fx.bucket.payments },
          findingCount: 2,
          objectCount: 2,
          occurrences: 17,
          accessPaths: [
            { level: "WRITE", path: [{ arn: fx.arn.alice }, { arn: fx.arn.payments }] },
            { level: "READ", path: [{ arn: fx.arn.alice }, { arn: fx.arn.reader }, { arn: fx.arn.payments }] },
          ],
        },
      ],
    });
  });

  it("chokePoints counts the paths to sensitive data each role and policy carries", async () => {
    const data = await query<{ chokePoints: { kind: string; id: string; pathCount: number; principalCount: number; bucketCount: number }[] }>(
      `{ chokePoints(limit: 100) { kind id pathCount principalCount bucketCount } }`,
    );
    const mineOnly = data.chokePoints.filter((c) => c.id.includes(fx.accountId));
    expect(mineOnly).toEqual([
      { kind: "POLICY", id: fx.arn.readPolicy, pathCount: 4, principalCount: 4, bucketCount: 1 },
      { kind: "ROLE", id: fx.arn.reader, pathCount: 3, principalCount: 3, bucketCount: 1 },
      { kind: "POLICY", id: `${fx.arn.reader}#trust`, pathCount: 3, principalCount: 3, bucketCount: 1 },
      { kind: "ROLE", id: fx.arn.admin, pathCount: 1, principalCount: 1, bucketCount: 1 },
      { kind: "POLICY", id: `${fx.arn.admin}#trust`, pathCount: 1, principalCount: 1, bucketCount: 1 },
      { kind: "POLICY", id: `${fx.arn.payments}#policy`, pathCount: 1, principalCount: 1, bucketCount: 1 },
      { kind: "POLICY", id: `${fx.arn.publicSite}#policy`, pathCount: 1, principalCount: 1, bucketCount: 1 },
    ]);
  });
});

describe("auditRun and errors", () => {
  it("answers from the graph record when Temporal does not know the run", async () => {
    const data = await query<{ auditRun: unknown }>(
      `query($id: ID!) { auditRun(id: $id) { runId accountId status startedAt finishedAt error progress { phase }
        stats { buckets objects bytes objectsClassified objectsUnclassifiable findings errors } } }`,
      { id: fx.runId },
    );
    expect(data.auditRun).toEqual({
      runId: fx.runId,
      accountId: fx.accountId,
      status: "COMPLETED",
      startedAt: "2026-01-02T03:00:00.000Z",
      finishedAt: "2026-01-02T03:05:00.000Z",
      error: null,
      progress: null,
      stats: { buckets: 3, objects: 4, bytes: 3700, objectsClassified: 3, objectsUnclassifiable: 1, findings: 4, errors: 0 },
    });
  });

  it("reports unknown buckets and runs as NOT_FOUND over HTTP, with status 200 and no stack trace", async () => {
    const api = await startApiServer(deps, { host: "127.0.0.1", port: 0 });
    try {
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query($b: String!) { bucket(name: $b) { name } }`,
          variables: { b: `sl-${fx.accountId}-missing` },
        }),
      });
      const body = (await response.json()) as { data: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(response.status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        {
          message: `Bucket "sl-${fx.accountId}-missing" was not found`,
          locations: [{ line: 1, column: 22 }],
          path: ["bucket"],
          extensions: { code: "NOT_FOUND" },
        },
      ]);
      const run = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ auditRun(id: "audit-${fx.accountId}-missing") { status } }` }),
      });
      const runBody = (await run.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(runBody.errors.map((e) => [e.message, e.extensions.code])).toEqual([
        [`AuditRun "audit-${fx.accountId}-missing" was not found`, "NOT_FOUND"],
      ]);
    } finally {
      await api.stop();
    }
  });
});
