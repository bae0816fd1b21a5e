/** Test helpers for readers: run readSegments over bytes and collect what comes out. */
import { defaultLimits, UnclassifiableError, type ClassifyLimits } from "../../../../services/classify/limits.js";
import { readSegments } from "../../../../services/classify/readers/index.js";
import type { Segment } from "../../../../services/classify/types.js";

export interface ReadOutcome {
  segments: Segment[];
  format: string | undefined;
  bytesRead: number;
  error: UnclassifiableError | null;
}

export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function readAll(
  name: string,
  bytes: Uint8Array | string,
  overrides: Partial<ClassifyLimits> = {},
  chunkSize?: number,
): Promise<ReadOutcome> {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const stream = readSegments({ name, size: data.length, open: () => chunked(data, chunkSize) }, defaultLimits(overrides));
  const segments: Segment[] = [];
  let error: UnclassifiableError | null = null;
  try {
    for await (const segment of stream) segments.push(segment);
  } catch (e) {
    if (!(e instanceof UnclassifiableError)) throw e;
    error = e;
  }
  return { segments, format: stream.format, bytesRead: stream.bytesRead, error };
}

/** Text and location of each segment, the shape most assertions compare. */
export function summarize(segments: Segment[]): Array<{ text: string; at: string; context: readonly string[]; member?: string }> {
  return segments.map((s) => {
    const l = s.location;
    const at =
      l.kind === "text"
        ? `line ${l.line}:${l.column}`
        : l.kind === "cell"
          ? `${l.sheet ? `${l.sheet}!` : ""}r${l.row}c${l.column}${l.columnName !== null ? `(${l.columnName})` : ""}`
          : l.kind === "record"
            ? `#${l.recordIndex} ${l.jsonPath}`
            : `page ${l.pageNumber}`;
    const out: { text: string; at: string; context: readonly string[]; member?: string } = { text: s.text, at, context: s.context };
    if (s.member !== undefined) out.member = s.member;
    return out;
  });
}
