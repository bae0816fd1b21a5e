/**
 * tar (streamed with tar-stream; members are read in order, so nothing is buffered). Members count toward the entry
 * limit and are dispatched by their own format; a truncated archive is CORRUPT_FILE.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { memberPath, type ReadContext, type Source } from "./context.js";

export async function* readTar(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  ctx.enterContainer(source, "tar");
  const extract = tar.extract();
  const input = Readable.from(source.chunks, { objectMode: false });
  const piping = pipeline(input, extract).catch(() => undefined);
  try {
    for await (const entry of extract) {
      ctx.checkpoint();
      const { name, type, size } = entry.header;
      const where = memberPath(source, name);
      ctx.countEntries(1, where);
      if (type !== "file" && type !== "contiguous-file") {
        entry.resume();
        continue;
      }
      if ((size ?? 0) > ctx.limits.maxExtractedBytesPerFile) {
        throw new UnclassifiableError(
          "ARCHIVE_TOO_LARGE",
          `${where} is ${size} bytes (limit ${ctx.limits.maxExtractedBytesPerFile} per file)`,
        );
      }
      yield* ctx.readNested({
        name,
        member: where,
        chunks: entry as AsyncIterable<Uint8Array>,
        size,
        depth: source.depth + 1,
      });
      // A member read only in part (skipped as unsupported) must be drained before the next header.
      entry.resume();
    }
  } finally {
    extract.destroy();
    input.destroy();
    await piping;
  }
}
