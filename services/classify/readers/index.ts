/**
 * Readers: bytes of a file or S3 object, of any supported format, turned into Segments for the detector.
 * This file is the public surface: `readSegments` sniffs the format (magic bytes first, extension second), applies the
 * limits in ../limits.ts and dispatches to one reader per format; archive readers come back here for their members.
 */
import { Readable } from "node:stream";
import { AwsCallError } from "../../errors.js";
import { UnclassifiableError, type ClassifyLimits } from "../limits.js";
import type { Segment } from "../types.js";
import { readAvro } from "./avro.js";
import { bufferAll, peek } from "./bytes.js";
import { ReadContext, describe, type Source } from "./context.js";
import { readDelimited } from "./csv.js";
import { readDocx } from "./docx.js";
import { readEml } from "./eml.js";
import { readGzip } from "./gzip.js";
import { readJson } from "./json.js";
import { readMarkup } from "./markup.js";
import { readParquet } from "./parquet.js";
import { readPdf } from "./pdf.js";
import { extensionOf, sniff, type Format } from "./sniff.js";
import { readTar } from "./tar.js";
import { readText } from "./text.js";
import { readXlsx } from "./xlsx.js";
import { readYaml } from "./yaml.js";
import { entryNames, readZipEntries } from "./zip.js";

export type { Format } from "./sniff.js";

export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Uint8Array>;

export interface ReadInput {
  /** File name or object key; its extension is the second hint after magic bytes. */
  name: string;
  /** Opens the bytes. Called once per iteration of the returned stream. */
  open: () => ByteSource | Promise<ByteSource>;
  /** Size in bytes when known (lets buffered formats refuse an oversized object before reading it). */
  size?: number;
}

/** What the reader learned about an object while reading it. */
export interface ReadProgress {
  /** Format of the object itself (not of archive members), known once iteration has started. */
  readonly format: string | undefined;
  /** Bytes read from the object so far (compressed bytes for a compressed object). */
  readonly bytesRead: number;
}

/** Segments of one object, one at a time. */
export interface SegmentStream extends AsyncIterable<Segment>, ReadProgress {}

/** Segments of one object in batches (one per chunk, row or page): the fast path, one await per batch. */
export interface SegmentBatchStream extends AsyncIterable<Segment[]>, ReadProgress {}

/**
 * Reads an object as batches of Segments. Throws UnclassifiableError (during iteration) when a limit is hit or the
 * content is corrupt, unsupported or binary; batches yielded before that remain valid.
 */
export function readSegmentBatches(input: ReadInput, limits: ClassifyLimits, signal?: AbortSignal): SegmentBatchStream {
  let format: string | undefined;
  let bytesRead = 0;
  return {
    get format() {
      return format;
    },
    get bytesRead() {
      return bytesRead;
    },
    [Symbol.asyncIterator]() {
      const ctx: ReadContext = new ReadContext(limits, signal, (source) => dispatch(source, ctx, null));
      const source: Source = {
        name: input.name,
        member: undefined,
        chunks: sourceChunks(input, ctx, (n) => (bytesRead += n)),
        size: input.size,
        depth: 0,
      };
      return dispatch(source, ctx, (f) => (format = f))[Symbol.asyncIterator]();
    },
  };
}

/** Reads an object as Segments, one at a time; see readSegmentBatches. */
export function readSegments(input: ReadInput, limits: ClassifyLimits, signal?: AbortSignal): SegmentStream {
  const batches = readSegmentBatches(input, limits, signal);
  return {
    get format() {
      return batches.format;
    },
    get bytesRead() {
      return batches.bytesRead;
    },
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}

function toAsyncIterable(stream: ByteSource): AsyncIterable<Uint8Array | string> {
  if (Symbol.asyncIterator in stream) return stream as AsyncIterable<Uint8Array | string>;
  return new Readable().wrap(stream);
}

/** The object's bytes; a failure of the underlying stream is READ_FAILED, not a property of the content. */
async function* sourceChunks(input: ReadInput, ctx: ReadContext, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array | string>;
  try {
    iterator = toAsyncIterable(await input.open())[Symbol.asyncIterator]();
  } catch (error) {
    throw readFailed(input.name, error);
  }
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array | string>;
      try {
        next = await iterator.next();
      } catch (error) {
        if (ctx.signal?.aborted) throw error;
        throw readFailed(input.name, error);
      }
      if (next.done) return;
      ctx.checkpoint();
      const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      onBytes(chunk.length);
      yield chunk;
    }
  } finally {
    await iterator.return?.();
  }
}

