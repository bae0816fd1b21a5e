/**
 * `sightline demo`: Sightline's main job on one machine. Seeds the demo estate, runs a worker in this process,
 * audits the account while printing progress, then serves the API and prints a sample "who can reach PII" query.
 */
import { createLogger } from "./logger.js";
import { runApi } from "./api.js";
import { runAudit } from "./audit.js";
import { runSeed } from "./seed.js";
import { runWorker } from "./worker.js";
import type { SightlineConfig } from "./config.js";

export const SAMPLE_QUERY = `{
  sensitiveDataReach(category: PERSONAL) {
    principal { arn kind }
    exposure
    findingCount
    buckets { bucket { name } findingCount accessPaths { path { arn } } }
  }
}`;

export async function runDemo(config: SightlineConfig): Promise<void> {
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel, "sightline");
  console.log("1/4 seeding the demo estate (Acme Analytics) into moto...");
  await runSeed(config);

  console.log("2/4 starting an audit worker...");
  const stopWorker = new AbortController();
  const worker = runWorker(config, log, stopWorker.signal);
  worker.catch((err: unknown) => {
    console.error(`worker failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });

  console.log("3/4 auditing the account (inventory, access, classification)...");
  const code = await runAudit(config, { wait: true, input: {} });
  if (code !== 0) throw new Error("the audit did not complete; see the messages above");

  console.log("4/4 serving the GraphQL API...");
  const api = await runApi(config, log);
  console.log(`\nGraphQL API at ${api.url}\nTry: who can read personal data, and how?\n`);
  console.log(
    `curl -s ${api.url} -H 'content-type: application/json' -d '${JSON.stringify({ query: SAMPLE_QUERY.replace(/\s+/g, " ") })}'\n`,
  );
  const answer = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: SAMPLE_QUERY }),
  }).then((r) => r.json());
  console.log(JSON.stringify(answer, null, 2));
  console.log("\nServing until Ctrl-C. The worker keeps running, so `sightline audit` and the startAudit mutation work too.");
}
