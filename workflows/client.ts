/**
 * Starting and watching audits from outside a worker (the CLI and the GraphQL API), and the daily schedule.
 */
import { randomUUID } from "node:crypto";
import { Client, Connection, ScheduleOverlapPolicy, WorkflowNotFoundError } from "@temporalio/client";
import { NotFoundError, ServiceUnavailableError } from "../services/errors.js";
import {
  AUDIT_WORKFLOW_TYPE,
  PROGRESS_QUERY,
  type AuditInput,
  type AuditProgress,
  type AuditStats,
} from "./audit-types.js";
import type { RevealInput, SampleGroup } from "./reveal.js";

export interface AuditClientOptions {
  address: string;
  namespace: string;
  taskQueue: string;
}

export type AuditStatus = "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "TERMINATED" | "TIMED_OUT" | "CONTINUED_AS_NEW" | "UNKNOWN";

export interface AuditRunStatus {
  runId: string;
  status: AuditStatus;
  startedAt: string;
  finishedAt: string | null;
  progress: AuditProgress | null;
  stats: AuditStats | null;
  error: string | null;
}

export class AuditClient {
  private constructor(
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly options: AuditClientOptions,
  ) {}

  static async connect(options: AuditClientOptions): Promise<AuditClient> {
    try {
      const connection = await Connection.connect({ address: options.address, connectTimeout: "5s" });
      return new AuditClient(new Client({ connection, namespace: options.namespace }), connection, options);
    } catch (err) {
      throw new ServiceUnavailableError("temporal", `cannot connect to ${options.address}: ${(err as Error).message}`);
    }
  }

  /** Starts an audit run; its id is the workflow id, stable across retries and worker restarts. */
  async start(input: AuditInput = {}, runId = newRunId()): Promise<{ runId: string }> {
    const { buckets, maxObjectsPerBucket, classify } = input;
    await this.unavailableAsTyped(() =>
      this.client.workflow.start(AUDIT_WORKFLOW_TYPE, {
        taskQueue: this.options.taskQueue,
        workflowId: runId,
        // Only the workflow's own input: callers such as the API may pass extra fields.
        args: [{ buckets, maxObjectsPerBucket, classify }],
      }),
    );
    return { runId };
  }

  /** Temporal being down mid-call is a service outage for callers, not an internal error. */
  private async unavailableAsTyped<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const name = (err as Error).name;
      if (name === "ServiceError" || name === "TransportError" || /UNAVAILABLE|DEADLINE_EXCEEDED/.test(String((err as Error).message))) {
        throw new ServiceUnavailableError("temporal", `${this.options.address}: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  async status(runId: string): Promise<AuditRunStatus> {
    const handle = this.client.workflow.getHandle(runId);
    let description;
    try {
      description = await this.unavailableAsTyped(() => handle.describe());
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundError("AuditRun", runId);
      throw err;
    }
    const status = (description.status.name as AuditStatus) ?? "UNKNOWN";
    let progress: AuditProgress | null = null;
    let stats: AuditStats | null = null;
    let error: string | null = null;
    if (status === "RUNNING") {
      progress = await handle.query<AuditProgress>(PROGRESS_QUERY).catch(() => null);
    } else if (status === "COMPLETED") {
      stats = await handle.result();
    } else if (status === "FAILED") {
      error = await handle.result().then(
        () => null,
        (e: unknown) => (e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)),
      );
    }
    return {
      runId,
      status,
      startedAt: description.startTime.toISOString(),
      finishedAt: description.closeTime ? description.closeTime.toISOString() : null,
      progress,
      stats: stats ?? progress?.stats ?? null,
      error,
    };
  }

  /** Waits for a run to end, calling onProgress every interval with its live progress. */
  async wait(runId: string, onProgress?: (p: AuditProgress) => void, intervalMs = 1000): Promise<AuditRunStatus> {
    const handle = this.client.workflow.getHandle(runId);
    let done = false;
    const result = handle.result().finally(() => {
      done = true;
    });
    result.catch(() => undefined);
    while (!done) {
      await new Promise((r) => setTimeout(r, intervalMs));
      if (!done && onProgress) {
        const progress = await handle.query<AuditProgress>(PROGRESS_QUERY).catch(() => null);
        if (progress) onProgress(progress);
      }
    }
    return this.status(runId);
  }

  /**
   * Creates (or updates) a Temporal Schedule that starts an audit on a cron expression. Temporal owns the schedule:
   * overlapping runs are skipped, missed runs catch up once.
   */
  async schedule(scheduleId: string, cron: string, input: AuditInput = {}): Promise<void> {
    const action = {
      type: "startWorkflow" as const,
      workflowType: AUDIT_WORKFLOW_TYPE,
      taskQueue: this.options.taskQueue,
      args: [input],
      workflowId: `scheduled-${scheduleId}`,
    };
    const spec = { cronExpressions: [cron] };
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: "1 day" };
    try {
      await this.client.schedule.create({ scheduleId, spec, action, policies });
    } catch (err) {
      if ((err as Error).name !== "ScheduleAlreadyRunning") throw err;
      await this.client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies }));
    }
  }

  /** Re-reads one object in a worker and returns masked samples of its sensitive values; nothing is stored. */
  async revealSamples(input: RevealInput): Promise<SampleGroup[]> {
    return this.unavailableAsTyped(() =>
      this.client.workflow.execute("revealSamplesWorkflow", {
        taskQueue: this.options.taskQueue,
        workflowId: `reveal-${randomUUID()}`,
        args: [input],
        workflowExecutionTimeout: "10 minutes",
      }),
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15);
  return `audit-${stamp}-${Math.random().toString(36).slice(2, 8)}`;
}
