/**
 * Custom data identifiers, allow lists and sample reveal through GraphQL, over fakes of the API's own ports: what is
 * validated before anything is written, what is written, and how reveal is guarded. Neo4j round trips are pinned by
 * test/integration/api/custom-data.test.ts.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { createApiServer, createRequestContext, type ApiDeps } from "../../../schema/server.js";
import type { GraphWriter, RevealInput, SampleGroup, SampleService } from "../../../schema/ports.js";
import { NotFoundError } from "../../../services/errors.js";
import { recordingAudits, recordingLogger, scriptedReader, type ReadCall } from "./fakes.js";

interface WriteCall {
  cypher: string;
  params: Record<string, unknown>;
}

function recordingWriter(rows: (call: WriteCall) => Record<string, unknown>[]): GraphWriter & { calls: WriteCall[] } {
  const calls: WriteCall[] = [];
  return {
    calls,
    async write<Row>(cypher: string, params: Record<string, unknown>) {
      calls.push({ cypher, params });
      return { rows: rows({ cypher, params }) as Row[] };
    },
  };
}

function fakeSamples(groups: SampleGroup[]): SampleService & { asked: RevealInput[] } {
  const asked: RevealInput[] = [];
  return { asked, reveal: async (input) => (asked.push(input), groups) };
}

function depsWith(options: { read?: (call: ReadCall) => unknown[]; samples?: SampleService; allowClearSamples?: boolean } = {}) {
  const writer = recordingWriter(({ cypher }) => (cypher.includes("DELETE") ? [{ deleted: 0 }] : [{ createdAt: "2026-11-26T10:00:00.000Z" }]));
  const deps = {
    graph: scriptedReader(options.read ?? (() => [])),
    audits: recordingAudits(async (runId) => {
      throw new NotFoundError("AuditRun", runId);
    }),
    logger: recordingLogger(),
    writer,
    ...(options.samples ? { samples: options.samples } : {}),
    ...(options.allowClearSamples !== undefined ? { allowClearSamples: options.allowClearSamples } : {}),
  } satisfies ApiDeps;
  return deps;
}

async function run(deps: ApiDeps, query: string, variables: Record<string, unknown> = {}) {
  const server = await createApiServer(deps);
  const response = await server.executeOperation({ query, variables }, { contextValue: createRequestContext(deps) });
  await server.stop();
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

const CREATE = `mutation($input: CreateCustomDataIdentifierInput!) {
  createCustomDataIdentifier(input: $input) { id name regex keywords ignoreWords maximumMatchDistance severityLevels { occurrencesThreshold severity } createdAt }
}`;

describe("createCustomDataIdentifier", () => {
  it("stores the definition under the slug of its name, with Macie's defaults", async () => {
    const deps = depsWith();
    const result = await run(deps, CREATE, { input: { name: "Employee ID", regex: "EMP-[0-9]{6}", keywords: ["employee"] } });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      createCustomDataIdentifier: {
        id: "employee-id",
        name: "Employee ID",
        regex: "EMP-[0-9]{6}",
        keywords: ["employee"],
        ignoreWords: [],
        maximumMatchDistance: 50,
        severityLevels: [{ occurrencesThreshold: 1, severity: "MEDIUM" }],
        createdAt: "2026-11-26T10:00:00.000Z",
      },
    });
    expect(deps.writer.calls).toHaveLength(1);
    expect(deps.writer.calls[0]!.cypher).toContain("MERGE (c:CustomDataIdentifier {id: $id})");
    expect(deps.writer.calls[0]!.params).toMatchObject({
      id: "employee-id",
      name: "Employee ID",
      description: null,
      definitionJson:
        '{"ignoreWords":[],"keywords":["employee"],"maximumMatchDistance":50,"regex":"EMP-[0-9]{6}","severityLevels":[{"occurrencesThreshold":1,"severity":"MEDIUM"}]}',
    });
  });

  it.each([
    ["a backreference", "(a)\\1", "input.regex: is not a supported regular expression"],
    ["a lookahead", "foo(?=bar)", "input.regex: is not a supported regular expression"],
    ["bad syntax", "[a-", "input.regex: is not a supported regular expression"],
    ["a pattern over 512 characters", "a".repeat(513), "input.regex: is 513 characters; at most 512"],
    ["a pattern matching the empty string", "a*", "input.regex: must not match the empty string"],
  ])("refuses %s with BAD_USER_INPUT naming the field, and stores nothing", async (_what, regex, message) => {
    const deps = depsWith();
    const result = await run(deps, CREATE, { input: { name: "Hostile", regex } });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message.startsWith(message)).toBe(true);
    expect(result.errors![0]!.extensions?.code).toBe("BAD_USER_INPUT");
    expect(deps.writer.calls).toEqual([]);
  });

  it("names nested fields under input", async () => {
    const deps = depsWith();
    const result = await run(deps, CREATE, { input: { name: "X", regex: "x[0-9]", keywords: ["ab"], maximumMatchDistance: 301 } });
    expect(result.errors?.map((e) => e.message)).toEqual(["input.keywords[0]: must be 3-90 characters (got 2)"]);
    const distance = await run(deps, CREATE, { input: { name: "X", regex: "x[0-9]", maximumMatchDistance: 301 } });
    expect(distance.errors?.map((e) => e.message)).toEqual(["input.maximumMatchDistance: must be an integer from 1 to 300 (got 301)"]);
    expect(deps.writer.calls).toEqual([]);
  });

  it("is SERVICE_UNAVAILABLE on a server without a graph writer", async () => {
    const { writer: _writer, ...deps } = depsWith();
    const result = await run(deps, CREATE, { input: { name: "X", regex: "x[0-9]" } });
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ["neo4j is unavailable: this API server was started without write access to the graph", "SERVICE_UNAVAILABLE"],
    ]);
  });
});

describe("testCustomDataIdentifier", () => {
  it("reports the matches the identifier would report, keyword rule included, without writing", async () => {
    const deps = depsWith();
    const result = await run(
      deps,
      `query($input: CreateCustomDataIdentifierInput!, $text: String!) {
        testCustomDataIdentifier(input: $input, sampleText: $text) { matchCount matches { value location { line column } } }
      }`,
      { input: { name: "Employee", regex: "EMP-[0-9]{6}", keywords: ["employee"], ignoreWords: ["EMP-000000"] }, text: `employee EMP-123456 EMP-000000\n${"x".repeat(60)} EMP-654321` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      testCustomDataIdentifier: { matchCount: 1, matches: [{ value: "EMP-123456", location: { line: 1, column: 10 } }] },
    });
    expect(deps.writer.calls).toEqual([]);
  });
});

describe("allow lists", () => {
  const CREATE_LIST = `mutation($input: CreateAllowListInput!) { createAllowList(input: $input) { id kind literals regex } }`;

  it("stores literal entries trimmed, without blanks", async () => {
    const deps = depsWith();
    const result = await run(deps, CREATE_LIST, { input: { name: "Test cards", literals: [" 4111111111111111 ", "", "sample"] } });
    expect(result.data).toEqual({ createAllowList: { id: "test-cards", kind: "LITERAL", literals: ["4111111111111111", "sample"], regex: null } });
    expect(deps.writer.calls[0]!.params).toMatchObject({ id: "test-cards", kind: "literal", definitionJson: '{"entries":["4111111111111111","sample"],"kind":"literal"}' });
  });

  it("wants exactly one of literals and regex, and a regex RE2 accepts", async () => {
    const deps = depsWith();
    const both = await run(deps, CREATE_LIST, { input: { name: "L", literals: ["a"], regex: "a" } });
    const neither = await run(deps, CREATE_LIST, { input: { name: "L" } });
    const hostile = await run(deps, CREATE_LIST, { input: { name: "L", regex: "(?<=x)y" } });
    expect([both, neither, hostile].map((r) => [r.errors?.[0]?.message.split(":").slice(0, 2).join(":"), r.errors?.[0]?.extensions?.code])).toEqual([
      ["input: give exactly one of literals and regex", "BAD_USER_INPUT"],
      ["input: give exactly one of literals and regex", "BAD_USER_INPUT"],
      ["input.regex: is not a supported regular expression", "BAD_USER_INPUT"],
    ]);
    expect(deps.writer.calls).toEqual([]);
  });

  it("lists stored lists and deletes by id, NOT_FOUND when absent", async () => {
    const deps = depsWith({
      read: ({ cypher }) =>
        cypher.includes("AllowList")
          ? [{ id: "internal", name: "Internal", description: null, definitionJson: '{"kind":"regex","regex":"[a-z]+@corp\\\\.example"}', createdAt: null }]
          : [],
    });
    const listed = await run(deps, `{ allowLists { id name kind literals regex } }`);
    expect(listed.data).toEqual({ allowLists: [{ id: "internal", name: "Internal", kind: "REGEX", literals: null, regex: "[a-z]+@corp\\.example" }] });
    const deleted = await run(deps, `mutation { deleteAllowList(id: "internal") }`);
    expect(deleted.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['AllowList "internal" was not found', "NOT_FOUND"]]);
    expect(deps.writer.calls.map((c) => c.params)).toEqual([{ id: "internal" }]);
  });
});

describe("revealSamples", () => {
  const REVEAL = `query($id: String!, $clear: Boolean) { revealSamples(findingId: $id, clear: $clear) { type samples { value location { kind row column } } } }`;
  const findingId = "arn:aws:s3:::b/people.csv#SensitiveData:S3Object/Financial";
  const group: SampleGroup = {
    type: "CREDIT_CARD_NUMBER",
    samples: [
      {
        value: "************6467",
        location: { kind: "cell", line: null, column: 2, row: 2, columnName: "card", sheet: null, recordIndex: null, jsonPath: null, pageNumber: null, member: null },
      },
    ],
  };
  const read = ({ params }: ReadCall) => (params.findingId === findingId ? [{ bucket: "b", key: "people.csv", types: ["CREDIT_CARD_NUMBER"] }] : []);

  it("asks the sample service for the finding's object and types, masked by default", async () => {
    const samples = fakeSamples([group]);
    const result = await run(depsWith({ read, samples }), REVEAL, { id: findingId });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      revealSamples: [{ type: "CREDIT_CARD_NUMBER", samples: [{ value: "************6467", location: { kind: "cell", row: 2, column: 2 } }] }],
    });
    expect(samples.asked).toEqual([{ bucket: "b", key: "people.csv", types: ["CREDIT_CARD_NUMBER"], max: 10, clear: false }]);
  });

  it("refuses clear samples with FORBIDDEN unless the server allows them", async () => {
    const samples = fakeSamples([group]);
    const refused = await run(depsWith({ read, samples }), REVEAL, { id: findingId, clear: true });
    expect(refused.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([["clear-text samples are not allowed on this server", "FORBIDDEN"]]);
    expect(samples.asked).toEqual([]);
    await run(depsWith({ read, samples, allowClearSamples: true }), REVEAL, { id: findingId, clear: true });
    expect(samples.asked.map((a) => a.clear)).toEqual([true]);
  });

  it("is NOT_FOUND for an unknown finding and SERVICE_UNAVAILABLE without a sample service", async () => {
    const missing = await run(depsWith({ read, samples: fakeSamples([]) }), REVEAL, { id: "nope" });
    expect(missing.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Finding "nope" was not found', "NOT_FOUND"]]);
    const unavailable = await run(depsWith({ read }), REVEAL, { id: findingId });
    expect(unavailable.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  });
});
