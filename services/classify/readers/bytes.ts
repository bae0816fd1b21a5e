/** Byte-stream plumbing shared by readers: peeking, buffering within limits, metering decompressed output. */
import { UnclassifiableError } from "../limits.js";
import { describe, type ReadContext, type Source } from "./context.js";

export interface Peeked {
  /** The first `n` bytes (fewer at end of stream). */
  head: Uint8Array;
  /** The whole stream again, head included. */
  chunks: AsyncIterable<Uint8Array>;
  /** Releases the underlying stream when `chunks` will not be read. */
  close(): Promise<void>;
}

/** Reads at least `n` bytes and returns them with a stream that replays them first. */
export async function peek(chunks: AsyncIterable<Uint8Array>, n: number): Promise<Peeked> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = concat(taken, length);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return {
    head: head.subarray(0, Math.min(n, head.length)),
    chunks: replay(),
    close: async () => {
      if (!done) await iterator.return?.();
    },
  };
}

/** A source held in memory, counted against the buffer budget until `release()`. */
export interface HeldBytes {
  readonly bytes: Buffer;
  release(): void;
}

/** Holds the whole source in memory within the context's buffer budget (formats that need random access). */
export async function bufferAll(source: Source, ctx: ReadContext, format: string): Promise<HeldBytes> {
  const where = `${format} ${describe(source)}`;
  let reserved = 0;
  const reserveUpTo = (n: number): void => {
    if (n <= reserved) return;
    ctx.reserveBuffer(n - reserved, where);
    reserved = n;
  };
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    // A known size fails fast, before anything is read.
    if (source.size !== undefined) reserveUpTo(source.size);
    for await (const chunk of source.chunks) {
      ctx.checkpoint();
      length += chunk.length;
      reserveUpTo(length);
      parts.push(chunk);
    }
  } catch (error) {
    ctx.releaseBuffer(reserved);
    throw error;
  }
  let released = false;
  return {
    bytes: Buffer.concat(parts, length),
    release: () => {
      if (!released) ctx.releaseBuffer(reserved);
      released = true;
    },
  };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts, length);
}

export interface MeterOptions {
  /** Member path for messages. */
  where: string;
  /** Compressed bytes consumed so far (for the ratio). */
  compressedBytes: () => number;
}

/**
 * Passes decompressed chunks through while counting them against the per-file, total and ratio limits, so a bomb is
 * stopped after a bounded amount of work instead of after it has been inflated.
 */
export async function* metered(
  chunks: AsyncIterable<Uint8Array>,
  ctx: ReadContext,
  options: MeterOptions,
): AsyncGenerator<Uint8Array> {
  const { limits } = ctx;
  let produced = 0;
  for await (const chunk of chunks) {
    ctx.checkpoint();
    produced += chunk.length;
    ctx.countExtracted(chunk.length, options.where);
    if (produced > limits.maxExtractedBytesPerFile) {
      throw new UnclassifiableError(
        "ARCHIVE_TOO_LARGE",
        `${options.where} extracts to more than ${limits.maxExtractedBytesPerFile} bytes`,
      );
    }
    if (produced > limits.compressionRatioFloorBytes) {
      const ratio = produced / Math.max(1, options.compressedBytes());
      if (ratio > limits.maxCompressionRatio) {
        throw new UnclassifiableError(
          "ARCHIVE_RATIO_EXCEEDED",
          `${options.where} decompresses at more than ${limits.maxCompressionRatio}:1 (${Math.round(ratio)}:1 after ${produced} bytes)`,
        );
      }
    }
    yield chunk;
  }
}

/** Counts bytes as they pass. */
export async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}
