/**
 * The Apollo server as clients meet it, over its own ports (fake GraphReader, AuditService and logger): typed errors
 * and their codes, nothing internal leaking, limits refusing abusive queries with HTTP 400, per-request batching, and
 * the audit mutation and query. Answers over real data are pinned by test/integration/api.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Neo4jError, error as neo4jErrorCodes } from "neo4j-driver";
import { ServiceUnavailableError } from "../../../services/errors.js";
import { createApiServer, createRequestContext, startApiServer, type ApiDeps, type RunningApi } from "../../../schema/server.js";
import { INTERNAL_ERROR_MESSAGE } from "../../../schema/errors.js";
import { NotFoundError } from "../../../services/errors.js";
import { recordingAudits, recordingLogger, scriptedReader, type ReadCall } from "./fakes.js";

function bucketRow(name: string) {
  return { arn: `arn:aws:s3:::${name}`, name, accountId: "123456789012", effectivePublicAccess: "NOT_PUBLIC", sensitivityScore: 10 };
}

async function run(deps: ApiDeps, query: string, variables: Record<string, unknown> = {}) {
  const server = await createApiServer(deps);
  const response = await server.executeOperation({ query, variables }, { contextValue: createRequestContext(deps) });
  await server.stop();
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { http: response.http, ...response.body.singleResult };
}

function depsWith(respond: (call: ReadCall) => unknown[] | Promise<unknown[]>) {
  const graph = scriptedReader(respond);
  const audits = recordingAudits(async (runId) => {
    throw new NotFoundError("AuditRun", runId);
  });
  const logger = recordingLogger();
  return { graph, audits, logger };
}

describe("typed errors", () => {
  it("NotFoundError becomes NOT_FOUND with its message, path and location", async () => {
    const deps = depsWith(() => []);
    const result = await run(deps, `{ bucket(name: "missing") { name } }`);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      { message: 'Bucket "missing" was not found', locations: [{ line: 1, column: 3 }], path: ["bucket"], extensions: { code: "NOT_FOUND" } },
    ]);
  });

  it("InvalidInputError becomes BAD_USER_INPUT before any graph read", async () => {
    const deps = depsWith(() => []);
    const page = await run(deps, `query($n: Int!) { buckets(first: $n) { totalCount } }`, { n: 501 });
    expect(page.errors?.map((e) => [e.path, e.message, e.extensions])).toEqual([
      [["buckets"], "first: must be an integer from 1 to 500, got 501", { code: "BAD_USER_INPUT" }],
    ]);
    const empty = await run(deps, `{ principals(first: 0) { totalCount } }`);
    expect(empty.errors?.map((e) => e.message)).toEqual(["first: must be an integer from 1 to 500, got 0"]);
    const hops = await run(deps, `{ whoCanAccess(bucket: "b", maxHops: 12) { level } }`);
    expect(hops.errors?.map((e) => [e.path, e.message, e.extensions])).toEqual([
      [["whoCanAccess"], "maxHops: must be an integer from 0 to 8, got 12", { code: "BAD_USER_INPUT" }],
    ]);
    expect(deps.graph.calls).toEqual([]);
  });

  it("a cursor the API did not issue is BAD_USER_INPUT with a hint", async () => {
    const result = await run(depsWith(() => []), `{ findings(after: "garbage") { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      hint: "Pass pageInfo.endCursor from a previous page.",
    });
  });

  it("ServiceUnavailableError keeps its code and hint", async () => {
    const deps = depsWith(() => {
      throw new ServiceUnavailableError("neo4j", "connection refused", "Start Neo4j.");
    });
    const result = await run(deps, `{ principals { totalCount } }`);
    expect(result.errors).toEqual([
      {
        message: "neo4j is unavailable: connection refused",
        locations: [{ line: 1, column: 3 }],
        path: ["principals"],
        extensions: { code: "SERVICE_UNAVAILABLE", hint: "Start Neo4j." },
      },
    ]);
  });

  it("a Neo4j the driver cannot reach is SERVICE_UNAVAILABLE with the stack's start-up hint", async () => {
    const deps = depsWith(() => {
      throw new Neo4jError("Could not perform discovery. No routing servers available.", neo4jErrorCodes.SERVICE_UNAVAILABLE, "08000", "connection exception");
    });
    const result = await run(deps, `{ buckets { totalCount } }`);
    expect(result.errors?.map((e) => [e.message, e.extensions])).toEqual([
      [
        "neo4j is unavailable: Could not perform discovery. No routing servers available.",
        {
          code: "SERVICE_UNAVAILABLE",
          hint: "Start the local stack with `sightline stack up` (or check the address in your configuration).",
        },
      ],
    ]);
    expect(deps.logger.entries).toEqual([]);
  });

  it("an unexpected error is logged in full and reaches the client only as INTERNAL_SERVER_ERROR", async () => {
    const deps = depsWith(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret') at /srv/sightline/graph.ts:42");
    });
    const result = await run(deps, `{ bucket(name: "b") { name } }`);
    expect(result.errors).toEqual([
      { message: INTERNAL_ERROR_MESSAGE, locations: [{ line: 1, column: 3 }], path: ["bucket"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
    ]);
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(deps.logger.entries).toHaveLength(1);
    expect(deps.logger.entries[0]!.details).toMatchObject({
      err: { name: "TypeError", message: expect.stringContaining("reading 'secret'"), stack: expect.stringContaining("TypeError") },
      path: ["bucket"],
    });
  });
});

describe("per-request batching", () => {
  it("loads every listed bucket's objects summary and findings with one UNWIND query each", async () => {
    const deps = depsWith(({ cypher, params }) => {
      if (cypher.startsWith("MATCH (:Account)-[:OWNS]->(b:Bucket)\nWITH count(*)")) {
        return [{ totalCount: 3, nodes: ["a", "b", "c"].map(bucketRow) }];
      }
      if (cypher.includes("OPTIONAL MATCH (:Bucket {arn: bucketArn})-[:CONTAINS]->(o:Object)")) {
        return (params.bucketArns as string[]).map((bucketArn, i) => ({
          bucketArn,
          objectCount: i + 1,
          totalSizeInBytes: 5_000_000_000,
          classified: i,
          unclassifiable: 0,
          withSensitiveFindings: 0,
        }));
      }
      if (cypher.includes("CALL (b)")) {
        return [{ bucketArn: "arn:aws:s3:::b", findings: [{ findingId: "f1", type: "Policy:IAMUser/S3BucketPublic", severity: "HIGH", category: "POLICY", resourceArn: "arn:aws:s3:::b", bucket: "b", objectKey: null, detections: [] }] }];
      }
      throw new Error(`unexpected query ${cypher}`);
    });
    const result = await run(deps, `{ buckets { totalCount nodes { name objects { objectCount totalSizeInBytes } findings { findingId severity } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      buckets: {
        totalCount: 3,
        nodes: [
          { name: "a", objects: { objectCount: 1, totalSizeInBytes: 5_000_000_000 }, findings: [] },
          { name: "b", objects: { objectCount: 2, totalSizeInBytes: 5_000_000_000 }, findings: [{ findingId: "f1", severity: "HIGH" }] },
          { name: "c", objects: { objectCount: 3, totalSizeInBytes: 5_000_000_000 }, findings: [] },
        ],
      },
    });
    expect(deps.graph.calls).toHaveLength(3);
    const arns = ["arn:aws:s3:::a", "arn:aws:s3:::b", "arn:aws:s3:::c"];
    expect(deps.graph.calls[1]!.params).toEqual({ bucketArns: arns });
    expect(deps.graph.calls[2]!.params).toEqual({ bucketArns: arns, perBucketLimit: 100 });
  });
});

describe("audits", () => {
  it("startAudit passes the input to the AuditService and returns its run id", async () => {
    const deps = depsWith(() => []);
    const result = await run(deps, `mutation { startAudit(input: { accountId: "123456789012", buckets: ["b1"], classify: false }) { runId } }`);
    expect(result.data).toEqual({ startAudit: { runId: "audit-test-1" } });
    expect(deps.audits.started).toEqual([{ accountId: "123456789012", buckets: ["b1"], classify: false }]);
  });

  it("startAudit refuses a malformed account id without starting anything", async () => {
    const deps = depsWith(() => []);
    const result = await run(deps, `mutation { startAudit(input: { accountId: "12345" }) { runId } }`);
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['input.accountId: must be a 12-digit AWS account id, got "12345"', "BAD_USER_INPUT"],
    ]);
    expect(deps.audits.started).toEqual([]);
  });

  it("auditRun shows Temporal's live status and progress before the graph has a record", async () => {
    const deps = {
      ...depsWith(() => []),
      audits: recordingAudits(async (runId) => ({
        runId,
        status: "RUNNING",
        startedAt: "2026-11-26T09:00:00.000Z",
        finishedAt: null,
        progress: {
          phase: "CLASSIFYING",
          bucketsTotal: 4,
          bucketsDone: 1,
          currentBuckets: ["b2"],
          stats: { accountId: "123456789012", buckets: 4, bucketsWithErrors: 0, principals: 7, objects: 100, bytes: 4096, objectsClassified: 10, objectsUnchanged: 0, objectsUnclassifiable: 2, sensitiveObjects: 3, accessGrants: 9, postureFindings: 1, errors: 0 },
        },
        stats: null,
        error: null,
      })),
    };
    const result = await run(deps, `{ auditRun(id: "audit-1") { runId accountId status startedAt finishedAt progress { phase bucketsDone bucketsTotal currentBuckets } stats { objects objectsClassified findings errors } } }`);
    expect(result.data).toEqual({
      auditRun: {
        runId: "audit-1",
        accountId: "123456789012",
        status: "RUNNING",
        startedAt: "2026-11-26T09:00:00.000Z",
        finishedAt: null,
        progress: { phase: "CLASSIFYING", bucketsDone: 1, bucketsTotal: 4, currentBuckets: ["b2"] },
        stats: { objects: 100, objectsClassified: 10, findings: 4, errors: 0 },
      },
    });
  });

  it("auditRun is NOT_FOUND when neither Temporal nor the graph knows the run", async () => {
    const result = await run(depsWith(() => []), `{ auditRun(id: "nope") { status } }`);
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['AuditRun "nope" was not found', "NOT_FOUND"]]);
  });
});

describe("over HTTP", () => {
  let api: RunningApi;
  const deps = depsWith(() => []);
  beforeAll(async () => {
    api = await startApiServer(deps, { host: "127.0.0.1", port: 0 });
  });
  afterAll(() => api.stop());

  async function post(body: unknown) {
    const response = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
  }
  const summary = (r: Awaited<ReturnType<typeof post>>) => [r.status, r.body.errors?.map((e) => [e.extensions.code, e.message])];

  it("answers valid queries with 200, including a full page of names", async () => {
    expect(await post({ query: "{ sensitiveDataReach(category: PERSONAL) { exposure } }" })).toEqual({
      status: 200,
      body: { data: { sensitiveDataReach: [] } },
    });
    const page = await post({ query: "{ buckets(first: 500) { totalCount nodes { name } } }" });
    expect(page).toEqual({ status: 200, body: { data: { buckets: { totalCount: 0, nodes: [] } } } });
  });

  it("refuses syntax errors, unknown fields and bad variables with 400 and a clear message", async () => {
    expect(summary(await post({ query: "{ buckets { nodes { name " }))).toEqual([
      400,
      [["GRAPHQL_PARSE_FAILED", "Syntax Error: Expected Name, found <EOF>."]],
    ]);
    expect(summary(await post({ query: "{ bucket(name: \"b\") { nmae } }" }))).toEqual([
      400,
      [["GRAPHQL_VALIDATION_FAILED", 'Cannot query field "nmae" on type "Bucket". Did you mean "name"?']],
    ]);
    expect(summary(await post({ query: "query($h: Int!) { whoCanAccess(bucket: \"b\", maxHops: $h) { level } }", variables: { h: "four" } }))).toEqual([
      400,
      [["BAD_USER_INPUT", 'Variable "$h" got invalid value "four"; Int cannot represent non-integer value: "four"']],
    ]);
  });

  it("refuses queries over the token, alias, depth and cost limits with 400, before any resolver runs", async () => {
    const readsBefore = deps.graph.calls.length;
    const tokens = await post({ query: `{ buckets { nodes { ${"name ".repeat(2001)} } } }` });
    expect(summary(tokens)).toEqual([
      400,
      [["GRAPHQL_PARSE_FAILED", "Syntax Error: Document contains more that 2000 tokens. Parsing aborted."]],
    ]);
    const aliases = await post({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: bucket(name: "b") { name }`).join(" ")} }` });
    expect(summary(aliases)).toEqual([400, [["GRAPHQL_VALIDATION_FAILED", "Syntax Error: Aliases limit of 15 exceeded, found 16."]]]);
    const deep = await post({ query: "{ a { b { c { d { e { f { g { h { i } } } } } } } } }" });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.map((e) => e.message)).toContain("Syntax Error: Query depth limit of 8 exceeded, found 9.");
    const costly = await post({
      query: "{ buckets(first: 500) { nodes { name arn objects { objectCount } findings { findingId detections { type count } } } } }",
    });
    expect(summary(costly)).toEqual([
      400,
      [["GRAPHQL_VALIDATION_FAILED", "Syntax Error: Query Cost limit of 5000 exceeded, found 21062.5."]],
    ]);
    expect(deps.graph.calls.length).toBe(readsBefore);
  });
});
