import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessGrant, AssumeEdge } from "../../../services/access/effective-access.js";
import type { Classification, Detection } from "../../../services/classify/types.js";
import type { Graph } from "../../../graph/driver.js";
import { readAllLengths, readShortestFirst, whoCanAccessQuery, type AccessPathRow } from "../../../graph/queries/access-paths.js";
import {
  reachByPrincipalQuery,
  runSensitiveDataReach,
  sensitiveBucketsQuery,
  sensitiveDataReachQuery,
  type SensitiveDataReachArgs,
} from "../../../graph/queries/sensitive-data-reach.js";
import { plain } from "../../../graph/queries/values.js";
import { writeClassifications } from "../../../graph/writes/classification.js";
import { writeEffectiveAccess } from "../../../graph/writes/effective-access.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { writeObjects } from "../../../graph/writes/objects.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
const data = `sl-${accountId}-data`;
const logs = `sl-${accountId}-logs`;
const roles = Array.from({ length: 5 }, (_, i) => `arn:aws:iam::${accountId}:role/chain-${i}`);
const users = Array.from({ length: 4 }, (_, i) => `arn:aws:iam::${accountId}:user/u${i}`);
let graph: Graph;

function grant(principalArn: string, principalKind: AccessGrant["principalKind"], bucket: string, level: AccessGrant["level"]): AccessGrant {
  const via = [{ policyId: `arn:aws:s3:::${bucket}#policy`, sid: principalArn, index: 0, effect: "Allow" as const, source: "bucket-policy" as const }];
  return { principalArn, principalKind, bucketArn: `arn:aws:s3:::${bucket}`, level, actions: ["s3:GetObject"], conditional: false, conditions: [], via };
}

function assume(fromArn: string, fromKind: AssumeEdge["fromKind"], toRoleArn: string): AssumeEdge {
  const via = [{ policyId: `${toRoleArn}#trust`, sid: fromArn, index: 0, effect: "Allow" as const, source: "trust" as const }];
  return { fromArn, fromKind, toRoleArn, conditional: false, conditions: [], via };
}

function detection(type: string, category: Detection["category"], severity: Detection["severity"], count: number): Detection {
  return { type, category, count, distinctValues: count, severity, occurrences: [] };
}

function classified(...detections: Detection[]): Classification {
  return { detections, unclassifiable: null, bytesScanned: 100, format: "text" };
}

/** Both plans, each read shortest chain first: the principal-first rows get their bucket's counts from the first query. */
async function bothPlans(args: SensitiveDataReachArgs, limit: number): Promise<[unknown[], unknown[]]> {
  const bucketFirst = await readShortestFirst<Record<string, unknown>>(graph, args.maxHops, limit, (hops, remaining) =>
    sensitiveDataReachQuery(args, hops, remaining),
  );
  const found = sensitiveBucketsQuery(args);
  const counts = new Map(
    (await graph.read<Record<string, unknown>>(found.cypher, found.params)).map((r) => {
      const b = plain(r) as { arn: string; findingCount: number; objectCount: number; occurrences: number };
      return [b.arn, { findingCount: b.findingCount, objectCount: b.objectCount, occurrences: b.occurrences }] as const;
    }),
  );
  const principalFirst = await readShortestFirst<AccessPathRow>(graph, args.maxHops, limit, (hops, remaining) =>
    reachByPrincipalQuery([...counts.keys()], hops, remaining),
  );
  return [bucketFirst, principalFirst.map((row) => ({ ...row, ...counts.get(row.bucket.arn) }))];
}

