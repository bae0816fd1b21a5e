/**
 * Test doubles for the API's own ports (GraphReader, AuditService, ApiLogger) — never for Neo4j or Temporal
 * themselves, which the integration tests use for real.
 */
import type { GraphReader } from "../../../graph/queries/reader.js";
import type { ApiLogger, AuditRunStatus, AuditService } from "../../../schema/ports.js";

export interface ReadCall {
  cypher: string;
  params: Record<string, unknown>;
}

/** A reader that answers each query with `respond` and records every call. */
export function scriptedReader(respond: (call: ReadCall) => unknown[] | Promise<unknown[]>): GraphReader & { calls: ReadCall[] } {
  const calls: ReadCall[] = [];
  return {
    calls,
    async read<T>(cypher: string, params: Record<string, unknown>): Promise<T[]> {
      calls.push({ cypher, params });
      return (await respond({ cypher, params })) as T[];
    },
  };
}

export function recordingAudits(status: (runId: string) => Promise<AuditRunStatus>): AuditService & {
  started: Parameters<AuditService["start"]>[0][];
} {
  const started: Parameters<AuditService["start"]>[0][] = [];
  return {
    started,
    async start(input) {
      started.push(input);
      return { runId: `audit-test-${started.length}` };
    },
    status,
  };
}

export function recordingLogger(): ApiLogger & { entries: { details: Record<string, unknown>; message: string }[] } {
  const entries: { details: Record<string, unknown>; message: string }[] = [];
  return { entries, error: (details, message) => void entries.push({ details, message }) };
}
