/**
 * Custom data identifiers and allow lists through the API into a real Neo4j and back out: create, list, delete,
 * refusal of hostile patterns (nothing stored), loadDetectorConfig round trip into a classifier that reports the
 * custom identifier, and sample reveal's activity reading a real object from moto. Every name carries a random
 * token so that parallel runs and other test files never see each other's definitions.
 */
import "reflect-metadata";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { connectGraph, type Graph } from "../../../graph/driver.js";
import { migrate } from "../../../graph/migrations/migrate.js";
import { loadDetectorConfig } from "../../../graph/queries/custom-data.js";
import { createApiServer, createRequestContext, type ApiContext, type ApiDeps } from "../../../schema/server.js";
import { createAwsClients, destroyAwsClients, type AwsClients } from "../../../services/aws/index.js";
import { createClassifier } from "../../../services/classify/default-detector.js";
import { defaultLimits } from "../../../services/classify/limits.js";
import { NotFoundError } from "../../../services/errors.js";
import { createRevealActivities } from "../../../workflows/reveal.js";

const config = loadConfig();
const token = Math.random().toString(36).slice(2, 10);
const identifierName = `Employee ${token}`;
const identifierId = `employee-${token}`;
const listName = `Allowed ${token}`;
const listId = `allowed-${token}`;
let graph: Graph;
let deps: ApiDeps;
let server: ApolloServer<ApiContext>;

beforeAll(async () => {
  graph = await connectGraph(config.neo4j);
  await migrate(graph);
  const audits = {
    start: async () => ({ runId: "unused" }),
    status: async (runId: string) => {
      throw new NotFoundError("AuditRun", runId);
    },
  };
  deps = { graph, writer: graph, audits };
  server = await createApiServer(deps);
});

afterAll(async () => {
  await graph?.write("MATCH (n) WHERE (n:CustomDataIdentifier OR n:AllowList) AND n.id ENDS WITH $token DETACH DELETE n", { token });
  await server?.stop();
  await graph?.close();
});

