/**
 * Neo4j's PROFILE of the API's access queries on the bench graph (run bench/api-latency/run.ts first): each plan
 * operator with its rows and database hits, to see where a slow query spends its time. sensitiveDataReach is shown
 * as the principal-first plan that runSensitiveDataReach picks on this graph.
 *
 *   BENCH_NEO4J_URI=bolt://127.0.0.1:27687 npx tsx bench/api-latency/profile.ts [bucket-name]
 */
import neo4j, { type ProfiledPlan } from "neo4j-driver";
import { allLengthsQuery, whoCanAccessQuery } from "../../graph/queries/access-paths.js";
import { reachByPrincipalQuery, sensitiveBucketsQuery } from "../../graph/queries/sensitive-data-reach.js";
import { toCypherValue } from "../../graph/driver.js";

function printPlan(plan: ProfiledPlan, depth = 0): void {
  const details = String(plan.arguments.Details ?? "").slice(0, 110);
  console.log(`${"  ".repeat(depth)}${plan.operatorType} rows=${plan.rows} dbHits=${plan.dbHits}  ${details}`);
  for (const child of plan.children) printPlan(child, depth + 1);
}

async function main(): Promise<void> {
  const uri = process.env.BENCH_NEO4J_URI ?? "bolt://127.0.0.1:27687";
  if (/:7687$/.test(uri)) throw new Error("profile the private bench Neo4j, not the shared dev one");
  const driver = neo4j.driver(uri, neo4j.auth.basic("neo4j", process.env.NEO4J_PASSWORD ?? "sightline-dev-password"));
  const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
  try {
    const bucket = process.argv[2] ?? "bkt-t13-s0-13";
    const arnsOf = async (category: string): Promise<string[]> => {
      const found = sensitiveBucketsQuery({ category, maxHops: 4 });
      const result = await session.run(found.cypher, toCypherValue(found.params) as Record<string, unknown>);
      return result.records.map((r) => r.get("arn") as string);
    };
    const who = { bucket, action: "s3:GetObject", maxHops: 4 };
    const queries = [
      [`whoCanAccess ${bucket} (every chain length, one round trip)`, allLengthsQuery(4, (hops) => whoCanAccessQuery(who, hops, 200))],
      ["sensitiveDataReach PERSONAL: matching buckets", sensitiveBucketsQuery({ category: "PERSONAL", maxHops: 4 })],
      ["sensitiveDataReach PERSONAL: direct paths, principals first", reachByPrincipalQuery(await arnsOf("PERSONAL"), 0, 1000)],
    ] as const;
    for (const [name, q] of queries) {
      const started = performance.now();
      const result = await session.run(`PROFILE ${q.cypher}`, toCypherValue(q.params) as Record<string, unknown>);
      const ms = performance.now() - started;
      console.log(`\n== ${name}: ${result.records.length} rows in ${ms.toFixed(0)} ms`);
      if (result.summary.profile) printPlan(result.summary.profile);
    }
  } finally {
    await session.close();
    await driver.close();
  }
}

await main();
