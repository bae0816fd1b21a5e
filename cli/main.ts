/**
 * The `sightline` command: the single entry point for operators.
 *   stack up|down|status   local Neo4j, Temporal and moto (stack/stack.sh)
 *   seed                   create the demo estate in the configured AWS endpoint (moto)
 *   worker | api           run a Temporal worker | the GraphQL API
 *   audit [--wait]         start an audit run (optionally wait, showing progress)
 *   schedule <cron>        audit on a schedule (a Temporal Schedule)
 *   classify <path...>     classify local files and directories with the same engine as audits
 *   demo                   stack up, seed, audit, and serve the API with a sample query
 */
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command, Option } from "commander";
import { SightlineError } from "../services/errors.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

function stackScript(args: string[]): number {
  const result = spawnSync("bash", [`${repoRoot}stack/stack.sh`, ...args], { stdio: "inherit" });
  return result.status ?? 1;
}

const program = new Command()
  .name("sightline")
  .description("Find sensitive data in S3 and who can reach it.")
  .showHelpAfterError();

const stack = program.command("stack").description("manage the local stack (Neo4j, Temporal dev server, moto)");
for (const action of ["up", "down", "status", "env", "logs"]) {
  stack
    .command(action)
    .argument("[services...]", "neo4j, temporal, moto (default: all)")
    .action((services: string[]) => {
      process.exitCode = stackScript([action, ...services]);
    });
}

program
  .command("seed")
  .description("create the deterministic demo estate (Acme Analytics) in the configured AWS endpoint")
  .action(async () => {
    const { runSeed } = await import("./seed.js");
    await runSeed(loadConfig());
  });

program
  .command("worker")
  .description("run a Temporal worker for audits")
  .action(async () => {
    const config = loadConfig();
    const { runWorker } = await import("./worker.js");
    await runWorker(config, createLogger(config.logLevel, "sightline-worker"));
  });

program
  .command("api")
  .description("serve the GraphQL API")
  .action(async () => {
    const config = loadConfig();
    const { runApi } = await import("./api.js");
    const api = await runApi(config, createLogger(config.logLevel, "sightline-api"));
    console.log(`GraphQL API at ${api.url}`);
  });

program
  .command("audit")
  .description("start an audit of the configured AWS account")
  .option("--wait", "wait for the run to finish, showing progress")
  .option("--bucket <name...>", "audit only these buckets")
  .option("--max-objects <n>", "classify at most n changed objects per bucket", (v) => Number.parseInt(v, 10))
  .option("--no-classify", "inventory and access only, no content classification")
  .action(async (opts: { wait?: boolean; bucket?: string[]; maxObjects?: number; classify: boolean }) => {
    const { runAudit } = await import("./audit.js");
    process.exitCode = await runAudit(loadConfig(), {
      wait: opts.wait === true,
      input: { buckets: opts.bucket, maxObjectsPerBucket: opts.maxObjects, classify: opts.classify },
    });
  });

program
  .command("schedule")
  .description("audit on a schedule, e.g. '0 3 * * *' for 03:00 UTC daily (a Temporal Schedule)")
  .argument("<cron>", "cron expression")
  .option("--id <id>", "schedule id", "sightline-daily-audit")
  .action(async (cron: string, opts: { id: string }) => {
    const { createSchedule } = await import("./audit.js");
    await createSchedule(loadConfig(), opts.id, cron);
  });

program
  .command("classify")
  .description("classify local files and directories (archives included)")
  .argument("<paths...>", "files or directories")
  .addOption(new Option("--json", "one JSON object per line per input file"))
  .action(async (paths: string[], opts: { json?: boolean }) => {
    const { runClassify } = await import("./classify.js");
    process.exitCode = await runClassify(paths, { json: opts.json === true, env: process.env });
  });

program
  .command("demo")
  .description("the whole main job: stack up, seed, audit, then serve the API (Ctrl-C to stop)")
  .option("--no-stack", "use services that are already running")
  .action(async (opts: { stack: boolean }) => {
    if (opts.stack && stackScript(["up"]) !== 0) {
      process.exitCode = 1;
      return;
    }
    const { runDemo } = await import("./demo.js");
    await runDemo(loadConfig());
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof SightlineError) {
    console.error(`sightline: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ""}`);
  } else {
    console.error(`sightline: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
