/**
 * Audit activities: the I/O steps of an audit. Each reads from AWS through services/aws and writes to Neo4j through
 * graph/, idempotently, so that Temporal may retry or resume any of them without changing the result.
 */
import type { Readable } from "node:stream";
import { Context } from "@temporalio/activity";
import type { Logger } from "pino";
import { streamEffectiveAccess } from "../services/access/effective-access-stream.js";
import type { EffectiveAccessBatch } from "../services/access/effective-access.js";
import type { AwsClients } from "../services/aws/clients.js";
import { collectInventory, listObjects, openObject } from "../services/aws/index.js";
import { classifyObject } from "../services/classify/classify-object.js";
import type { Detector } from "../services/classify/detect/detector.js";
import { createClassifier } from "../services/classify/default-detector.js";
import { loadDetectorConfig } from "../graph/queries/custom-data.js";
import type { ClassifyLimits } from "../services/classify/limits.js";
import type { Classification } from "../services/classify/types.js";
import { computePostureFindings } from "../services/findings/posture-findings.js";
import { AwsCallError } from "../services/errors.js";
import type { Graph } from "../graph/driver.js";
import { finishAuditRun, startAuditRun } from "../graph/writes/audit-run.js";
import { bucketArn } from "../graph/cypher.js";
import { updateBucketStats, updateSensitiveSummaries } from "../graph/writes/bucket-stats.js";
import { writeClassifications, type ClassifiedObject } from "../graph/writes/classification.js";
import { writeEffectiveAccess } from "../graph/writes/effective-access.js";
import { writeInventory } from "../graph/writes/inventory.js";
import { objectsNeedingClassification, pruneObjects, writeObjects, type ObjectToClassify } from "../graph/writes/objects.js";
import { writePostureFindings } from "../graph/writes/posture-findings.js";
import { refreshExposureFindings } from "../graph/writes/exposure-findings.js";
import { getAccountId } from "../services/aws/index.js";
import type {
  AuditStats,
  BucketClassificationResult,
  BucketInventoryResult,
  CollectedAccount,
} from "./audit-types.js";

export interface AuditActivityDeps {
  graph: Graph;
  aws: AwsClients;
  region: string;
  /** HMAC key of value fingerprints; the detector is rebuilt per bucket with the custom identifiers of the moment. */
  fingerprintKey: string;
  limits: ClassifyLimits;
  log: Logger;
}

/** Storage classes whose objects cannot be read without a restore: unclassifiable, as in Macie. */
const ARCHIVED_STORAGE_CLASSES = new Set(["GLACIER", "DEEP_ARCHIVE"]);

/** Objects of one bucket read and classified at once by one activity. */
const OBJECT_CONCURRENCY = 4;
/** Objects whose results are written in one transaction. */
const WRITE_CHUNK = 50;

async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function heartbeat(details?: unknown): void {
  // Activities may also run outside a worker (unit use); heartbeating then has no context.
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not inside an activity */
  }
}

function unclassifiable(reason: Classification["unclassifiable"], format = "unknown"): Classification {
  return { detections: [], unclassifiable: reason, bytesScanned: 0, format };
}

