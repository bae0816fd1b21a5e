/**
 * Avro object container files (avsc's block decoder, streamed; codecs null, deflate and snappy). Each record's string
 * and number leaves are record segments: `recordIndex` is the record's position in the file, `jsonPath` its field path.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import avro from "avsc";
import { snappyUncompress } from "hyparquet";
import type { Segment } from "../types.js";
import { UnclassifiableError } from "../limits.js";
import { describe, type ReadContext, type Source } from "./context.js";
import { recordSegments } from "./records.js";

export async function* readAvro(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  const decoder = new avro.streams.BlockDecoder({
    codecs: { ...avro.streams.BlockDecoder.defaultCodecs(), snappy: snappyBlock(ctx.limits.maxBufferedBytes) },
  });
  const input = Readable.from(source.chunks, { objectMode: false });
  const piping = pipeline(input, decoder).catch(() => undefined);
  let recordIndex = 0;
  try {
    for await (const record of decoder as AsyncIterable<unknown>) {
      ctx.checkpoint();
      const segments = recordSegments(record, recordIndex, source.member, ctx.limits.maxJsonNesting);
      if (segments.length > 0) yield segments;
      recordIndex++;
    }
    const left = unreadBytes(decoder);
    if (left > 0) {
      throw new UnclassifiableError("CORRUPT_FILE", `${describe(source)}: truncated Avro block (${left} bytes left over)`);
    }
  } finally {
    decoder.destroy();
    input.destroy();
    await piping;
  }
}

/**
 * avsc's block decoder ends quietly when the last block is cut short; its input buffer (a private field of the pinned
 * avsc 5.7.9) then still holds the unread bytes. Without that check a truncated file would read as a shorter one.
 */
function unreadBytes(decoder: object): number {
  const tap = (decoder as { _tap?: { buf?: unknown; pos?: unknown } })._tap;
  if (!tap || !Buffer.isBuffer(tap.buf) || typeof tap.pos !== "number") return 0;
  return tap.buf.length - tap.pos;
}

/**
 * Avro's snappy codec: a raw snappy block followed by the big-endian CRC-32 of the uncompressed bytes. The length
 * preamble (a varint) is read first so that a corrupt block cannot ask for an unbounded output buffer.
 */
export function snappyBlock(maxBytes: number): (block: Buffer, callback: (error: Error | null, data?: Buffer) => void) => void {
  return (block, callback) => {
    try {
      if (block.length < 5) throw new Error("snappy block too short");
      const compressed = block.subarray(0, block.length - 4);
      let length = 0;
      for (let i = 0, shift = 0; i < 5 && i < compressed.length; i++, shift += 7) {
        length += (compressed[i]! & 0x7f) * 2 ** shift;
        if (compressed[i]! < 0x80) break;
      }
      if (length > maxBytes) throw new Error(`snappy block declares ${length} bytes`);
      const output = Buffer.alloc(length);
      snappyUncompress(compressed, output);
      if (crc32(output) !== block.readUInt32BE(block.length - 4)) throw new Error("snappy block checksum mismatch");
      callback(null, output);
    } catch (error) {
      callback(error as Error);
    }
  };
}
