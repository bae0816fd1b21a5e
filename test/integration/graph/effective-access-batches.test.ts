import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessGrant, AssumeEdge, EffectiveAccessBatch } from "../../../services/access/effective-access.js";
import { InvalidInputError } from "../../../services/errors.js";
import type { Graph } from "../../../graph/driver.js";
import { EFFECTIVE_ACCESS_VERSION, writeEffectiveAccess } from "../../../graph/writes/effective-access.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
const dataBucket = `arn:aws:s3:::sl-${accountId}-data`;
const logsBucket = `arn:aws:s3:::sl-${accountId}-logs`;
const role = `arn:aws:iam::${accountId}:role/data-reader`;
const alice = `arn:aws:iam::${accountId}:user/alice`;
let graph: Graph;

function grant(principalArn: string, principalKind: AccessGrant["principalKind"], bucketArn: string, level: AccessGrant["level"]): AccessGrant {
  const via = [{ policyId: `${bucketArn}#policy`, sid: "0", index: 0, effect: "Allow" as const, source: "bucket-policy" as const }];
  return { principalArn, principalKind, bucketArn, level, actions: ["s3:GetObject"], conditional: false, conditions: [], via };
}

const roleGrants = [grant(role, "Role", dataBucket, "READ"), grant(role, "Role", logsBucket, "READ")];
const aliceGrants = [grant(alice, "User", dataBucket, "LIST")];
// A grantee of this account alone (unlike `*`, which other test files share), so its removal can be asserted.
const service = `service:sl-${accountId}.amazonaws.com`;
const serviceGrants = [grant(service, "Service", logsBucket, "READ")];
const assumes: AssumeEdge[] = [];
const assumeRole: AssumeEdge = {
  fromArn: alice,
  fromKind: "User",
  toRoleArn: role,
  conditional: false,
  conditions: [],
  via: [{ policyId: `${role}#trust`, sid: "0", index: 0, effect: "Allow", source: "trust" }],
};

function batch(grants: AccessGrant[], assumes: AssumeEdge[] = []): EffectiveAccessBatch {
  return { grants, assumes, skipped: [] };
}

async function* stream(...batches: AccessGrant[][]): AsyncGenerator<EffectiveAccessBatch> {
  for (const grants of batches) yield batch(grants);
}

async function edges(): Promise<string[]> {
  const rows = await graph.read<{ edge: string }>(
    `MATCH (p:Principal)-[r:CAN_ACCESS]->(b:Bucket) WHERE r.accountId = $accountId
     RETURN p.arn + ' ' + r.level + ' ' + b.name + ' ' + elementId(r) AS edge ORDER BY edge`,
    { accountId },
  );
  return rows.map((r) => r.edge);
}

async function digests(): Promise<string[]> {
  const rows = await graph.read<{ d: string }>(
    "MATCH (d:AccessDigest {accountId: $accountId}) RETURN d.principalArn + ' ' + d.edgeCount AS d ORDER BY d",
    { accountId },
  );
  return rows.map((r) => r.d);
}

