/**
 * Composition root of the API process: the graph for reads, Temporal for starting and following audits.
 * Resolvers never call AWS; everything they answer comes from the graph an audit wrote.
 */
import type { Logger } from "pino";
import { connectGraph } from "../graph/driver.js";
import { migrate } from "../graph/migrations/migrate.js";
import type { AuditService, SampleService } from "../schema/ports.js";
import { startApiServer, type RunningApi } from "../schema/server.js";
import { AuditClient } from "../workflows/client.js";
import type { SightlineConfig } from "./config.js";

/** The API's audit port over Temporal. Connects lazily, so the API serves graph queries even while Temporal is down. */
export function temporalAuditService(
  config: SightlineConfig["temporal"],
): AuditService & SampleService & { close(): Promise<void> } {
  let client: Promise<AuditClient> | null = null;
  const connected = () => {
    client ??= AuditClient.connect(config).catch((err: unknown) => {
      client = null;
      throw err;
    });
    return client;
  };
  return {
    async start(input) {
      return (await connected()).start(input);
    },
    async status(runId) {
      return (await connected()).status(runId);
    },
    async reveal(input) {
      return (await connected()).revealSamples(input);
    },
    async close() {
      if (client) await (await client).close().catch(() => undefined);
    },
  };
}

export async function runApi(config: SightlineConfig, log: Logger): Promise<RunningApi> {
  const graph = await connectGraph(config.neo4j);
  await migrate(graph);
  const audits = temporalAuditService(config.temporal);
  const api = await startApiServer(
    { graph, writer: graph, audits, samples: audits, allowClearSamples: config.allowClearSamples, logger: log },
    config.api,
  );
  const stop = async () => {
    await api.stop();
    await audits.close();
    await graph.close();
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  log.info({ url: api.url }, "api serving");
  return { url: api.url, stop };
}
