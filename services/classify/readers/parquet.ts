/**
 * Parquet (hyparquet with hyparquet-compressors for snappy, gzip, brotli, zstd, lz4). The footer is at the end, so
 * the file is buffered within `maxBufferedBytes`; rows are decoded one row group at a time. Each non-empty value is a
 * record segment: `recordIndex` is the row, `jsonPath` `$.column` (nested fields `$.address.zip`), context the names.
 */
import { parquetMetadata, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { bufferAll } from "./bytes.js";
import { describe, type ReadContext, type Source } from "./context.js";
import { recordSegments } from "./records.js";

/** Segments handed over at once: one await per batch, not per value. */
const BATCH = 1000;

export async function* readParquet(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  const held = await bufferAll(source, ctx, "parquet");
  try {
    const bytes = held.bytes;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    let metadata;
    try {
      metadata = parquetMetadata(file);
    } catch (error) {
      throw new UnclassifiableError("CORRUPT_FILE", `${describe(source)}: ${(error as Error).message}`);
    }
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      ctx.checkpoint();
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: Array<Record<string, unknown>> = [];
      await parquetRead({
        file,
        metadata,
        compressors,
        rowStart,
        rowEnd,
        rowFormat: "object",
        onComplete: (decoded) => {
          rows = decoded;
        },
      });
      let batch: Segment[] = [];
      for (let i = 0; i < rows.length; i++) {
        batch.push(...recordSegments(rows[i], rowStart + i, source.member, ctx.limits.maxJsonNesting));
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      rowStart = rowEnd;
    }
  } finally {
    held.release();
  }
}
