/**
 * Query.explainAccess over a real Neo4j: an inventory written by writeInventory, its effective access written by
 * writeEffectiveAccess (for the role chains), and the exact explanations the API gives about it.
 */
import "reflect-metadata";
import type { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { connectGraph, type Graph } from "../../../graph/driver.js";
import { writeEffectiveAccess } from "../../../graph/writes/effective-access.js";
import { loadInventoryQueries } from "../../../graph/queries/load-inventory.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { createApiServer, createRequestContext, type ApiContext, type ApiDeps } from "../../../schema/server.js";
import { computeEffectiveAccess } from "../../../services/access/index.js";
import type { AccountInventory } from "../../../services/aws/inventory.js";
import { AuditClient } from "../../../workflows/client.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, uniqueAccountId } from "../graph/support.js";

const config = loadConfig();
const accountId = uniqueAccountId();
const site = `sl-${accountId}-site`;
const locked = `sl-${accountId}-locked`;
const data = `sl-${accountId}-data`;
const iam = (path: string) => `arn:aws:iam::${accountId}:${path}`;
let graph: Graph;
let audits: AuditClient;
let deps: ApiDeps;
let server: ApolloServer<ApiContext>;

/**
 * The fixture (alice reads data through DataRead; account 444455556666 may assume data-reader, which the data bucket
 * policy names) plus: a public site bucket whose policy denies plain HTTP, the same bucket behind
 * RestrictPublicBuckets, bob, whose inline policy denies the logs bucket, and data-builder, a role EC2 may assume
 * that reads the data bucket.
 */
function inventory(): AccountInventory {
  const inv = fixtureInventory(accountId);
  const publicPolicy = (name: string) => ({
    Version: "2012-10-17",
    Statement: [
      { Sid: "PublicRead", Effect: "Allow" as const, Principal: "*" as const, Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/*` },
      {
        Sid: "DenyPlainHttp",
        Effect: "Deny" as const,
        Principal: "*" as const,
        Action: "s3:*",
        Resource: `arn:aws:s3:::${name}/*`,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
  const logs = inv.buckets[1]!;
  inv.buckets.push(
    { ...logs, name: site, arn: `arn:aws:s3:::${site}`, errors: [], policy: publicPolicy(site), policyJson: null },
    {
      ...logs,
      name: locked,
      arn: `arn:aws:s3:::${locked}`,
      errors: [],
      policy: publicPolicy(locked),
      policyJson: null,
      publicAccessBlock: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: true },
    },
  );
  inv.iam.users.push({
    arn: iam("user/bob"),
    name: "bob",
    id: "AIDABOB",
    path: "/",
    groupNames: [],
    attachedPolicyArns: [],
    inlinePolicies: [
      {
        name: "s3",
        document: {
          Version: "2012-10-17",
          Statement: [
            { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" },
            { Sid: "NoLogs", Effect: "Deny", Action: "s3:GetObject", Resource: `arn:aws:s3:::sl-${accountId}-logs/*` },
          ],
        },
      },
    ],
    permissionsBoundaryArn: null,
    tags: {},
  });
  inv.iam.roles.push({
    arn: iam("role/data-builder"),
    name: "data-builder",
    id: "AROADATABUILDER",
    path: "/",
    trustPolicy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    },
    attachedPolicyArns: [],
    inlinePolicies: [
      {
        name: "read-data",
        document: {
          Version: "2012-10-17",
          Statement: [{ Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${data}/*` }],
        },
      },
    ],
    permissionsBoundaryArn: null,
    tags: {},
  });
  return inv;
}

beforeAll(async () => {
  graph = await connectGraph(config.neo4j);
  audits = await AuditClient.connect(config.temporal);
  deps = { graph, audits };
  const inv = inventory();
  await writeInventory(graph, inv, `run-${accountId}`);
  await writeEffectiveAccess(graph, accountId, computeEffectiveAccess(inv));
  server = await createApiServer(deps);
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await server?.stop();
  await audits?.close();
  await graph?.close();
});

const EXPLAIN = `query($principal: String!, $bucket: String!, $action: String, $key: String) {
  explainAccess(principal: $principal, bucket: $bucket, action: $action, key: $key) {
    decision conditional conditions deniedWhen viaRoleChain
    grantedBy { policyId sid }
    deniedBy { policyId sid }
    steps { kind policyId sid effect source outcome detail }
  }
}`;

interface Explanation {
  decision: string;
  conditional: boolean;
  conditions: unknown[];
  deniedWhen: unknown[];
  viaRoleChain: string[] | null;
  grantedBy: { policyId: string; sid: string }[];
  deniedBy: { policyId: string; sid: string }[];
  steps: { kind: string; policyId: string | null; sid: string | null; effect: string | null; source: string; outcome: string; detail: string }[];
}

async function execute(variables: Record<string, unknown>) {
  const response = await server.executeOperation<{ explainAccess: Explanation }>(
    { query: EXPLAIN, variables },
    { contextValue: createRequestContext(deps) },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

async function explain(variables: Record<string, unknown>): Promise<Explanation> {
  const result = await execute(variables);
  expect(result.errors).toBeUndefined();
  return result.data!.explainAccess;
}

const note = (source: string, detail: string) => ({ kind: "NOTE", policyId: null, sid: null, effect: null, source, outcome: "NOTE", detail });
const statement = (kind: string, policyId: string, sid: string, effect: string, source: string, outcome: string, detail: string) => ({
  kind,
  policyId,
  sid,
  effect,
  source,
  outcome,
  detail,
});
const ownershipNote = note("ownership", "Object Ownership is BucketOwnerEnforced: ACLs are disabled and ignored");

describe("explainAccess", () => {
  it("names the identity statement that allows alice to read the data bucket", async () => {
    const e = await explain({ principal: iam("user/alice"), bucket: data, key: "report.csv" });
    const dataRead = iam("policy/DataRead");
    expect(e).toEqual({
      decision: "ALLOW",
      conditional: false,
      conditions: [],
      deniedWhen: [],
      viaRoleChain: null,
      grantedBy: [{ policyId: dataRead, sid: "Read" }],
      deniedBy: [],
      steps: [
        statement("POLICY_STATEMENT", dataRead, "Read", "Allow", "identity", "ALLOW", `identity policy statement Read of ${dataRead} allows s3:GetObject`),
        ownershipNote,
        note("kms", `SSE-KMS: the key policy of arn:aws:kms:us-east-1:${accountId}:key/k1 was not collected; it is not assumed to block`),
      ],
    });
  });

  it("shows the conditional Deny that limits public reads of the site bucket", async () => {
    const e = await explain({ principal: "*", bucket: site });
    const policy = `arn:aws:s3:::${site}#policy`;
    expect(e).toEqual({
      decision: "ALLOW",
      conditional: true,
      conditions: [],
      deniedWhen: [{ Bool: { "aws:SecureTransport": "false" } }],
      viaRoleChain: null,
      grantedBy: [{ policyId: policy, sid: "PublicRead" }],
      deniedBy: [{ policyId: policy, sid: "DenyPlainHttp" }],
      steps: [
        statement("POLICY_STATEMENT", policy, "PublicRead", "Allow", "bucket-policy", "ALLOW", `resource policy statement PublicRead of ${policy} allows s3:GetObject (principal matched as wildcard)`),
        statement("POLICY_STATEMENT", policy, "DenyPlainHttp", "Deny", "bucket-policy", "CONDITIONAL_DENY", `Deny statement DenyPlainHttp of ${policy} denies, if its condition holds, s3:GetObject`),
      ],
    });
  });

  it("shows RestrictPublicBuckets blocking the public policy of the locked bucket", async () => {
    const e = await explain({ principal: "*", bucket: locked });
    expect(e.decision).toBe("IMPLICIT_DENY");
    expect(e.grantedBy).toEqual([]);
    expect(e.steps[0]).toEqual({
      kind: "BLOCK_PUBLIC_ACCESS",
      policyId: null,
      sid: null,
      effect: null,
      source: "block-public-access",
      outcome: "BLOCKED",
      detail: "RestrictPublicBuckets: the bucket policy is public, so its grants to anonymous and cross-account principals are ignored",
    });
    expect(e.steps.map((s) => [s.kind, s.outcome])).toEqual([
      ["BLOCK_PUBLIC_ACCESS", "BLOCKED"],
      ["POLICY_STATEMENT", "CONDITIONAL_DENY"],
      ["NOTE", "NOTE"],
    ]);
  });

  it("names the Deny statement that stops bob reading logs, whatever the action's case", async () => {
    const e = await explain({ principal: iam("user/bob"), bucket: `sl-${accountId}-logs`, action: "S3:GETOBJECT" });
    const inline = iam("user/bob#inline/s3");
    expect(e.decision).toBe("EXPLICIT_DENY");
    expect(e.deniedBy).toEqual([{ policyId: inline, sid: "NoLogs" }]);
    expect(e.steps).toEqual([
      statement("POLICY_STATEMENT", inline, "All", "Allow", "identity", "ALLOW", `identity policy statement All of ${inline} allows s3:GetObject`),
      statement("POLICY_STATEMENT", inline, "NoLogs", "Deny", "identity", "DENY", `Deny statement NoLogs of ${inline} denies s3:GetObject`),
    ]);
  });

  it("finds the role chain through which the external account reads the data bucket", async () => {
    const e = await explain({ principal: "arn:aws:iam::444455556666:root", bucket: data });
    expect(e.decision).toBe("IMPLICIT_DENY");
    expect(e.viaRoleChain).toEqual([iam("role/data-reader")]);
    expect(e.steps.filter((s) => s.outcome === "BLOCKED")).toEqual([
      {
        kind: "GUARDRAIL",
        policyId: null,
        sid: null,
        effect: null,
        source: "engine",
        outcome: "BLOCKED",
        detail: `cross-account request: nothing on the resource side (account ${accountId}) grants arn:aws:iam::444455556666:root`,
      },
    ]);
    // The account id and the root ARN name the same principal, whose CAN_ASSUME edges start at the root ARN.
    expect((await explain({ principal: "444455556666", bucket: data })).viaRoleChain).toEqual([iam("role/data-reader")]);
    // Alice is allowed herself: no chain is looked for.
    expect((await explain({ principal: iam("user/alice"), bucket: data })).viaRoleChain).toBeNull();
  });

  it("finds the role chain of a service principal given by its name, whose edges start at service:<name>", async () => {
    const e = await explain({ principal: "ec2.amazonaws.com", bucket: data });
    expect(e.decision).toBe("IMPLICIT_DENY");
    expect(e.viaRoleChain).toEqual([iam("role/data-builder")]);
  });

  it("loads the owning account's inventory once per request, however many explanations it asks for", async () => {
    const accountReads: string[] = [];
    const accountQuery = loadInventoryQueries(accountId).account.cypher;
    const counted: ApiDeps = {
      ...deps,
      graph: {
        read<T>(cypher: string, params: Record<string, unknown>): Promise<T[]> {
          if (cypher === accountQuery) accountReads.push(String(params.accountId));
          return graph.read<T>(cypher, params);
        },
      },
    };
    const response = await server.executeOperation<Record<string, { decision: string }>>(
      {
        query: `query($alice: String!, $bob: String!, $data: String!, $site: String!) {
          a: explainAccess(principal: $alice, bucket: $data) { decision }
          b: explainAccess(principal: $bob, bucket: $site, action: "s3:PutObject") { decision }
        }`,
        variables: { alice: iam("user/alice"), bob: iam("user/bob"), data, site },
      },
      { contextValue: createRequestContext(counted) },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({ a: { decision: "ALLOW" }, b: { decision: "ALLOW" } });
    expect(accountReads).toEqual([accountId]);
  });

  it("answers NOT_FOUND for an unknown bucket or principal and BAD_USER_INPUT for an unknown action", async () => {
    const codes = async (variables: Record<string, unknown>) =>
      (await execute(variables)).errors?.map((err) => [err.extensions?.code, err.message]);
    expect(await codes({ principal: "*", bucket: `sl-${accountId}-nope` })).toEqual([
      ["NOT_FOUND", `bucket "sl-${accountId}-nope" was not found`],
    ]);
    expect(await codes({ principal: iam("user/nobody"), bucket: data })).toEqual([
      ["NOT_FOUND", `principal "${iam("user/nobody")}" was not found`],
    ]);
    expect(await codes({ principal: "*", bucket: data, action: "s3:Fly" })).toEqual([
      ["BAD_USER_INPUT", 'action: "s3:Fly" is not an action Sightline explains'],
    ]);
  });
});
