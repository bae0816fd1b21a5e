/**
 * What the API needs from the rest of Sightline, as interfaces the composition root (cli/) fills in: the graph for
 * reads and the audit service for starting and following audits. workflows/client.ts's AuditClient satisfies
 * AuditService as it is.
 */
import type { GraphReader } from "../graph/queries/reader.js";
import type { GraphWriter } from "../graph/writes/custom-data.js";
import type { AuditInput, AuditProgress, AuditStats } from "../workflows/audit-types.js";
import type { RevealInput, SampleGroup } from "../workflows/reveal.js";

export type { GraphWriter } from "../graph/writes/custom-data.js";
export type { RevealInput, SampleGroup } from "../workflows/reveal.js";

/** Temporal's view of one audit run's workflow execution. */
export interface AuditRunStatus {
  runId: string;
  /** Temporal's execution status name: RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT... */
  status: string;
  /** ISO-8601. */
  startedAt: string | null;
  finishedAt: string | null;
  progress: AuditProgress | null;
  stats: AuditStats | null;
  error: string | null;
}

export interface AuditService {
  start(input: AuditInput & { accountId?: string }): Promise<{ runId: string }>;
  /** Throws NotFoundError (services/errors.ts) when no run with this id is known. */
  status(runId: string): Promise<AuditRunStatus>;
}

/**
 * Sample reveal: re-reads one object on a worker (a short Temporal workflow, workflows/reveal-workflow.ts) and returns
 * the first values behind each identifier type. Throws NotFoundError when the object is gone.
 */
export interface SampleService {
  reveal(input: RevealInput): Promise<SampleGroup[]>;
}

/** The subset of pino's logger the API uses: where the real cause of an internal error goes. */
export interface ApiLogger {
  error(details: Record<string, unknown>, message: string): void;
}

export interface ApiDeps {
  graph: GraphReader;
  audits: AuditService;
  /** Writes of the API's own data (custom data identifiers, allow lists); those mutations are unavailable without it. */
  writer?: GraphWriter;
  /** Sample reveal; revealSamples is unavailable without it. */
  samples?: SampleService;
  /** Whether revealSamples may return values in clear (SIGHTLINE_ALLOW_CLEAR_SAMPLES=1); default false. */
  allowClearSamples?: boolean;
  /** Defaults to a logger that writes JSON lines to stderr. */
  logger?: ApiLogger;
}
