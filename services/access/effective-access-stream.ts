/**
 * streamEffectiveAccess: computeEffectiveAccess as an async stream of batches (EffectiveAccessBatch), so that a
 * writer can store the edges chunk by chunk while memory stays bounded by a few batches rather than by every edge of
 * the organisation. Large inventories are computed by worker threads, each compiling the inventory once and taking
 * ranges of principals; the batches still come out in one fixed order, the same as the single-threaded one.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AccountInventory } from "../aws/inventory.js";
import { SightlineError } from "../errors.js";
import { EffectiveAccessEngine } from "./effective-access-engine.js";
import type { AccessGrant, AssumeEdge, EffectiveAccess, EffectiveAccessBatch, SkippedPolicy } from "./effective-access.js";
import type { WorkerInput, WorkerMessage, WorkerTask } from "./effective-access-worker.js";
import { GrantDecoder, type EncodedGrants } from "./grant-encoding.js";
import type { EffectiveAccessOptions } from "./inventory-model.js";

export interface EffectiveAccessStreamOptions {
  /**
   * Worker threads: 0 computes in the calling thread; "auto" (the default) uses one per available core, at most 4,
   * when the inventory is large (AUTO_WORKERS_MIN_PAIRS principal x bucket pairs) and there is more than one core.
   */
  workers?: number | "auto";
  /** Principals per batch (default 256): one batch holds all the grants of that many principals. */
  principalsPerBatch?: number;
}

/** Below this many principal x bucket pairs, starting threads and compiling the inventory again costs more than it saves. */
export const AUTO_WORKERS_MIN_PAIRS = 5_000_000;
const MAX_AUTO_WORKERS = 4;
const DEFAULT_PRINCIPALS_PER_BATCH = 256;

/** A worker thread failed or stopped while computing effective access. */
export class EffectiveAccessWorkerError extends SightlineError {
  readonly code = "ACCESS_WORKER_FAILED";
  constructor(detail: string) {
    super(`effective-access worker failed: ${detail}`, "Retry the audit; if it fails again, run it with workers: 0 to see the error in-process.");
  }
}

export function workerCount(inventory: AccountInventory, requested: number | "auto" = "auto"): number {
  if (requested !== "auto") return Math.max(0, Math.floor(requested));
  const cores = availableParallelism();
  const pairs = (inventory.iam.users.length + inventory.iam.roles.length) * inventory.buckets.length;
  return cores > 1 && pairs >= AUTO_WORKERS_MIN_PAIRS ? Math.min(cores, MAX_AUTO_WORKERS) : 0;
}

export async function* streamEffectiveAccess(
  inventory: AccountInventory,
  options: EffectiveAccessOptions = {},
  stream: EffectiveAccessStreamOptions = {},
): AsyncGenerator<EffectiveAccessBatch> {
  const perBatch = Math.max(1, stream.principalsPerBatch ?? DEFAULT_PRINCIPALS_PER_BATCH);
  const workers = workerCount(inventory, stream.workers);
  if (workers === 0) yield* inThisThread(inventory, options, perBatch);
  else yield* inWorkers(inventory, options, perBatch, workers);
}

/** Gathers a stream into one EffectiveAccess (what computeEffectiveAccess returns). */
export async function collectEffectiveAccess(batches: AsyncIterable<EffectiveAccessBatch>): Promise<EffectiveAccess> {
  const grants: AccessGrant[] = [];
  const assumes: AssumeEdge[] = [];
  const skipped: SkippedPolicy[] = [];
  for await (const batch of batches) {
    for (const g of batch.grants) grants.push(g);
    for (const a of batch.assumes) assumes.push(a);
    for (const s of batch.skipped) skipped.push(s);
  }
  return { grants, assumes, ...(skipped.length > 0 ? { skipped } : {}) };
}

