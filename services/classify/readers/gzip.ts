/**
 * gzip (including concatenated members): decompressed as a stream and dispatched again under the name without ".gz",
 * so "users.csv.gz" reads as CSV and "logs.tar.gz" as tar. gzip is a wrapper, not a folder: it adds a level of depth
 * but no member path component. Output is metered against the ratio, per-file and total limits as it is produced.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { Segment } from "../types.js";
import { counted, metered } from "./bytes.js";
import { describe, type ReadContext, type Source } from "./context.js";

export function innerName(name: string): string {
  if (/\.tgz$/i.test(name)) return name.replace(/\.tgz$/i, ".tar");
  return name.replace(/\.(gz|gzip)$/i, "");
}

export async function* readGzip(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  ctx.enterContainer(source, "gzip");
  let compressed = 0;
  const gunzip = createGunzip();
  const input = Readable.from(counted(source.chunks, (n) => (compressed += n)), { objectMode: false });
  // Errors of either side surface through iteration of `gunzip`; the promise is awaited only to avoid a dangling rejection.
  const piping = pipeline(input, gunzip).catch(() => undefined);
  try {
    yield* ctx.readNested({
      name: innerName(source.name),
      member: source.member,
      label: source.label ?? source.name,
      chunks: metered(gunzip, ctx, { where: describe(source), compressedBytes: () => compressed }),
      size: undefined,
      depth: source.depth + 1,
    });
  } finally {
    gunzip.destroy();
    input.destroy();
    await piping;
  }
}
