import { Neo4jError } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { type Graph, connectGraph } from "../../../graph/driver.js";
import { MIGRATIONS } from "../../../graph/migrations/catalog.js";
import { migrate } from "../../../graph/migrations/migrate.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { countScope, deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
let graph: Graph;

beforeAll(async () => {
  graph = await openGraph();
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("migrate", () => {
  it("is a no-op on an up-to-date graph, even when two processes start at once", async () => {
    const other = await connectGraph(loadConfig().neo4j);
    try {
      const reports = await Promise.all([migrate(graph), migrate(other)]);
      expect(reports).toEqual([
        { applied: [], version: MIGRATIONS.length },
        { applied: [], version: MIGRATIONS.length },
      ]);
      const recorded = await graph.read<{ version: number; n: number }>(
        "MATCH (m:Migration) RETURN m.version AS version, count(*) AS n ORDER BY version",
      );
      expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
    } finally {
      await other.close();
    }
  });

  it("re-applies migrations whose record is missing (a crash before recording) once, from two processes at once", async () => {
    await graph.write("MATCH (m:Migration) WHERE m.version >= 2 DELETE m");
    const other = await connectGraph(loadConfig().neo4j);
    try {
      const reports = await Promise.all([migrate(graph), migrate(other)]);
      const later = MIGRATIONS.slice(1).map((m) => m.version);
      expect(reports).toEqual([
        { applied: later, version: MIGRATIONS.length },
        { applied: later, version: MIGRATIONS.length },
      ]);
      const recorded = await graph.read<{ version: number; n: number }>(
        "MATCH (m:Migration) RETURN m.version AS version, count(*) AS n ORDER BY version",
      );
      expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
    } finally {
      await other.close();
    }
  });

  it("installs uniqueness constraints that reject a duplicate node key", async () => {
    const arn = `arn:aws:s3:::sl-${accountId}-duplicate`;
    await graph.write("CREATE (:Bucket {arn: $arn, accountId: $accountId})", { arn, accountId });
    const duplicate = graph.write("CREATE (:Bucket {arn: $arn, accountId: $accountId})", { arn, accountId });
    await expect(duplicate).rejects.toSatisfy(
      (e: unknown) => e instanceof Neo4jError && e.code === "Neo.ClientError.Schema.ConstraintValidationFailed",
    );
    await graph.write("MATCH (b:Bucket {arn: $arn}) DELETE b", { arn });
  });
});

describe("writeInventory", () => {
  const expectedNodes = {
    Account: 1,
    AccountRoot: 1,
    Bucket: 2,
    Group: 1,
    Policy: 4, // DataRead, alice's inline, the trust policy, the bucket policy (ReadOnlyAccess is AWS's, unscoped)
    Principal: 4,
    Role: 1,
    Statement: 5,
    User: 1,
  };
  const expectedRelationships = {
    HAS_POLICY: 6,
    HAS_PRINCIPAL: 4,
    HAS_STATEMENT: 5,
    MEMBER_OF: 1,
    OWNS: 2,
    REPLICATES_TO: 1,
  };

  it("writes the inventory, and writing it again changes no node or relationship", async () => {
    const inventory = fixtureInventory(accountId);
    await writeInventory(graph, inventory, "run-1");
    const first = await countScope(graph, accountId);
    expect(first).toEqual({ nodes: expectedNodes, relationships: expectedRelationships });

    const again = await writeInventory(graph, inventory, "run-2");
    expect(again.counters).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await countScope(graph, accountId)).toEqual(first);
  });

  it("stores bucket posture, JSON-valued properties and Macie's ACCESS_DENIED error code", async () => {
    const rows = await graph.read<Record<string, unknown>>(
      `MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
       RETURN b.name AS name, b.errorCode AS errorCode, b.tagsJson AS tagsJson, b.bpaBlockPublicPolicy AS bpa,
              b.encryptionType AS encryptionType, b.lastAuditRunId AS run, b.policyJson IS NOT NULL AS hasPolicy
       ORDER BY name`,
      { accountId },
    );
    expect(rows).toEqual([
      { name: `sl-${accountId}-data`, errorCode: null, tagsJson: '{"team":"analytics"}', bpa: true, encryptionType: "aws:kms", run: "run-2", hasPolicy: true },
      { name: `sl-${accountId}-logs`, errorCode: "ACCESS_DENIED", tagsJson: "{}", bpa: null, encryptionType: "AES256", run: "run-2", hasPolicy: false },
    ]);
    const [trust] = await graph.read<{ kind: string; statements: string[] }>(
      `MATCH (:Principal {arn: $role})-[:HAS_POLICY {attachment: 'trust'}]->(p:Policy)-[:HAS_STATEMENT]->(s)
       RETURN p.kind AS kind, collect(s.json) AS statements`,
      { role: `arn:aws:iam::${accountId}:role/data-reader` },
    );
    expect(trust).toEqual({
      kind: "trust",
      statements: ['{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"}}'],
    });
  });

  it("converges when the account changes: removed things disappear, changed policies are re-split", async () => {
    const inventory = fixtureInventory(accountId);
    inventory.buckets = inventory.buckets.filter((b) => b.name.endsWith("-data"));
    inventory.buckets[0]!.replication = [];
    inventory.iam.users[0]!.inlinePolicies = [];
    inventory.iam.users[0]!.groupNames = [];
    const dataRead = inventory.iam.policies[0]!;
    dataRead.document = { ...dataRead.document, Statement: [dataRead.document.Statement].flat().slice(0, 1) };
    inventory.iam.roles[0]!.permissionsBoundaryArn = dataRead.arn;
    const summary = await writeInventory(graph, inventory, "run-3");
    expect(summary.removedBucketArns).toEqual([`arn:aws:s3:::sl-${accountId}-logs`]);
    expect(await countScope(graph, accountId)).toEqual({
      nodes: { ...expectedNodes, Bucket: 1, Policy: 3, Statement: 3 },
      relationships: { HAS_POLICY: 6, HAS_PRINCIPAL: 4, HAS_STATEMENT: 3, OWNS: 1 },
    });
    const attachments = await graph.read<{ attachment: string }>(
      `MATCH (:Principal {arn: $role})-[r:HAS_POLICY]->(:Policy) RETURN r.attachment AS attachment ORDER BY attachment`,
      { role: `arn:aws:iam::${accountId}:role/data-reader` },
    );
    expect(attachments.map((a) => a.attachment)).toEqual(["boundary", "managed", "trust"]);

    await writeInventory(graph, fixtureInventory(accountId), "run-4");
    expect(await countScope(graph, accountId)).toEqual({ nodes: expectedNodes, relationships: expectedRelationships });
  });
});