beforeAll(async () => {
  graph = await openGraph();
  await writeInventory(graph, fixtureInventory(accountId), "run-1");
  // Roles that only this test's edges name; the inventory writes principals the same way.
  await graph.write(
    "UNWIND $arns AS arn MERGE (p:Principal {arn: arn}) ON CREATE SET p:Role, p.kind = 'Role', p.accountId = $accountId, p.name = arn",
    { arns: roles, accountId },
  );
  const grants = [
    grant(users[0]!, "User", data, "READ"),
    grant(users[0]!, "User", logs, "READ"),
    grant(users[1]!, "User", logs, "LIST"),
    grant(roles[2]!, "Role", data, "READ"),
    grant(roles[3]!, "Role", logs, "READ"),
    grant(roles[4]!, "Role", data, "WRITE"),
    grant("*", "Public", logs, "READ"),
  ];
  const assumes = [
    assume(users[1]!, "User", roles[0]!),
    assume(roles[0]!, "Role", roles[1]!),
    assume(roles[1]!, "Role", roles[2]!),
    assume(roles[2]!, "Role", roles[0]!),
    assume(users[2]!, "User", roles[2]!),
    assume(users[3]!, "User", roles[3]!),
    assume(users[3]!, "User", roles[1]!),
  ];
  await writeEffectiveAccess(graph, accountId, { grants, assumes });
  for (const bucket of [data, logs]) {
    const objects = ["a.txt", "b.txt", "c.txt"].map((key) => ({
      bucket,
      key,
      size: 100,
      storageClass: "STANDARD",
      etag: `etag-${key}`,
      lastModified: "2026-11-01T00:00:00.000Z",
    }));
    await writeObjects(graph, accountId, bucket, objects, "run-1");
  }
  await writeClassifications(
    graph,
    data,
    [
      { key: "a.txt", etag: "etag-a.txt", classification: classified(detection("EMAIL_ADDRESS", "PERSONAL", "LOW", 4), detection("USA_SOCIAL_SECURITY_NUMBER", "PERSONAL", "HIGH", 2)) },
      { key: "b.txt", etag: "etag-b.txt", classification: classified(detection("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH", 3)) },
    ],
    "run-1",
  );
  await writeClassifications(graph, logs, [{ key: "c.txt", etag: "etag-c.txt", classification: classified(detection("EMAIL_ADDRESS", "PERSONAL", "LOW", 7)) }], "run-1");
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("sensitiveDataReach plans", () => {
  const questions: SensitiveDataReachArgs[] = [
    { category: "PERSONAL", maxHops: 4 },
    { category: "PERSONAL", minSeverity: "HIGH", maxHops: 4 },
    { type: "CREDIT_CARD_NUMBER", maxHops: 2 },
    { maxHops: 0 },
    { category: "PERSONAL", maxHops: 1 },
  ];

  it("gives the bucket-first plan's rows, in its order, for every limit and chain length", async () => {
    for (const args of questions) {
      for (const limit of [1, 2, 3, 5, 8, 1000]) {
        const [bucketFirst, principalFirst] = await bothPlans(args, limit);
        expect(principalFirst, `${JSON.stringify(args)} limit ${limit}`).toEqual(bucketFirst);
      }
    }
  });

  it("reaches this account's sensitive buckets directly and through role chains, without cycles", async () => {
    const [, rows] = await bothPlans({ category: "PERSONAL", minSeverity: "HIGH", maxHops: 4 }, 1000);
    const ours = (rows as (AccessPathRow & { findingCount: number; occurrences: number })[]).filter((r) => r.bucket.name === data);
    // Shortest chains first, then by principal ARN (roles sort before users).
    expect(ours.map((r) => `${r.chain.map((n) => n.arn.split("/").pop()).join(">")} ${r.findingCount} ${r.occurrences}`)).toEqual([
      "chain-2 1 2",
      "u0 1 2",
      "chain-1>chain-2 1 2",
      "u2>chain-2 1 2",
      "chain-0>chain-1>chain-2 1 2",
      "u3>chain-1>chain-2 1 2",
      "u1>chain-0>chain-1>chain-2 1 2",
    ]);
  });

  it("ranks the answer the same way whichever plan runSensitiveDataReach picks", async () => {
    const entries = await runSensitiveDataReach(graph, { category: "PERSONAL", maxHops: 4 });
    const mine = entries.filter((e) => e.buckets.some((b) => b.bucket.name === data || b.bucket.name === logs));
    expect(mine[0]).toMatchObject({ principal: { arn: "*" }, exposure: "PUBLIC" });
    const u0 = mine.find((e) => e.principal.arn === users[0]);
    expect(u0).toMatchObject({ exposure: "INTERNAL", findingCount: 2, objectCount: 2, occurrences: 13 });
  });
});

describe("access paths of every chain length in one round trip", () => {
  it("gives readShortestFirst's rows, in its order, for every limit and chain length", async () => {
    for (const bucket of [data, logs]) {
      for (const action of ["s3:GetObject", "READ", "LIST"]) {
        for (const maxHops of [0, 1, 2, 4]) {
          for (const limit of [1, 2, 3, 4, 6, 200]) {
            const args = { bucket, action, maxHops };
            const oneByOne = await readShortestFirst(graph, maxHops, limit, (hops, remaining) => whoCanAccessQuery(args, hops, remaining));
            const together = await readAllLengths(graph, maxHops, (hops) => whoCanAccessQuery(args, hops, limit));
            expect(together, `${bucket} ${action} ${maxHops} ${limit}`).toEqual(oneByOne);
          }
        }
      }
    }
  });

  it("finds the chains into the data bucket (chain-4's WRITE edge lists s3:GetObject too in this fixture)", async () => {
    const rows = await readAllLengths<AccessPathRow>(graph, 4, (hops) => whoCanAccessQuery({ bucket: data, action: "s3:GetObject", maxHops: 4 }, hops, 200));
    expect(rows.map((r) => r.chain.map((n) => n.arn.split("/").pop()).join(">"))).toEqual([
      "chain-2",
      "chain-4",
      "u0",
      "chain-1>chain-2",
      "u2>chain-2",
      "chain-0>chain-1>chain-2",
      "u3>chain-1>chain-2",
      "u1>chain-0>chain-1>chain-2",
    ]);
  });
});