async function run(text: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query: text, variables }, { contextValue: createRequestContext(deps) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

const CREATE = `mutation($input: CreateCustomDataIdentifierInput!) { createCustomDataIdentifier(input: $input) { id name createdAt } }`;
const LIST = `{ customDataIdentifiers { id name description regex keywords ignoreWords maximumMatchDistance severityLevels { occurrencesThreshold severity } } }`;
const identifierInput = {
  name: identifierName,
  description: "staff numbers",
  regex: "EMP-[0-9]{6}",
  keywords: ["employee"],
  ignoreWords: ["EMP-000000"],
  maximumMatchDistance: 40,
  severityLevels: [
    { occurrencesThreshold: 1, severity: "LOW" },
    { occurrencesThreshold: 3, severity: "HIGH" },
  ],
};

async function storedCount(id: string): Promise<number> {
  const rows = await graph.read<{ n: number }>("MATCH (n) WHERE (n:CustomDataIdentifier OR n:AllowList) AND n.id = $id RETURN count(n) AS n", { id });
  return rows[0]!.n;
}

describe("custom data identifiers in Neo4j", () => {
  it("creates idempotently, lists and deletes", async () => {
    const first = await run(CREATE, { input: identifierInput });
    expect(first.errors).toBeUndefined();
    const created = (first.data as { createCustomDataIdentifier: { id: string; name: string; createdAt: string } }).createCustomDataIdentifier;
    expect(created.id).toBe(identifierId);
    const again = await run(CREATE, { input: identifierInput });
    expect((again.data as typeof first.data & { createCustomDataIdentifier: { createdAt: string } }).createCustomDataIdentifier.createdAt).toBe(created.createdAt);
    expect(await storedCount(identifierId)).toBe(1);

    const listed = (await run(LIST)).data as { customDataIdentifiers: { id: string }[] };
    expect(listed.customDataIdentifiers.filter((c) => c.id === identifierId)).toEqual([
      {
        id: identifierId,
        name: identifierName,
        description: "staff numbers",
        regex: "EMP-[0-9]{6}",
        keywords: ["employee"],
        ignoreWords: ["EMP-000000"],
        maximumMatchDistance: 40,
        severityLevels: [
          { occurrencesThreshold: 1, severity: "LOW" },
          { occurrencesThreshold: 3, severity: "HIGH" },
        ],
      },
    ]);

    const temporary = await run(CREATE, { input: { name: `Temp ${token}`, regex: "TMP[0-9]+" } });
    expect(temporary.errors).toBeUndefined();
    expect((await run(`mutation($id: ID!) { deleteCustomDataIdentifier(id: $id) }`, { id: `temp-${token}` })).data).toEqual({
      deleteCustomDataIdentifier: `temp-${token}`,
    });
    expect(await storedCount(`temp-${token}`)).toBe(0);
    const gone = await run(`mutation($id: ID!) { deleteCustomDataIdentifier(id: $id) }`, { id: `temp-${token}` });
    expect(gone.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
  });

  it("refuses a hostile pattern with BAD_USER_INPUT and stores nothing", async () => {
    const result = await run(CREATE, { input: { name: `Hostile ${token}`, regex: "(a+)+\\1" } });
    expect(result.errors?.map((e) => [e.message.split(":").slice(0, 2).join(":"), e.extensions?.code])).toEqual([
      ["input.regex: is not a supported regular expression", "BAD_USER_INPUT"],
    ]);
    expect(await storedCount(`hostile-${token}`)).toBe(0);
  });
});

describe("allow lists and loadDetectorConfig", () => {
  it("round-trips into a classifier that reports the custom identifier and drops allowed values", async () => {
    const list = await run(`mutation($input: CreateAllowListInput!) { createAllowList(input: $input) { id kind literals } }`, {
      input: { name: listName, literals: ["EMP-111111"] },
    });
    expect(list.data).toEqual({ createAllowList: { id: listId, kind: "LITERAL", literals: ["EMP-111111"] } });
    await run(CREATE, { input: identifierInput });

    const loaded = await loadDetectorConfig(graph);
    const ours = loaded.customIdentifiers.filter((c) => c.id === identifierId);
    expect(ours.map((c) => [c.name, c.source, c.keywords, c.maximumMatchDistance])).toEqual([[identifierName, "EMP-[0-9]{6}", ["employee"], 40]]);
    expect(loaded.allowLists.some((l) => l.allows("emp-111111"))).toBe(true);

    // Only our own definitions, so that other tests' leftovers cannot change the counts.
    const detector = createClassifier("integration-key", {
      customIdentifiers: ours,
      allowLists: loaded.allowLists.filter((l) => l.allows("EMP-111111")),
    });
    const scan = detector.newScan();
    scan.push({
      text: "employee EMP-123456, EMP-654321, EMP-111111 and EMP-000000",
      location: { kind: "text", line: 1, column: 1 },
      context: [],
    });
    const custom = scan.result().filter((d) => d.category === "CUSTOM_IDENTIFIER");
    expect(custom.map((d) => [d.type, d.count, d.severity])).toEqual([[identifierId, 2, "LOW"]]);

    const deleted = await run(`mutation($id: ID!) { deleteAllowList(id: $id) }`, { id: listId });
    expect(deleted.data).toEqual({ deleteAllowList: listId });
    expect((await loadDetectorConfig(graph)).allowLists.some((l) => l.allows("EMP-111111"))).toBe(false);
  });
});

describe("revealObjectSamples activity over moto", () => {
  let aws: AwsClients;
  const bucket = `sl-reveal-${token}`;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= "test";
    process.env.AWS_SECRET_ACCESS_KEY ??= "test";
    aws = createAwsClients({ region: "us-east-1", endpointUrl: config.aws.endpointUrl ?? "http://127.0.0.1:5000" });
    await aws.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await aws.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "staff/people.csv",
        Body: "name,employee,card\nAnn,EMP-123456,4539148803436467\nBob,EMP-222222,4532015112830366\n",
      }),
    );
  });

  afterAll(() => aws && destroyAwsClients(aws));

  it("re-reads the object and returns masked samples of the asked types in reading order, custom identifiers included", async () => {
    const { revealObjectSamples } = createRevealActivities({
      aws,
      fingerprintKey: "integration-key",
      limits: defaultLimits(),
      detectorConfig: async () => {
        const loaded = await loadDetectorConfig(graph);
        return { customIdentifiers: loaded.customIdentifiers.filter((c) => c.id === identifierId), allowLists: [] };
      },
    });
    await run(CREATE, { input: identifierInput });
    const groups = await revealObjectSamples({ bucket, key: "staff/people.csv", types: [identifierId, "CREDIT_CARD_NUMBER_(NO_KEYWORD)"], max: 1 });
    expect(groups.map((g) => [g.type, g.samples.map((s) => [s.value, s.location.row, s.location.columnName])])).toEqual([
      [identifierId, [["******3456", 2, "employee"]]],
      ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", [["************6467", 2, "card"]]],
    ]);
  });
});
