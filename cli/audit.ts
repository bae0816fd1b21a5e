/** `sightline audit` and `sightline schedule`: start, watch and schedule audit runs through Temporal. */
import { AuditClient } from "../workflows/client.js";
import type { AuditInput, AuditProgress } from "../workflows/audit-types.js";
import type { SightlineConfig } from "./config.js";

function describe(p: AuditProgress): string {
  const s = p.stats;
  return (
    `[${p.phase}] buckets ${p.bucketsDone}/${p.bucketsTotal}` +
    ` objects listed ${s.objects} classified ${s.objectsClassified} (unchanged ${s.objectsUnchanged})` +
    ` sensitive ${s.sensitiveObjects}` +
    (p.currentBuckets.length ? ` now: ${p.currentBuckets.join(", ")}` : "")
  );
}

export async function runAudit(config: SightlineConfig, opts: { wait: boolean; input: AuditInput }): Promise<number> {
  const client = await AuditClient.connect(config.temporal);
  try {
    const started = Date.now();
    const { runId } = await client.start(opts.input);
    console.log(`audit run ${runId} started`);
    if (!opts.wait) return 0;
    let last = "";
    const final = await client.wait(runId, (p) => {
      const line = describe(p);
      if (line !== last) console.log(line);
      last = line;
    });
    console.log(`audit run ${runId}: ${final.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (final.stats) console.log(JSON.stringify(final.stats, null, 2));
    if (final.error) console.error(`error: ${final.error}`);
    return final.status === "COMPLETED" ? 0 : 1;
  } finally {
    await client.close();
  }
}

export async function createSchedule(config: SightlineConfig, id: string, cron: string): Promise<void> {
  const client = await AuditClient.connect(config.temporal);
  try {
    await client.schedule(id, cron);
    console.log(`schedule ${id} set: audits run at "${cron}" (UTC)`);
  } finally {
    await client.close();
  }
}