beforeAll(async () => {
  graph = await openGraph();
  await writeInventory(graph, fixtureInventory(accountId), "run-1");
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("writeEffectiveAccess with streamed grant batches", () => {
  it("writes every batch and a digest per principal", async () => {
    const summary = await writeEffectiveAccess(graph, accountId, stream(roleGrants, [...aliceGrants, ...serviceGrants]));
    expect(summary).toMatchObject({ skipped: false, principalsWritten: 3, principalsRemoved: 0 });
    expect(summary.counters.relationshipsCreated).toBe(4);
    expect((await edges()).map((e) => e.split(" ").slice(0, 3).join(" "))).toEqual([
      `${role} READ sl-${accountId}-data`,
      `${role} READ sl-${accountId}-logs`,
      `${alice} LIST sl-${accountId}-data`,
      `${service} READ sl-${accountId}-logs`,
    ]);
    expect(await digests()).toEqual([`${role} 2`, `${alice} 1`, `${service} 1`]);
    const [account] = await graph.read("MATCH (a:Account {accountId: $accountId}) RETURN a.effectiveAccessVersion AS v, a.effectiveAccessEdgeCount AS n", {
      accountId,
    });
    expect(account).toEqual({ v: EFFECTIVE_ACCESS_VERSION, n: 4 });
  });

  it("writes nothing when the same grants come in other batches (a synchronous iterable here)", async () => {
    const summary = await writeEffectiveAccess(graph, accountId, [batch(serviceGrants), batch(aliceGrants), batch([...roleGrants].reverse())]);
    expect(summary).toEqual({
      skipped: true,
      counters: { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0 },
      principalsWritten: 0,
      principalsRemoved: 0,
    });
  });

  it("rewrites only the principals whose grants changed, and removes those left without grants", async () => {
    const before = await edges();
    const roleNow = [grant(role, "Role", dataBucket, "READ")];
    const summary = await writeEffectiveAccess(graph, accountId, stream(roleNow, aliceGrants));
    expect(summary).toMatchObject({ skipped: false, principalsWritten: 1, principalsRemoved: 1 });
    expect(summary.counters).toMatchObject({ relationshipsDeleted: 3, relationshipsCreated: 1, nodesDeleted: 2 });
    const after = await edges();
    // Alice's edge is the very same relationship: her digest matched, so it was not touched.
    expect(after.filter((e) => e.startsWith(alice))).toEqual(before.filter((e) => e.startsWith(alice)));
    expect(after.map((e) => e.split(" ").slice(0, 3).join(" "))).toEqual([`${role} READ sl-${accountId}-data`, `${alice} LIST sl-${accountId}-data`]);
    expect(await digests()).toEqual([`${role} 1`, `${alice} 1`]);
    expect(await graph.read("MATCH (p:Principal {arn: $service}) RETURN p.arn AS arn", { service })).toEqual([]);
  });

  it("refuses a principal whose grants are split over two batches", async () => {
    const unchangedThenSplit = writeEffectiveAccess(graph, accountId, stream([roleGrants[0]!], [roleGrants[1]!]));
    await expect(unchangedThenSplit).rejects.toThrow(`grants: the grants of ${role} came in more than one batch`);
    const [stamped] = await graph.read("MATCH (a:Account {accountId: $accountId}) RETURN a.effectiveAccessEdgeCount AS n", { accountId });
    expect(stamped).toEqual({ n: 2 });
    // Here the first batch changes the role's access, so its edges are written before the split is seen.
    const changedThenSplit = stream([grant(role, "Role", dataBucket, "WRITE")], aliceGrants, [roleGrants[1]!]);
    await expect(writeEffectiveAccess(graph, accountId, changedThenSplit)).rejects.toThrow(InvalidInputError);
  });

  it("replaces everything after a write that stopped half-way", async () => {
    // The failed write above stamped nothing: its edge count is cleared, so this write starts from a clean slate.
    const [stamp] = await graph.read("MATCH (a:Account {accountId: $accountId}) RETURN a.effectiveAccessEdgeCount AS n", { accountId });
    expect(stamp).toEqual({ n: null });
    const summary = await writeEffectiveAccess(graph, accountId, { grants: [...aliceGrants, ...roleGrants], assumes });
    expect(summary).toMatchObject({ skipped: false, principalsWritten: 2 });
    expect((await edges()).map((e) => e.split(" ").slice(0, 3).join(" "))).toEqual([
      `${role} READ sl-${accountId}-data`,
      `${role} READ sl-${accountId}-logs`,
      `${alice} LIST sl-${accountId}-data`,
    ]);
    expect(await digests()).toEqual([`${role} 2`, `${alice} 1`]);
  });

  it("replaces everything written by an older version of the edge format", async () => {
    await graph.write("MATCH (a:Account {accountId: $accountId}) SET a.effectiveAccessVersion = null", { accountId });
    const summary = await writeEffectiveAccess(graph, accountId, { grants: [...aliceGrants, ...roleGrants], assumes });
    expect(summary).toMatchObject({ skipped: false, principalsWritten: 2 });
    expect(summary.counters).toMatchObject({ relationshipsDeleted: 3, relationshipsCreated: 3 });
  });

  it("takes role assumptions and skipped policies from whichever batch carries them", async () => {
    const first = { grants: roleGrants, assumes: [], skipped: [{ policyId: "p", reason: "unparsable" }] };
    const summary = await writeEffectiveAccess(graph, accountId, [first, batch(aliceGrants, [assumeRole])]);
    expect(summary).toMatchObject({ skipped: false, principalsWritten: 0 });
    expect(summary.counters).toMatchObject({ relationshipsCreated: 1, relationshipsDeleted: 0 });
    const [account] = await graph.read(
      `MATCH (a:Account {accountId: $accountId})
       RETURN a.effectiveAccessSkippedPoliciesJson AS skipped, COUNT { ()-[:CAN_ASSUME {accountId: $accountId}]->() } AS assumes`,
      { accountId },
    );
    expect(account).toEqual({ skipped: '[{"policyId":"p","reason":"unparsable"}]', assumes: 1 });
  });
});
