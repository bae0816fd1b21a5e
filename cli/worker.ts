/**
 * Composition root of a worker process: connects Neo4j, Temporal and AWS, and runs audit activities and workflows.
 */
import type { Logger } from "pino";
import { connectGraph } from "../graph/driver.js";
import { migrate } from "../graph/migrations/migrate.js";
import { createAwsClients } from "../services/aws/clients.js";
import { defaultLimits } from "../services/classify/limits.js";
import { createAuditWorker } from "../workflows/worker.js";
import type { SightlineConfig } from "./config.js";

export async function runWorker(config: SightlineConfig, log: Logger, signal?: AbortSignal): Promise<void> {
  const graph = await connectGraph(config.neo4j);
  await migrate(graph);
  const aws = createAwsClients({ region: config.aws.region, endpointUrl: config.aws.endpointUrl });
  const worker = await createAuditWorker(config.temporal, {
    graph,
    aws,
    region: config.aws.region,
    fingerprintKey: config.fingerprintKey,
    limits: defaultLimits(),
    log,
  });
  const stop = () => worker.shutdown();
  signal?.addEventListener("abort", stop, { once: true });
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  log.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, "worker running");
  try {
    await worker.run();
  } finally {
    await graph.close();
  }
}