function* inThisThread(inventory: AccountInventory, options: EffectiveAccessOptions, perBatch: number): Generator<EffectiveAccessBatch> {
  const engine = new EffectiveAccessEngine(inventory, options);
  const count = engine.principals().length;
  let skipped = engine.model.skipped;
  for (let from = 0; from < count; from += perBatch) {
    yield { grants: engine.grantsOfPrincipals(from, from + perBatch), assumes: [], skipped };
    skipped = [];
  }
  yield { grants: [], assumes: engine.computeAssumes(), skipped };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Awaited later, or never when an earlier failure ends the stream: never an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Running from TypeScript sources (tsx, vitest) the worker module is a .ts file, which a bare worker thread cannot
 * load: the thread first registers tsx's loader (a devDependency, present wherever sources run). Compiled code
 * loads the .js worker directly.
 */
function startWorker(input: WorkerInput): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./effective-access-worker.js", here), { workerData: input });
  const workerUrl = new URL("./effective-access-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

interface PooledWorker {
  thread: Worker;
  ready: Deferred<{ principals: number; skipped: SkippedPolicy[] }>;
  decoder: GrantDecoder;
  busy: boolean;
}

async function* inWorkers(
  inventory: AccountInventory,
  options: EffectiveAccessOptions,
  perBatch: number,
  count: number,
): AsyncGenerator<EffectiveAccessBatch> {
  const bucketArns = inventory.buckets.map((b) => b.arn);
  const assumes = deferred<AssumeEdge[]>();
  let chunks: Array<Deferred<{ worker: PooledWorker; encoded: EncodedGrants }>> = [];
  const failAll = (error: Error): void => {
    for (const w of pool) w.ready.reject(error);
    assumes.reject(error);
    for (const c of chunks) c.reject(error);
  };
  const pool: PooledWorker[] = [];
  for (let i = 0; i < count; i++) {
    const worker: PooledWorker = { thread: startWorker({ inventory, options }), ready: deferred(), decoder: new GrantDecoder(bucketArns), busy: false };
    worker.thread.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "ready":
          worker.ready.resolve({ principals: message.principals, skipped: message.skipped });
          return;
        case "grants":
          // Table entries must be taken in the order the worker encoded them; the rows can wait until yielded.
          worker.decoder.receive(message.encoded);
          worker.busy = false;
          chunks[message.chunk]!.resolve({ worker, encoded: message.encoded });
          pump();
          return;
        case "assumes":
          worker.busy = false;
          assumes.resolve(message.assumes);
          pump();
          return;
        case "error":
          failAll(new EffectiveAccessWorkerError(message.message));
      }
    });
    worker.thread.on("error", (error) => failAll(new EffectiveAccessWorkerError(error.message)));
    worker.thread.on("exit", (code) => {
      if (code !== 0) failAll(new EffectiveAccessWorkerError(`thread exited with code ${code}`));
    });
    pool.push(worker);
  }

  // Tasks go to idle workers; at most `window` chunks are computed or held ahead of the consumer.
  const tasks: WorkerTask[] = [{ type: "assumes" }];
  let yielded = 0;
  let dispatched = 0;
  const window = 2 * count;
  const pump = (): void => {
    for (const worker of pool) {
      if (worker.busy || tasks.length === 0) continue;
      const task = tasks[0]!;
      if (task.type === "grants" && dispatched >= yielded + window) return;
      tasks.shift();
      if (task.type === "grants") dispatched++;
      worker.busy = true;
      worker.thread.postMessage(task);
    }
  };

  try {
    const ready = await Promise.all(pool.map((w) => w.ready.promise));
    const principals = ready[0]!.principals;
    chunks = Array.from({ length: Math.ceil(principals / perBatch) }, () => deferred());
    chunks.forEach((_, chunk) => tasks.push({ type: "grants", chunk, from: chunk * perBatch, to: (chunk + 1) * perBatch }));
    pump();
    let skipped = ready[0]!.skipped;
    for (const chunk of chunks) {
      const { worker, encoded } = await chunk.promise;
      const grants = worker.decoder.decode(encoded);
      yield { grants, assumes: [], skipped };
      skipped = [];
      yielded++;
      pump();
    }
    yield { grants: [], assumes: await assumes.promise, skipped };
  } finally {
    await Promise.all(pool.map((w) => w.thread.terminate()));
  }
}
