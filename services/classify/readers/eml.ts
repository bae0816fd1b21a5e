/**
 * EML (RFC 5322 messages with MIME). Headers are scanned as text (encoded words decoded); text parts are decoded
 * (base64, quoted-printable, charset) and scanned as text or markup starting at the line where the part's body
 * begins in the file (exact for 7bit/8bit parts; for encoded parts, line offsets within the decoded text); other
 * parts are attachments, read by their own format as members "mail.eml/attachment-name". The message is buffered.
 */
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { bufferAll } from "./bytes.js";
import { memberPath, type ReadContext, type Source } from "./context.js";
import { markupSegments } from "./markup.js";
import { textSegments } from "./text.js";

/** multipart inside multipart inside message/rfc822...: deeper than this is hostile. */
const MAX_MIME_DEPTH = 32;

interface Entity {
  headers: Map<string, string>;
  headerText: string;
  body: string;
  startLine: number;
  bodyLine: number;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Splits raw (latin1, one char per byte) entity text into unfolded headers and body. */
function parseEntity(raw: string, startLine: number): Entity {
  const match = /\r?\n\r?\n/.exec(raw);
  const startsBlank = /^\r?\n/.test(raw);
  const headerEnd = startsBlank ? 0 : match ? match.index : raw.length;
  const bodyStart = startsBlank ? raw.indexOf("\n") + 1 : match ? match.index + match[0].length : raw.length;
  const headerText = raw.slice(0, headerEnd);
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, headerText, body: raw.slice(bodyStart), startLine, bodyLine: startLine + countLines(raw.slice(0, bodyStart)) };
}

/** `type/subtype; a=b; c="d"` -> type and lower-cased parameter names. */
function parseHeaderValue(value: string | undefined): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { value: "", params };
  const [first, ...rest] = value.split(";");
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1"));
  }
  return { value: first!.trim().toLowerCase(), params };
}

export function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes = Buffer.alloc(soft.length);
  let n = 0;
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes[n++] = Number.parseInt(soft.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      bytes[n++] = c & 0xff;
    }
  }
  return bytes.subarray(0, n);
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset || "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

/** RFC 2047 encoded words (`=?utf-8?B?...?=`) in header text. */
export function decodeEncodedWords(text: string): string {
  return text.replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (_whole, charset: string, encoding: string, data: string) => {
    const bytes =
      encoding.toUpperCase() === "B"
        ? Buffer.from(data, "base64")
        : decodeQuotedPrintable(data.replace(/_/g, " "));
    return decodeCharset(bytes, charset);
  });
}

function transferDecode(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, "latin1");
  }
}

export async function* readEml(source: Source, ctx: ReadContext): AsyncGenerator<Segment[]> {
  const held = await bufferAll(source, ctx, "eml");
  try {
    let attachments = 0;
    const entitySegments = async function* (entity: Entity, depth: number, isMessage: boolean): AsyncGenerator<Segment[]> {
      if (depth > MAX_MIME_DEPTH) {
        throw new UnclassifiableError("NESTING_TOO_DEEP", `MIME parts nest deeper than ${MAX_MIME_DEPTH} levels`);
      }
      ctx.checkpoint();
      if (isMessage && entity.headerText.length > 0) {
        yield* textSegments([decodeEncodedWords(entity.headerText)], ctx, source, {
          start: { line: entity.startLine, column: 1 },
        });
      }
      const contentType = parseHeaderValue(entity.headers.get("content-type") ?? "text/plain");
      const disposition = parseHeaderValue(entity.headers.get("content-disposition"));
      const filename = disposition.params.get("filename") ?? contentType.params.get("name");
      if (contentType.value.startsWith("multipart/")) {
        const boundary = contentType.params.get("boundary");
        if (!boundary) return;
        for (const part of splitMultipart(entity.body, boundary, entity.bodyLine)) {
          yield* entitySegments(parseEntity(part.raw, part.line), depth + 1, false);
        }
        return;
      }
      const bytes = transferDecode(entity.body, entity.headers.get("content-transfer-encoding"));
      if (contentType.value === "message/rfc822") {
        yield* entitySegments(parseEntity(bytes.toString("latin1"), entity.bodyLine), depth + 1, true);
        return;
      }
      const isText = contentType.value === "" || contentType.value.startsWith("text/");
      if (isText && disposition.value !== "attachment") {
        const text = decodeCharset(bytes, contentType.params.get("charset"));
        const start = { line: entity.bodyLine, column: 1 };
        if (contentType.value === "text/html") yield* markupSegments([text], ctx, source, true, start);
        else yield* textSegments([text], ctx, source, { start });
        return;
      }
      if (attachments === 0) ctx.enterContainer(source, "email");
      attachments++;
      const name = decodeEncodedWords(filename ?? `part-${attachments}`);
      yield* ctx.readNested({
        name,
        member: memberPath(source, name),
        chunks: (async function* () {
          yield bytes;
        })(),
        size: bytes.length,
        depth: source.depth + 1,
      });
    };
    const raw = held.bytes.toString("latin1");
    yield* entitySegments(parseEntity(raw, 1), 0, true);
  } finally {
    held.release();
  }
}

function* splitMultipart(body: string, boundary: string, bodyLine: number): Generator<{ raw: string; line: number }> {
  const delimiter = `--${boundary}`;
  let line = bodyLine;
  let position = 0;
  let partStart = -1;
  let partLine = 0;
  while (position <= body.length) {
    const end = body.indexOf("\n", position);
    const lineEnd = end === -1 ? body.length : end;
    const text = body.slice(position, lineEnd).replace(/\r$/, "");
    if (text.startsWith(delimiter)) {
      if (partStart >= 0) yield { raw: body.slice(partStart, Math.max(partStart, position - 1)).replace(/\r$/, ""), line: partLine };
      if (text.startsWith(`${delimiter}--`)) return;
      partStart = lineEnd + 1;
      partLine = line + 1;
    }
    if (end === -1) break;
    position = end + 1;
    line++;
  }
  if (partStart >= 0 && partStart < body.length) yield { raw: body.slice(partStart), line: partLine };
}
