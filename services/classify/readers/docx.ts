/**
 * DOCX (mammoth's raw text: one paragraph per line pair). The document is in memory already (zip needs random
 * access) and mammoth inflates its parts in memory, so the declared content is capped at `maxBufferedBytes`.
 */
import mammoth from "mammoth";
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { textSegments } from "./text.js";
import { preflightZip } from "./zip.js";

export async function* readDocx(source: Source, bytes: Buffer, ctx: ReadContext): AsyncGenerator<Segment[]> {
  await preflightZip(source, bytes, ctx, ctx.limits.maxBufferedBytes);
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  yield* textSegments([value], ctx, source);
}
