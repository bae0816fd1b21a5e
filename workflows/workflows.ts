/**
 * The audit workflow: deterministic orchestration only. All I/O happens in activities (activities.ts), which
 * Temporal retries and, for long ones, resumes from their last heartbeat on whichever worker is alive.
 */
import { defineQuery, proxyActivities, setHandler, workflowInfo } from "@temporalio/workflow";
import type { createAuditActivities } from "./activities.js";
import {
  emptyStats,
  PROGRESS_QUERY,
  type AuditInput,
  type AuditProgress,
  type AuditStats,
} from "./audit-types.js";

type Activities = ReturnType<typeof createAuditActivities>;

// The worker loads every workflow from this one module.
export { revealSamplesWorkflow } from "./reveal-workflow.js";

const retry = { initialInterval: "1s", backoffCoefficient: 2, maximumInterval: "30s", maximumAttempts: 5 };

const quick = proxyActivities<Activities>({
  startToCloseTimeout: "1 minute",
  retry: { ...retry, nonRetryableErrorTypes: ["ConfigError"] },
});
const collect = proxyActivities<Activities>({
  startToCloseTimeout: "30 minutes",
  heartbeatTimeout: "2 minutes",
  retry,
});
/** Long per-bucket work: heartbeats carry progress, so a restarted worker resumes instead of starting over. */
const perBucket = proxyActivities<Activities>({
  startToCloseTimeout: "6 hours",
  heartbeatTimeout: "20 seconds",
  retry: { ...retry, maximumAttempts: 10 },
});

export const progressQuery = defineQuery<AuditProgress>(PROGRESS_QUERY);

/** How many buckets are inventoried and classified at once by one run. */
const BUCKET_CONCURRENCY = 3;

export async function auditAccount(input: AuditInput = {}): Promise<AuditStats> {
  const runId = workflowInfo().workflowId;
  const stats = emptyStats();
  const progress: AuditProgress = { phase: "STARTING", bucketsTotal: 0, bucketsDone: 0, currentBuckets: [], stats };
  setHandler(progressQuery, () => progress);

  await quick.beginAuditRun({ runId });
  try {
    progress.phase = "COLLECTING";
    const account = await collect.collectAccount({ runId });
    stats.accountId = account.accountId;
    stats.buckets = account.buckets.length;
    stats.bucketsWithErrors = account.buckets.filter((b) => b.errorCodes.length > 0).length;
    stats.principals = account.principals;
    stats.accessGrants = account.accessGrants;
    stats.postureFindings = account.postureFindings;
    stats.errors += account.errors;
    progress.bucketsTotal = account.buckets.length;

    progress.phase = input.classify === false ? "INVENTORYING" : "CLASSIFYING";
    const selected = input.buckets === undefined ? null : new Set(input.buckets);
    const queue = account.buckets.map((b) => b.name).filter((name) => selected === null || selected.has(name));
    progress.bucketsTotal = queue.length;
    const worker = async (): Promise<void> => {
      for (let bucket = queue.shift(); bucket !== undefined; bucket = queue.shift()) {
        progress.currentBuckets.push(bucket);
        const listed = await perBucket.inventoryObjects({ runId, accountId: account.accountId, bucket });
        stats.objects += listed.objects;
        stats.bytes += listed.bytes;
        if (input.classify !== false) {
          const result = await perBucket.classifyObjects({
            runId,
            bucket,
            maxObjects: input.maxObjectsPerBucket,
          });
          stats.objectsClassified += result.classified;
          if (input.maxObjectsPerBucket === undefined) stats.objectsUnchanged += listed.objects - result.classified;
          stats.objectsUnclassifiable += result.unclassifiable;
          stats.sensitiveObjects += result.sensitiveObjects;
          stats.errors += result.errors;
        }
        progress.currentBuckets = progress.currentBuckets.filter((b) => b !== bucket);
        progress.bucketsDone += 1;
      }
    };
    await Promise.all(Array.from({ length: BUCKET_CONCURRENCY }, worker));

    progress.phase = "FINISHING";
    await quick.finishAuditRun({ runId, accountId: account.accountId, status: "COMPLETED", stats });
    progress.phase = "DONE";
    return stats;
  } catch (err) {
    progress.phase = "FAILED";
    const message = err instanceof Error ? err.message : String(err);
    await quick.finishAuditRun({ runId, accountId: stats.accountId, status: "FAILED", stats, error: message });
    throw err;
  }
}