function readFailed(name: string, error: unknown): UnclassifiableError {
  if (error instanceof AwsCallError && error.awsCode === "AccessDenied") {
    return new UnclassifiableError("ACCESS_DENIED", error.message);
  }
  return new UnclassifiableError("READ_FAILED", `${name}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Office formats are zips; tell them apart by extension, else by their part names. */
async function zipKind(bytes: Buffer, name: string): Promise<"zip" | "docx" | "xlsx"> {
  const extension = extensionOf(name);
  if (extension === "docx" || extension === "docm") return "docx";
  if (extension === "xlsx" || extension === "xlsm") return "xlsx";
  if (extension === "zip") return "zip";
  const names = await entryNames(bytes, 100_000);
  if (!names.has("[Content_Types].xml")) return "zip";
  if (names.has("word/document.xml")) return "docx";
  if (names.has("xl/workbook.xml")) return "xlsx";
  return "zip";
}

function readerFor(format: Exclude<Format, "zip" | "docx" | "xlsx">, source: Source, ctx: ReadContext): AsyncIterable<Segment[]> {
  switch (format) {
    case "text":
      return readText(source, ctx);
    case "yaml":
      return readYaml(source, ctx);
    case "csv":
      return readDelimited(source, ctx, ",");
    case "tsv":
      return readDelimited(source, ctx, "\t");
    case "json":
      return readJson(source, ctx, false);
    case "jsonl":
      return readJson(source, ctx, true);
    case "xml":
      return readMarkup(source, ctx, false);
    case "html":
      return readMarkup(source, ctx, true);
    case "eml":
      return readEml(source, ctx);
    case "gzip":
      return readGzip(source, ctx);
    case "tar":
      return readTar(source, ctx);
    case "parquet":
      return readParquet(source, ctx);
    case "avro":
      return readAvro(source, ctx);
    case "pdf":
      return readPdf(source, ctx);
  }
}

async function* readZipFamily(source: Source, ctx: ReadContext, onFormat: (format: string) => void): AsyncGenerator<Segment[]> {
  const held = await bufferAll(source, ctx, "zip");
  try {
    const kind = await zipKind(held.bytes, source.name);
    onFormat(kind);
    if (kind === "docx") yield* readDocx(source, held.bytes, ctx);
    else if (kind === "xlsx") yield* readXlsx(source, held.bytes, ctx);
    else yield* readZipEntries(source, held.bytes, ctx);
  } finally {
    held.release();
  }
}

/**
 * Reads one source by its format. `onFormat` is given for the object itself and null for what is inside it. Unsupported
 * or binary content makes the object unclassifiable, but an archive member is skipped instead, as Macie skips it.
 */
async function* dispatch(
  source: Source,
  ctx: ReadContext,
  onFormat: ((format: string) => void) | null,
): AsyncGenerator<Segment[]> {
  ctx.checkpoint();
  const peeked = await peek(source.chunks, ctx.limits.sniffBytes);
  const sniffed = sniff(peeked.head, source.name, ctx.limits);
  const where = describe(source);
  if (sniffed.kind !== "format") {
    await peeked.close();
    // A member is skipped; the object itself (also when only gzip-wrapped) is unclassifiable.
    if (source.member !== undefined) return;
    onFormat?.(sniffed.kind === "unsupported" ? "unsupported" : "binary");
    throw sniffed.kind === "unsupported"
      ? new UnclassifiableError("UNSUPPORTED_FORMAT", `${where}: ${sniffed.what}`)
      : new UnclassifiableError("BINARY_CONTENT", `${where}: ${sniffed.detail}`);
  }
  const sniffedSource: Source = { ...source, chunks: peeked.chunks };
  const report = onFormat ?? (() => undefined);
  try {
    if (sniffed.format === "zip" || sniffed.format === "docx" || sniffed.format === "xlsx") {
      yield* readZipFamily(sniffedSource, ctx, report);
    } else {
      report(sniffed.format);
      yield* readerFor(sniffed.format, sniffedSource, ctx);
    }
  } catch (error) {
    throw asUnclassifiable(error, where, ctx);
  }
}

/** Parser failures become CORRUPT_FILE naming the member; limits, read failures and aborts pass through. */
function asUnclassifiable(error: unknown, where: string, ctx: ReadContext): unknown {
  if (error instanceof UnclassifiableError || ctx.signal?.aborted) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new UnclassifiableError("NESTING_TOO_DEEP", `${where}: structure nests too deeply to parse`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UnclassifiableError("CORRUPT_FILE", `${where}: ${message}`);
}
