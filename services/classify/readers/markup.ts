/**
 * XML and HTML, streamed: text content and attribute values become text segments with the line and column where
 * they start; the enclosing element's name (and the attribute's name) are their context, so `<ssn>123-45-6789</ssn>`
 * satisfies a keyword rule the way a CSV column name does. Entities are decoded; comments are skipped; CDATA and
 * script bodies are text. Not a validating parser: malformed markup still yields its text.
 */
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { advance, decodeText, type TextPosition } from "./text.js";

const enum Mode {
  Text,
  Tag,
  Comment,
  CData,
}

const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
]);
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const ATTRIBUTE = /([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
/** Elements kept on the context stack; deeper documents lose only context, never text. */
const MAX_OPEN_ELEMENTS = 1024;

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

export async function* readMarkup(source: Source, ctx: ReadContext, html: boolean): AsyncGenerator<Segment[]> {
  yield* markupSegments(decodeText(source.chunks), ctx, source, html);
}

export async function* markupSegments(
  strings: AsyncIterable<string> | Iterable<string>,
  ctx: ReadContext,
  source: Pick<Source, "member">,
  html: boolean,
  start: TextPosition = { line: 1, column: 1 },
): AsyncGenerator<Segment[]> {
  const max = ctx.limits.maxSegmentChars;
  const open: string[] = [];
  const position: TextPosition = { ...start };
  let mode = Mode.Text;
  let buffer = "";
  let bufferStart: TextPosition = { ...position };

  const segment = (text: string, at: TextPosition, context: readonly string[]): Segment => {
    const s: Segment = { text, location: { kind: "text", line: at.line, column: at.column }, context };
    if (source.member !== undefined) s.member = source.member;
    return s;
  };
  const elementContext = (): string[] => (open.length > 0 ? [open[open.length - 1]!] : []);

  const flushText = (out: Segment[]): void => {
    const raw = buffer;
    buffer = "";
    const leading = raw.length - raw.trimStart().length;
    const text = decodeEntities(raw.trim());
    if (text.length === 0) return;
    const at = { ...bufferStart };
    advance(at, raw.slice(0, leading));
    out.push(segment(text, at, elementContext()));
  };

  const closeTag = (tag: string, at: TextPosition, out: Segment[]): void => {
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim().toLowerCase();
      const index = open.lastIndexOf(name);
      if (index >= 0) open.length = index;
      return;
    }
    if (tag.startsWith("!") || tag.startsWith("?")) return;
    const nameEnd = tag.search(/[\s/>]|$/);
    const name = tag.slice(0, nameEnd).toLowerCase();
    if (!name) return;
    for (const match of tag.slice(nameEnd).matchAll(ATTRIBUTE)) {
      const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
      if (value.trim().length > 0) out.push(segment(value, at, [name, match[1]!.toLowerCase()]));
    }
    const selfClosing = tag.endsWith("/") || (html && VOID_ELEMENTS.has(name));
    if (!selfClosing && open.length < MAX_OPEN_ELEMENTS) open.push(name);
  };

  for await (const chunk of strings) {
    ctx.checkpoint();
    const out: Segment[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (mode === Mode.Text) {
        const lt = chunk.indexOf("<", i);
        const end = lt === -1 ? n : lt;
        if (buffer.length === 0) bufferStart = { ...position };
        const piece = chunk.slice(i, end);
        buffer += piece;
        advance(position, piece);
        i = end;
        if (buffer.length > max) flushText(out);
        if (lt === -1) break;
        flushText(out);
        mode = Mode.Tag;
        bufferStart = { ...position };
        advance(position, "<");
        i++;
        continue;
      }
      if (mode === Mode.Tag) {
        if (buffer.length === 0 && (chunk.startsWith("!--", i) || chunk.startsWith("![CDATA[", i))) {
          mode = chunk[i + 1] === "-" ? Mode.Comment : Mode.CData;
          continue;
        }
        // Quotes inside a tag may hold ">"; scan for a ">" outside them.
        let j = i;
        let quote = openQuote(buffer);
        while (j < n) {
          const c = chunk[j]!;
          if (quote) {
            if (c === quote) quote = "";
          } else if (c === '"' || c === "'") {
            quote = c;
          } else if (c === ">") {
            break;
          }
          j++;
        }
        const piece = chunk.slice(i, j);
        buffer += piece;
        advance(position, piece);
        i = j;
        if (j === n) {
          if (buffer.length > max) {
            // Not a tag after all (a stray "<" in text): scan it as text.
            mode = Mode.Text;
            flushText(out);
          }
          break;
        }
        advance(position, ">");
        i++;
        const tag = buffer;
        buffer = "";
        closeTag(tag, bufferStart, out);
        mode = Mode.Text;
        continue;
      }
      // Comment and CDATA: wait for the terminator, which may span chunks.
      const terminator = mode === Mode.Comment ? "-->" : "]]>";
      const from = Math.max(0, buffer.length - 2);
      buffer += chunk.slice(i);
      const found = buffer.indexOf(terminator, Math.max(from, mode === Mode.Comment ? 3 : 8));
      if (found === -1) {
        advance(position, chunk.slice(i));
        i = n;
        if (mode === Mode.Comment) buffer = `!--${buffer.slice(Math.max(3, buffer.length - 2))}`;
        else if (buffer.length > max) {
          out.push(segment(buffer.slice(8), bufferStart, elementContext()));
          buffer = "![CDATA[";
        }
        break;
      }
      const consumed = buffer.length - (chunk.length - i);
      const endInChunk = found + terminator.length - consumed;
      advance(position, chunk.slice(i, i + endInChunk));
      i += endInChunk;
      if (mode === Mode.CData) {
        const text = buffer.slice(8, found);
        if (text.trim().length > 0) out.push(segment(text, bufferStart, elementContext()));
      }
      buffer = "";
      mode = Mode.Text;
    }
    if (out.length > 0) yield out;
  }
  const out: Segment[] = [];
  if (mode === Mode.Text || mode === Mode.Tag) flushText(out);
  if (out.length > 0) yield out;
}

/** The quote a partial tag left open ("" when none). */
function openQuote(partialTag: string): string {
  let quote = "";
  for (const c of partialTag) {
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      quote = c;
    }
  }
  return quote;
}
