/**
 * Plain text: bytes decoded (UTF-8, UTF-16 with a byte-order mark, Latin-1 when the bytes are not UTF-8) and cut into
 * segments of at most `maxSegmentChars` at line ends, each with the line and column it starts on. YAML is read as text
 * too (yaml.ts), with its quoted scalars unescaped.
 */
import { TextDecoder } from "node:util";
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { byteOrderMark, type TextEncoding } from "./sniff.js";

/** Decodes a byte stream to strings, chunk by chunk. */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let latin1 = false;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (!decoder) {
      const bom = byteOrderMark(bytes);
      const encoding: TextEncoding = bom?.encoding ?? "utf-8";
      if (bom) bytes = bytes.subarray(bom.length);
      decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
    }
    if (latin1) {
      yield decoder.decode(bytes, { stream: true });
      continue;
    }
    try {
      yield decoder.decode(bytes, { stream: true });
    } catch {
      // Not UTF-8 after all: the rest is read as Latin-1 (windows-1252), where every byte is a character.
      latin1 = true;
      decoder = new TextDecoder("latin1");
      yield decoder.decode(bytes, { stream: true });
    }
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield tail;
  }
}

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Cuts a stream of strings into segments at line ends. `start` shifts the first line (EML parts begin mid-file).
 */
export async function* textSegments(
  strings: AsyncIterable<string> | Iterable<string>,
  ctx: ReadContext,
  source: Pick<Source, "member">,
  options: { context?: readonly string[]; start?: TextPosition } = {},
): AsyncGenerator<Segment[]> {
  const max = ctx.limits.maxSegmentChars;
  const context = options.context ?? [];
  const position: TextPosition = { ...(options.start ?? { line: 1, column: 1 }) };
  let pending = "";
  const take = (cut: number): Segment => {
    const text = pending.slice(0, cut);
    pending = pending.slice(cut);
    const segment = makeSegment(text, position, context, source.member);
    advance(position, text);
    return segment;
  };
  for await (const piece of strings) {
    ctx.checkpoint();
    pending += piece;
    const batch: Segment[] = [];
    while (pending.length >= max) batch.push(take(cutPoint(pending, max)));
    if (batch.length > 0) yield batch;
  }
  if (pending.length > 0) yield [take(pending.length)];
}

function makeSegment(
  text: string,
  at: TextPosition,
  context: readonly string[],
  member: string | undefined,
): Segment {
  const segment: Segment = { text, location: { kind: "text", line: at.line, column: at.column }, context };
  if (member !== undefined) segment.member = member;
  return segment;
}

/** Where to cut a segment of at most `max` characters: after the last newline, else at `max` (never inside a pair). */
function cutPoint(text: string, max: number): number {
  const newline = text.lastIndexOf("\n", max - 1);
  if (newline >= 0) return newline + 1;
  const high = text.charCodeAt(max - 1);
  return high >= 0xd800 && high <= 0xdbff ? max - 1 : max;
}

/** Moves a position past `text`. */
export function advance(position: TextPosition, text: string): void {
  let lines = 0;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    lines++;
    last = i;
  }
  if (lines === 0) {
    position.column += text.length;
  } else {
    position.line += lines;
    position.column = text.length - last;
  }
}

export function readText(source: Source, ctx: ReadContext): AsyncIterable<Segment[]> {
  return textSegments(decodeText(source.chunks), ctx, source);
}