export function createAuditActivities(deps: AuditActivityDeps) {
  const { graph, aws, log } = deps;

  /** Reads and classifies one object; a read failure becomes an unclassifiable result, never a failed run. */
  async function classifyOne(
    detector: Detector,
    bucket: string,
    object: ObjectToClassify,
    result: BucketClassificationResult,
  ): Promise<Classification> {
    if (ARCHIVED_STORAGE_CLASSES.has(object.storageClass)) {
      return unclassifiable({
        reason: "STORAGE_CLASS_UNSUPPORTED",
        detail: `objects in ${object.storageClass} must be restored before they can be read`,
      });
    }
    let body: Readable;
    try {
      body = await openObject(aws, bucket, object.key);
    } catch (err) {
      result.errors += 1;
      const code = err instanceof AwsCallError ? err.awsCode : "";
      return unclassifiable({
        reason: code === "AccessDenied" ? "ACCESS_DENIED" : code === "InvalidObjectState" ? "STORAGE_CLASS_UNSUPPORTED" : "READ_FAILED",
        detail: err instanceof Error ? err.message : String(err),
      });
    }
    let opened = false;
    return classifyObject(
      {
        name: object.key,
        size: object.size,
        open: () => {
          // The body is one network stream: a reader that needs the bytes twice must buffer them itself.
          if (opened) throw new Error("object body already consumed");
          opened = true;
          return body;
        },
      },
      detector,
      deps.limits,
    );
  }

  return {
    async beginAuditRun({ runId }: { runId: string }): Promise<void> {
      const accountId = await getAccountId(aws);
      await startAuditRun(graph, runId, accountId);
      log.info({ runId, accountId }, "audit run started");
    },

    /** Collects S3 and IAM facts, stores them, and derives effective access and posture findings from them. */
    async collectAccount({ runId }: { runId: string }): Promise<CollectedAccount> {
      heartbeat({ step: "collecting" });
      // Always the whole account: the graph mirrors it, and access is a property of the whole account.
      const inventory = await collectInventory(aws, {
        region: deps.region,
        // Object ACL surveys make large buckets slow to collect: report each bucket so the heartbeat stays alive.
        onBucketCollected: ({ bucket, bucketsDone, bucketsTotal }) =>
          heartbeat({ step: "collecting", bucket, bucketsDone, bucketsTotal }),
      });
      heartbeat({ step: "writing inventory" });
      await writeInventory(graph, inventory, runId);
      heartbeat({ step: "computing access" });
      // Streamed into the writer batch by batch (large accounts on worker threads): memory holds a few batches only.
      let accessGrants = 0;
      const counted = async function* (batches: AsyncIterable<EffectiveAccessBatch>): AsyncGenerator<EffectiveAccessBatch> {
        for await (const batch of batches) {
          accessGrants += batch.grants.length;
          heartbeat({ step: "computing access", grants: accessGrants });
          yield batch;
        }
      };
      await writeEffectiveAccess(graph, inventory.accountId, counted(streamEffectiveAccess(inventory)));
      const posture = computePostureFindings(inventory);
      await writePostureFindings(graph, inventory.accountId, posture, runId);
      const principals = inventory.iam.users.length + inventory.iam.roles.length + inventory.iam.groups.length;
      log.info(
        { runId, accountId: inventory.accountId, buckets: inventory.buckets.length, grants: accessGrants },
        "account collected",
      );
      return {
        accountId: inventory.accountId,
        buckets: inventory.buckets.map((b) => ({ name: b.name, errorCodes: b.errors.map((e) => e.code) })),
        principals,
        accessGrants,
        postureFindings: posture.length,
        errors: inventory.errors.length + inventory.buckets.reduce((n, b) => n + b.errors.length, 0),
      };
    },

    /** Lists a bucket's objects into the graph page by page and prunes objects that are gone. */
    async inventoryObjects(input: { runId: string; accountId: string; bucket: string }): Promise<BucketInventoryResult> {
      let objects = 0;
      let bytes = 0;
      try {
        for await (const page of listObjects(aws, input.bucket)) {
          await writeObjects(graph, input.accountId, input.bucket, page, input.runId);
          objects += page.length;
          bytes += page.reduce((n, o) => n + o.size, 0);
          heartbeat({ objects });
        }
      } catch (err) {
        if (err instanceof AwsCallError) {
          // An unreadable bucket is recorded by collectAccount; its listing stays as it was.
          log.warn({ bucket: input.bucket, code: err.awsCode }, "object listing failed; bucket skipped");
          return { objects, bytes };
        }
        throw err;
      }
      await pruneObjects(graph, input.bucket, input.runId);
      // Pruned objects take their detections with them; an audit that does not classify must not leave
      // sensitiveDataReach counting them.
      await updateSensitiveSummaries(graph, [bucketArn(input.bucket)]);
      return { objects, bytes };
    },

    /**
     * Classifies the objects whose ETag changed since they were last classified. Safe to resume: each object's
     * result is written with its ETag, so after a restart the finished objects no longer need classification.
     */
    async classifyObjects(input: { runId: string; bucket: string; maxObjects?: number }): Promise<BucketClassificationResult> {
      const result: BucketClassificationResult = { classified: 0, unclassifiable: 0, sensitiveObjects: 0, errors: 0 };
      // Custom data identifiers and allow lists are read at each bucket's start, so edits apply to the next bucket.
      const detector = createClassifier(deps.fingerprintKey, await loadDetectorConfig(graph));
      const limit = input.maxObjects ?? Number.POSITIVE_INFINITY;
      let afterKey: string | undefined;
      while (result.classified < limit) {
        const page = await objectsNeedingClassification(graph, input.bucket, { afterKey, limit: 200 });
        if (page.length === 0) break;
        const todo = page.slice(0, Math.max(0, limit - result.classified));
        // Chunks of objects share one graph transaction (one write per object costs ~10x more); a restart loses at
        // most one chunk. Within a chunk a few objects are read at once so S3 reads overlap classification.
        for (let start = 0; start < todo.length; start += WRITE_CHUNK) {
          const chunk = todo.slice(start, start + WRITE_CHUNK);
          const results: ClassifiedObject[] = [];
          await forEachConcurrently(chunk, OBJECT_CONCURRENCY, async (object) => {
            const classification = await classifyOne(detector, input.bucket, object, result);
            results.push({ key: object.key, etag: object.etag, classification });
            heartbeat({ bucket: input.bucket, classified: result.classified + results.length, key: object.key });
          });
          await writeClassifications(graph, input.bucket, results, input.runId);
          for (const { classification } of results) {
            result.classified += 1;
            if (classification.unclassifiable) result.unclassifiable += 1;
            if (classification.detections.length > 0) result.sensitiveObjects += 1;
          }
          heartbeat({ bucket: input.bucket, classified: result.classified, lastKey: chunk[chunk.length - 1]!.key });
        }
        afterKey = page[page.length - 1]!.key;
      }
      await updateBucketStats(graph, input.bucket);
      return result;
    },

    async finishAuditRun(input: {
      runId: string;
      accountId: string | null;
      status: "COMPLETED" | "FAILED";
      stats: AuditStats;
      error?: string;
    }): Promise<void> {
      // Exposure findings join access to what the data is, so they wait for classification to finish.
      if (input.status === "COMPLETED" && input.accountId !== null) {
        await refreshExposureFindings(graph, input.accountId, input.runId);
      }
      await finishAuditRun(graph, input.runId, input.status, { ...input.stats }, input.error);
      log.info({ runId: input.runId, status: input.status, stats: input.stats }, "audit run finished");
    },
  };
}
