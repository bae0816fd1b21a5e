/**
 * zip (yauzl over the buffered archive: the central directory is at the end, so zip needs random access). Limits are
 * judged twice: on the sizes the central directory declares (a bomb is refused before anything is inflated) and on
 * the bytes actually inflated (a lying header is stopped by the meter, or by yauzl's size validation). Members that
 * are themselves unsupported (images inside an export) are skipped, as Macie skips them; encrypted members too.
 */
import yauzl from "yauzl";
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { metered } from "./bytes.js";
import { describe, memberPath, type ReadContext, type Source } from "./context.js";

export function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

/** The next central-directory entry, or null at the end. */
export function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

/** Refuses an entry on its declared sizes alone. */
export function checkDeclaredSizes(entry: yauzl.Entry, where: string, ctx: ReadContext): void {
  const { limits } = ctx;
  if (entry.uncompressedSize > limits.maxExtractedBytesPerFile) {
    throw new UnclassifiableError(
      "ARCHIVE_TOO_LARGE",
      `${where} declares ${entry.uncompressedSize} bytes (limit ${limits.maxExtractedBytesPerFile} per file)`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.compressionRatioFloorBytes && ratio > limits.maxCompressionRatio) {
    throw new UnclassifiableError(
      "ARCHIVE_RATIO_EXCEEDED",
      `${where} declares a ${Math.round(ratio)}:1 compression ratio (limit ${limits.maxCompressionRatio}:1)`,
    );
  }
}

/** Names of all entries, for telling an Office document from a plain zip. */
export async function entryNames(bytes: Buffer, limit: number): Promise<Set<string>> {
  const zip = await openZip(bytes);
  const names = new Set<string>();
  try {
    for (let entry = await nextEntry(zip); entry && names.size < limit; entry = await nextEntry(zip)) {
      names.add(entry.fileName);
    }
  } finally {
    zip.close();
  }
  return names;
}

export async function* readZipEntries(source: Source, bytes: Buffer, ctx: ReadContext): AsyncGenerator<Segment[]> {
  ctx.enterContainer(source, "zip");
  const zip = await openZip(bytes);
  // yauzl may report a late error (a bad local header) outside readEntry; it surfaces through the entry stream.
  zip.on("error", () => undefined);
  try {
    if (zip.entryCount > ctx.limits.maxArchiveEntries) {
      throw new UnclassifiableError(
        "ARCHIVE_TOO_MANY_ENTRIES",
        `${describe(source)} has ${zip.entryCount} entries (limit ${ctx.limits.maxArchiveEntries})`,
      );
    }
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      ctx.checkpoint();
      const where = memberPath(source, entry.fileName);
      ctx.countEntries(1, where);
      if (entry.fileName.endsWith("/") || entry.isEncrypted()) continue;
      checkDeclaredSizes(entry, where, ctx);
      const stream = await openEntry(zip, entry);
      const compressedSize = entry.compressedSize;
      const chunks = stream as AsyncIterable<Uint8Array>;
      try {
        yield* ctx.readNested({
          name: entry.fileName,
          member: where,
          chunks: metered(chunks, ctx, { where, compressedBytes: () => compressedSize }),
          size: entry.uncompressedSize,
          depth: source.depth + 1,
        });
      } finally {
        (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      }
    }
  } finally {
    zip.close();
  }
}

/**
 * Office documents are zips that a library inflates on its own. Their central directory is checked first (entry
 * count, declared sizes and ratios, and a cap on the total they inflate to), so a bomb dressed as a .docx is refused.
 */
export async function preflightZip(source: Source, bytes: Buffer, ctx: ReadContext, maxTotal: number): Promise<void> {
  ctx.enterContainer(source, "zip");
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    throw new UnclassifiableError("CORRUPT_FILE", `${describe(source)}: ${(error as Error).message}`);
  }
  try {
    let total = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const where = memberPath(source, entry.fileName);
      ctx.countEntries(1, where);
      checkDeclaredSizes(entry, where, ctx);
      total += entry.uncompressedSize;
      if (total > maxTotal) {
        throw new UnclassifiableError(
          "ARCHIVE_TOO_LARGE",
          `${describe(source)} declares more than ${maxTotal} bytes of content`,
        );
      }
    }
  } finally {
    zip.close();
  }
}
