/**
 * loadInventory against a real Neo4j: an inventory written by writeInventory comes back equal, except for what the
 * graph does not keep (see graph/queries/load-inventory.ts), and the access engine reaches the same answers from it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../../graph/driver.js";
import { loadInventory } from "../../../graph/queries/load-inventory.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { computeEffectiveAccess } from "../../../services/access/index.js";
import type { EffectiveAccess } from "../../../services/access/effective-access.js";
import type { AccountInventory } from "../../../services/aws/inventory.js";
import { NotFoundError } from "../../../services/errors.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
let graph: Graph;

/** The fixture plus what exercises more of the engine: a public bucket, a boundary, a Deny, an unattached policy. */
function richInventory(): AccountInventory {
  const inventory = fixtureInventory(accountId);
  const site = `sl-${accountId}-site`;
  inventory.buckets.push({
    ...inventory.buckets[1]!,
    name: site,
    arn: `arn:aws:s3:::${site}`,
    errors: [],
    policy: {
      Version: "2012-10-17",
      Statement: [
        { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${site}/*` },
        {
          Sid: "DenyPlainHttp",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: `arn:aws:s3:::${site}/*`,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    },
    policyJson: null,
    acl: { ownerCanonicalId: "c0ffee", grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }] },
    ownership: "ObjectWriter",
    tags: { public: "yes" },
  });
  const boundaryArn = `arn:aws:iam::${accountId}:policy/OnlyData`;
  inventory.iam.policies.push(
    {
      arn: boundaryArn,
      name: "OnlyData",
      awsManaged: false,
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::sl-${accountId}-data*` }] },
    },
    {
      arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      name: "AmazonS3ReadOnlyAccess",
      awsManaged: true,
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] },
    },
    {
      arn: `arn:aws:iam::${accountId}:policy/Unused`,
      name: "Unused",
      awsManaged: false,
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
    },
  );
  inventory.iam.users.push({
    arn: `arn:aws:iam::${accountId}:user/bob`,
    name: "bob",
    id: "AIDABOB",
    path: "/ops/",
    groupNames: ["analysts"],
    attachedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
    inlinePolicies: [
      {
        name: "no-logs",
        document: { Version: "2012-10-17", Statement: [{ Sid: "NoLogs", Effect: "Deny", Action: "s3:*", Resource: `arn:aws:s3:::sl-${accountId}-logs/*` }] },
      },
    ],
    permissionsBoundaryArn: boundaryArn,
    tags: {},
  });
  return inventory;
}

/** What the graph keeps of an inventory, in the order loadInventory returns it. */
function asStored(inventory: AccountInventory): AccountInventory {
  const byArn = <T extends { arn: string }>(items: T[]) => [...items].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const attached = new Set(
    [...inventory.iam.users, ...inventory.iam.groups, ...inventory.iam.roles].flatMap((p) => [
      ...p.attachedPolicyArns,
      ...("permissionsBoundaryArn" in p && p.permissionsBoundaryArn ? [p.permissionsBoundaryArn] : []),
    ]),
  );
  return {
    ...inventory,
    kmsKeys: [],
    buckets: byArn(inventory.buckets).map((b) => ({ ...b, policyJson: b.policyJson ?? (b.policy ? canonical(b.policy) : null) })),
    iam: {
      users: byArn(inventory.iam.users).map((u) => ({ ...u, attachedPolicyArns: [...u.attachedPolicyArns].sort() })),
      groups: byArn(inventory.iam.groups),
      roles: byArn(inventory.iam.roles),
      policies: byArn(inventory.iam.policies.filter((p) => !p.awsManaged || attached.has(p.arn))),
    },
  };
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sort(value));
}

/** Grants and assumptions in a stable order, so that two computations over differently ordered inputs compare. */
function sortedAccess(access: EffectiveAccess): EffectiveAccess {
  const key = (x: unknown) => canonical(x);
  return {
    grants: [...access.grants].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
    assumes: [...access.assumes].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
    ...(access.skipped ? { skipped: access.skipped } : {}),
  };
}

beforeAll(async () => {
  graph = await openGraph();
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("loadInventory", () => {
  it("gives back the written inventory, modulo what the graph does not keep", async () => {
    const original = richInventory();
    await writeInventory(graph, original, `run-${accountId}`);
    const loaded = await loadInventory(graph, accountId);
    expect(loaded).toEqual(asStored(original));
    // The differences asStored() accounts for, pinned so that a change in what the graph keeps is noticed.
    expect(loaded.iam.policies.map((p) => p.name)).toEqual(["DataRead", "OnlyData", "Unused", "AmazonS3FullAccess"]);
    expect(original.iam.policies.map((p) => p.name)).toContain("AmazonS3ReadOnlyAccess"); // AWS managed, unattached
    expect(loaded.kmsKeys).toEqual([]);
    expect(loaded.iam.groups[0]!.attachedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  it("yields the same effective access as the original inventory", async () => {
    const original = richInventory();
    await writeInventory(graph, original, `run-${accountId}`);
    const fromGraph = computeEffectiveAccess(await loadInventory(graph, accountId));
    const direct = computeEffectiveAccess(original);
    expect(sortedAccess(fromGraph)).toEqual(sortedAccess(direct));
    // Not vacuous: the public bucket is readable by everyone, bob is bounded, the external account can assume.
    const site = `arn:aws:s3:::sl-${accountId}-site`;
    expect(direct.grants.some((g) => g.principalArn === "*" && g.bucketArn === site && g.level === "READ")).toBe(true);
    expect(direct.assumes.map((a) => a.fromArn)).toContain("arn:aws:iam::444455556666:root");
    expect(direct.grants.length).toBeGreaterThan(5);
  });

  it("reports an account the graph does not have as not found", async () => {
    await expect(loadInventory(graph, "000000000001")).rejects.toBeInstanceOf(NotFoundError);
  });
});
