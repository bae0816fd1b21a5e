import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessGrant, AssumeEdge } from "../../../services/access/effective-access.js";
import type { Classification, Detection } from "../../../services/classify/types.js";
import type { Graph } from "../../../graph/driver.js";
import { ACCESS_PATH_COLUMNS, readAllLengths, readShortestFirst, whoCanAccessQuery, type AccessPathRow } from "../../../graph/queries/access-paths.js";
import {
  reachByPrincipalQuery,
  reachRowOf,
  runSensitiveDataReach,
  sensitiveBucketsQuery,
  sensitiveDataReachQuery,
  type ReachPathColumns,
  type SensitiveCounts,
  type SensitiveDataReachArgs,
} from "../../../graph/queries/sensitive-data-reach.js";
import { SEVERITY_RANK, plain } from "../../../graph/queries/values.js";
import { updateBucketStats, updateSensitiveSummaries } from "../../../graph/writes/bucket-stats.js";
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

async function bucketCounts(args: SensitiveDataReachArgs): Promise<Map<string, SensitiveCounts>> {
  const found = sensitiveBucketsQuery(args);
  return new Map(
    (await graph.read<Record<string, unknown>>(found.cypher, found.params)).map((r) => {
      const b = plain(r) as { arn: string; findingCount: number; objectCount: number; occurrences: number };
      return [b.arn, { findingCount: b.findingCount, objectCount: b.objectCount, occurrences: b.occurrences }] as const;
    }),
  );
}

/** Both plans, each read shortest chain first: the principal-first rows get their bucket's counts from the first query. */
async function bothPlans(args: SensitiveDataReachArgs, limit: number): Promise<[unknown[], unknown[]]> {
  const bucketFirst = await readShortestFirst<ReachPathColumns & SensitiveCounts>(graph, args.maxHops, limit, (hops, remaining) =>
    sensitiveDataReachQuery(args, hops, remaining),
  );
  const counts = await bucketCounts(args);
  const principalFirst = await readShortestFirst<ReachPathColumns>(graph, args.maxHops, limit, (hops, remaining) =>
    reachByPrincipalQuery([...counts.keys()], hops, remaining),
  );
  return [bucketFirst.map((row) => reachRowOf(row, row)), principalFirst.map((row) => reachRowOf(row, counts.get(row.bucket[0])!))];
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
  // As the classification activity ends for each bucket.
  for (const bucket of [data, logs]) await updateBucketStats(graph, bucket);
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

/** The counts of every bucket of this test, aggregated from the detections themselves (what the summaries replace). */
async function countsFromDetections(args: SensitiveDataReachArgs): Promise<unknown[]> {
  const rank = "CASE toUpper(d.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END";
  const rows = await graph.read<Record<string, unknown>>(
    [
      "MATCH (b:Bucket)-[:CONTAINS]->(o:Object)-[:HAS_FINDING]->(f:Finding)-[:HAS_DETECTION]->(d:Detection)",
      "WHERE b.name IN $buckets AND ($type IS NULL OR d.type = $type) AND ($category IS NULL OR d.category = $category)",
      `  AND ${rank} >= $minRank`,
      "WITH b, count(DISTINCT f) AS findingCount, count(DISTINCT o) AS objectCount, sum(coalesce(d.count, 0)) AS occurrences",
      "RETURN b.arn AS arn, findingCount, objectCount, occurrences ORDER BY arn",
    ].join("\n"),
    {
      buckets: [data, logs],
      type: args.type ?? null,
      category: args.category ?? null,
      minRank: args.minSeverity ? SEVERITY_RANK[args.minSeverity] : 0,
    },
  );
  return rows.map(plain);
}

async function countsFromSummaries(args: SensitiveDataReachArgs): Promise<unknown[]> {
  const found = sensitiveBucketsQuery(args);
  const rows = (await graph.read<Record<string, unknown>>(found.cypher, found.params)).map((r) => plain(r) as Record<string, unknown>);
  return rows
    .filter((r) => r.arn === `arn:aws:s3:::${data}` || r.arn === `arn:aws:s3:::${logs}`)
    .map(({ arn, findingCount, objectCount, occurrences }) => ({ arn, findingCount, objectCount, occurrences }))
    .sort((a, b) => String(a.arn).localeCompare(String(b.arn)));
}

describe("sensitive-data summaries", () => {
  const filters: SensitiveDataReachArgs[] = [];
  for (const category of [null, "PERSONAL", "FINANCIAL", "CREDENTIALS"]) {
    for (const type of [null, "EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER", "CREDIT_CARD_NUMBER", "AWS_CREDENTIALS"]) {
      for (const minSeverity of [null, "LOW", "MEDIUM", "HIGH"] as const) filters.push({ category, type, minSeverity, maxHops: 4 });
    }
  }

  it("give the counts aggregated from the detections, for every combination of filters", async () => {
    for (const args of filters) {
      expect(await countsFromSummaries(args), JSON.stringify(args)).toEqual(await countsFromDetections(args));
    }
    expect(await countsFromSummaries({ category: "PERSONAL", maxHops: 4 })).toEqual([
      { arn: `arn:aws:s3:::${data}`, findingCount: 1, objectCount: 1, occurrences: 6 },
      { arn: `arn:aws:s3:::${logs}`, findingCount: 1, objectCount: 1, occurrences: 7 },
    ]);
  });

  it("are replaced, not added to, when written again", async () => {
    const count = async (): Promise<number> =>
      (await graph.read<{ n: unknown }>("MATCH (b:Bucket)-[:HAS_SENSITIVE_SUMMARY]->(s) WHERE b.name IN $buckets RETURN count(s) AS n", { buckets: [data, logs] }))
        .map((r) => plain(r.n) as number)[0]!;
    const before = await count();
    await updateSensitiveSummaries(graph, [`arn:aws:s3:::${data}`, `arn:aws:s3:::${logs}`]);
    expect(await count()).toBe(before);
    // data: PERSONAL x {*, EMAIL(LOW), SSN(HIGH)} and FINANCIAL x {*, CARD(HIGH)} with their severities, plus *|*|*...
    expect(before).toBe(40);
  });
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

  it("decode to the rows ACCESS_PATH_COLUMNS returns for the same paths", async () => {
    const args: SensitiveDataReachArgs = { category: "PERSONAL", maxHops: 4 };
    const counts = await bucketCounts(args);
    const arns = [...counts.keys()];
    for (const hops of [0, 1, 3]) {
      const compact = reachByPrincipalQuery(arns, hops, 1000);
      const columns = await graph.read<ReachPathColumns>(compact.cypher, compact.params);
      const maps = await graph.read<AccessPathRow>(compact.cypher.replace(/RETURN [\s\S]*$/, `RETURN ${ACCESS_PATH_COLUMNS}`), compact.params);
      expect(maps.length, `${hops} hops`).toBeGreaterThan(0);
      expect(columns.map((row) => reachRowOf(row, counts.get(row.bucket[0])!)), `${hops} hops`).toEqual(
        maps.map((row) => ({ ...row, ...counts.get(row.bucket.arn) })),
      );
    }
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
