/**
 * Worker-thread entry of streamEffectiveAccess: compiles the inventory once, then computes what the parent asks for
 * (the grants of a range of principals, or the CAN_ASSUME edges) and posts the result back. Grants travel encoded
 * (grant-encoding.ts); the row buffer is transferred, not copied.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { AccountInventory } from "../aws/inventory.js";
import { EffectiveAccessEngine } from "./effective-access-engine.js";
import type { AssumeEdge, SkippedPolicy } from "./effective-access.js";
import { GrantEncoder, type EncodedGrants } from "./grant-encoding.js";
import type { EffectiveAccessOptions } from "./inventory-model.js";

export interface WorkerInput {
  inventory: AccountInventory;
  options: EffectiveAccessOptions;
}

export type WorkerTask = { type: "grants"; chunk: number; from: number; to: number } | { type: "assumes" };

export type WorkerMessage =
  | { type: "ready"; principals: number; skipped: SkippedPolicy[] }
  | { type: "grants"; chunk: number; encoded: EncodedGrants }
  | { type: "assumes"; assumes: AssumeEdge[] }
  | { type: "error"; message: string };

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

try {
  const { inventory, options } = workerData as WorkerInput;
  const engine = new EffectiveAccessEngine(inventory, options);
  const encoder = new GrantEncoder(engine.model.buckets.map((b) => b.arn));
  post({ type: "ready", principals: engine.principals().length, skipped: engine.model.skipped });
  port.on("message", (task: WorkerTask) => {
    try {
      if (task.type === "assumes") {
        post({ type: "assumes", assumes: engine.computeAssumes() });
      } else {
        const encoded = encoder.encode(engine.grantsOfPrincipals(task.from, task.to));
        post({ type: "grants", chunk: task.chunk, encoded }, [encoded.rows.buffer as ArrayBuffer]);
      }
    } catch (error) {
      post({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
} catch (error) {
  post({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
