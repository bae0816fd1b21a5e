import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessGrant, EffectiveAccess } from "../../../services/access/effective-access.js";
import type { PostureFinding } from "../../../services/findings/posture-findings.js";
import type { Graph } from "../../../graph/driver.js";
import { finishAuditRun, startAuditRun } from "../../../graph/writes/audit-run.js";
import { writeEffectiveAccess } from "../../../graph/writes/effective-access.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { writePostureFindings } from "../../../graph/writes/posture-findings.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { countScope, deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
const externalAccountId = uniqueAccountId();
const dataBucket = `arn:aws:s3:::sl-${accountId}-data`;
const logsBucket = `arn:aws:s3:::sl-${accountId}-logs`;
const role = `arn:aws:iam::${accountId}:role/data-reader`;
let graph: Graph;

const via = [{ policyId: `${dataBucket}#policy`, sid: "ReaderRole", index: 0, effect: "Allow", source: "bucket-policy" }] as const;

function grant(principalArn: string, principalKind: AccessGrant["principalKind"], bucketArn: string, level: AccessGrant["level"]): AccessGrant {
  return { principalArn, principalKind, bucketArn, level, actions: ["s3:GetObject"], conditional: false, conditions: [], via: [...via] };
}

const access: EffectiveAccess = {
  grants: [
    grant(role, "Role", dataBucket, "READ"),
    grant(`arn:aws:iam::${accountId}:user/alice`, "User", dataBucket, "LIST"),
    grant(`arn:aws:iam::${externalAccountId}:root`, "ExternalAccount", dataBucket, "READ"),
  ],
  assumes: [
    {
      fromArn: `arn:aws:iam::${externalAccountId}:root`,
      fromKind: "ExternalAccount",
      toRoleArn: role,
      conditional: true,
      conditions: [{ StringEquals: { "sts:ExternalId": "x" } }],
      via: [{ policyId: `${role}#trust`, sid: "0", index: 0, effect: "Allow", source: "trust" }],
    },
  ],
};

async function edges(): Promise<string[]> {
  const rows = await graph.read<{ edge: string }>(
    `MATCH (p:Principal)-[r:CAN_ACCESS|CAN_ASSUME]->(t) WHERE r.accountId = $accountId
     RETURN p.kind + ' ' + type(r) + coalesce(' ' + r.level, '') + ' ' + coalesce(t.name, t.arn) AS edge ORDER BY edge`,
    { accountId },
  );
  return rows.map((r) => r.edge);
}

async function bucketAccess(): Promise<Record<string, unknown>[]> {
  return graph.read(
    `MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
     RETURN b.name AS name, b.effectivePublicAccess AS publicAccess, b.sharedAccess AS sharedAccess ORDER BY name`,
    { accountId },
  );
}

beforeAll(async () => {
  graph = await openGraph();
  await writeInventory(graph, fixtureInventory(accountId), "run-1");
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await deleteScope(graph, externalAccountId);
  await graph.close();
});

describe("writeEffectiveAccess", () => {
  it("writes CAN_ACCESS and CAN_ASSUME edges and derives the buckets' public and shared access", async () => {
    const summary = await writeEffectiveAccess(graph, accountId, access);
    expect(summary.skipped).toBe(false);
    expect(await edges()).toEqual([
      "ExternalAccount CAN_ACCESS READ sl-" + accountId + "-data",
      "ExternalAccount CAN_ASSUME data-reader",
      "Role CAN_ACCESS READ sl-" + accountId + "-data",
      "User CAN_ACCESS LIST sl-" + accountId + "-data",
    ]);
    expect(await bucketAccess()).toEqual([
      { name: `sl-${accountId}-data`, publicAccess: "NOT_PUBLIC", sharedAccess: "EXTERNAL" },
      { name: `sl-${accountId}-logs`, publicAccess: "UNKNOWN", sharedAccess: "NOT_SHARED" },
    ]);
  });

  it("writes nothing when the same access (in any order) is written again", async () => {
    const reordered: EffectiveAccess = { grants: [...access.grants].reverse(), assumes: access.assumes };
    const summary = await writeEffectiveAccess(graph, accountId, reordered);
    expect(summary).toEqual({
      skipped: true,
      counters: { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0 },
      principalsWritten: 0,
      principalsRemoved: 0,
    });
  });

  it("replaces the edges when access changes, and removes grantees left without edges", async () => {
    const changed: EffectiveAccess = {
      grants: [grant(role, "Role", dataBucket, "READ"), grant("*", "Public", logsBucket, "READ")],
      assumes: [],
    };
    expect((await writeEffectiveAccess(graph, accountId, changed)).skipped).toBe(false);
    expect(await edges()).toEqual([`Public CAN_ACCESS READ sl-${accountId}-logs`, `Role CAN_ACCESS READ sl-${accountId}-data`]);
    expect(await bucketAccess()).toEqual([
      { name: `sl-${accountId}-data`, publicAccess: "NOT_PUBLIC", sharedAccess: "NOT_SHARED" },
      { name: `sl-${accountId}-logs`, publicAccess: "PUBLIC", sharedAccess: "NOT_SHARED" },
    ]);
    expect(await countScope(graph, externalAccountId)).toEqual({ nodes: { Account: 1 }, relationships: {} });
  });

  it("rewrites when edges were lost since the last write even though the input is unchanged", async () => {
    await graph.write("MATCH ()-[r:CAN_ACCESS {accountId: $accountId, level: 'READ'}]->(:Bucket {arn: $dataBucket}) DELETE r", {
      accountId,
      dataBucket,
    });
    const changed: EffectiveAccess = {
      grants: [grant(role, "Role", dataBucket, "READ"), grant("*", "Public", logsBucket, "READ")],
      assumes: [],
    };
    expect((await writeEffectiveAccess(graph, accountId, changed)).skipped).toBe(false);
    expect(await edges()).toHaveLength(2);
  });

  it("turns an account first seen as a grantee into an audited account with its root", async () => {
    await writeEffectiveAccess(graph, accountId, access);
    await writeInventory(graph, fixtureInventory(externalAccountId), "run-ext");
    const [root] = await graph.read(
      `MATCH (a:Account {accountId: $externalAccountId})-[:HAS_PRINCIPAL]->(p:AccountRoot)
       RETURN a.external AS external, labels(p) AS labels, p.kind AS kind, COUNT { (p)-[:CAN_ACCESS]->() } AS grants`,
      { externalAccountId },
    );
    expect(root).toEqual({ external: false, labels: ["Principal", "AccountRoot"], kind: "AccountRoot", grants: 1 });
  });
});

describe("writePostureFindings", () => {
  it("creates findings on buckets, counts recurrences once per run and deletes resolved ones", async () => {
    const publicLogs: PostureFinding = { bucketArn: logsBucket, type: "Policy:IAMUser/S3BucketPublic", severity: "HIGH", detail: { grantee: "*" } };
    const unencrypted: PostureFinding = { bucketArn: dataBucket, type: "Policy:IAMUser/S3BucketEncryptionDisabled", severity: "LOW", detail: {} };
    await writePostureFindings(graph, accountId, [publicLogs, unencrypted], "run-1");
    await writePostureFindings(graph, accountId, [publicLogs, unencrypted], "run-1");
    await writePostureFindings(graph, accountId, [publicLogs], "run-2");
    const rows = await graph.read(
      `MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)-[:HAS_FINDING]->(f:Finding)
       RETURN b.name AS bucket, f.type AS type, f.severity AS severity, f.category AS category, f.count AS count,
              f.detailJson AS detailJson, f.auditRunId AS run`,
      { accountId },
    );
    expect(rows).toEqual([
      {
        bucket: `sl-${accountId}-logs`,
        type: "Policy:IAMUser/S3BucketPublic",
        severity: "HIGH",
        category: "POLICY",
        count: 2,
        detailJson: '{"grantee":"*"}',
        run: "run-2",
      },
    ]);
  });
});

describe("audit runs", () => {
  it("records a run from RUNNING to COMPLETED with its statistics", async () => {
    const runId = `run-${accountId}-1`;
    await startAuditRun(graph, runId, accountId);
    await startAuditRun(graph, runId, accountId);
    const [running] = await graph.read<Record<string, unknown>>(
      "MATCH (r:AuditRun {runId: $runId})-[:AUDITED]->(a:Account) RETURN r.status AS status, a.accountId AS accountId",
      { runId },
    );
    expect(running).toEqual({ status: "RUNNING", accountId });
    await finishAuditRun(graph, runId, "COMPLETED", { buckets: 2, objects: 3 });
    const [done] = await graph.read<Record<string, unknown>>(
      "MATCH (r:AuditRun {runId: $runId}) RETURN r.status AS status, r.statsJson AS stats, r.error AS error, r.finishedAt IS NOT NULL AS finished",
      { runId },
    );
    expect(done).toEqual({ status: "COMPLETED", stats: '{"buckets":2,"objects":3}', error: null, finished: true });
    await expect(finishAuditRun(graph, "no-such-run", "FAILED", {}, "boom")).rejects.toThrow('AuditRun "no-such-run" was not found');
  });
});
