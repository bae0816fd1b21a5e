/**
 * Builds a Temporal worker that runs the audit workflow and its activities. More workers on more machines (same
 * task queue, same Temporal cluster) is how audits scale out: Temporal spreads buckets' activities across them.
 */
import { fileURLToPath } from "node:url";
import { NativeConnection, Worker, type Logger as TemporalLogger } from "@temporalio/worker";
import { ServiceUnavailableError } from "../services/errors.js";
import { loadDetectorConfig } from "../graph/queries/custom-data.js";
import { createAuditActivities, type AuditActivityDeps } from "./activities.js";
import { createRevealActivities } from "./reveal.js";

export interface AuditWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Parallel activities on this worker; classification is CPU-bound, so about one per core. */
  maxConcurrentActivityTaskExecutions?: number;
}

export const workflowsPath = fileURLToPath(new URL("./workflows.js", import.meta.url));

export async function createAuditWorker(options: AuditWorkerOptions, deps: AuditActivityDeps): Promise<Worker> {
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect({ address: options.address });
  } catch (err) {
    throw new ServiceUnavailableError("temporal", `cannot connect to ${options.address}: ${(err as Error).message}`);
  }
  return Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath,
    activities: {
      ...createAuditActivities(deps),
      ...createRevealActivities({
        aws: deps.aws,
        fingerprintKey: deps.fingerprintKey,
        limits: deps.limits,
        detectorConfig: () => loadDetectorConfig(deps.graph),
      }),
    },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 4,
    // Short grace period: activities are resumable, so a stopping worker need not wait for long work to end.
    shutdownGraceTime: "5s",
  });
}

export type { TemporalLogger };
