/**
 * Classifies one object: every segment its reader produces goes into one detector scan. Bad content never throws:
 * a limit, a corrupt file, an unsupported or binary format becomes the Classification's `unclassifiable`, with the
 * detections found before it kept. Only an abort (the caller's signal) and a failing detector propagate.
 */
import type { Detector } from "./detect/detector.js";
import { UnclassifiableError, type ClassifyLimits } from "./limits.js";
import { readSegmentBatches, type ReadInput } from "./readers/index.js";
import type { Classification, Segment } from "./types.js";

export type { ReadInput as ClassifyInput } from "./readers/index.js";

export async function classifyObject(
  input: ReadInput,
  detector: Detector,
  limits: ClassifyLimits,
  signal?: AbortSignal,
): Promise<Classification> {
  const stream = readSegmentBatches(input, limits, signal);
  const scan = detector.newScan();
  const batches = stream[Symbol.asyncIterator]();
  let unclassifiable: Classification["unclassifiable"] = null;
  try {
    for (;;) {
      let next: IteratorResult<Segment[]>;
      try {
        next = await batches.next();
      } catch (error) {
        if (signal?.aborted) throw error;
        unclassifiable =
          error instanceof UnclassifiableError
            ? { reason: error.reason, detail: error.detail }
            : { reason: "CORRUPT_FILE", detail: error instanceof Error ? error.message : String(error) };
        break;
      }
      if (next.done) break;
      for (const segment of next.value) scan.push(segment);
    }
  } finally {
    if (!unclassifiable) await batches.return?.();
  }
  return {
    detections: scan.result(),
    unclassifiable,
    bytesScanned: stream.bytesRead,
    format: stream.format ?? "unknown",
  };
}
