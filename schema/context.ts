/**
 * The per-request context: the ports, and DataLoaders that batch the per-bucket fields of a list into one UNWIND
 * query each. Loaders cache within a request only, so a new context is built for every operation.
 */
import DataLoader from "dataloader";
import { runBucketFindings, runBucketObjectSummaries, type ObjectsSummary } from "../graph/queries/buckets.js";
import type { FindingRow } from "../graph/queries/findings.js";
import type { ApiDeps, ApiLogger, AuditService, GraphWriter, SampleService } from "./ports.js";
import type { GraphReader } from "../graph/queries/reader.js";

/** Findings shown under each bucket; the findings query pages through the rest. */
export const BUCKET_FINDINGS_LIMIT = 100;

export interface ApiContext {
  graph: GraphReader;
  audits: AuditService;
  writer: GraphWriter | null;
  samples: SampleService | null;
  allowClearSamples: boolean;
  logger: ApiLogger;
  loaders: {
    objectsSummary: DataLoader<string, ObjectsSummary>;
    bucketFindings: DataLoader<string, FindingRow[]>;
  };
}

export const stderrLogger: ApiLogger = {
  error(details, message) {
    process.stderr.write(`${JSON.stringify({ level: "error", msg: message, ...details })}\n`);
  },
};

export function createRequestContext(deps: ApiDeps): ApiContext {
  const { graph } = deps;
  return {
    graph,
    audits: deps.audits,
    writer: deps.writer ?? null,
    samples: deps.samples ?? null,
    allowClearSamples: deps.allowClearSamples === true,
    logger: deps.logger ?? stderrLogger,
    loaders: {
      objectsSummary: new DataLoader((arns: readonly string[]) => runBucketObjectSummaries(graph, arns)),
      bucketFindings: new DataLoader((arns: readonly string[]) => runBucketFindings(graph, arns, BUCKET_FINDINGS_LIMIT)),
    },
  };
}
