/**
 * CSV and TSV (RFC 4180 quoting: quoted fields may hold delimiters, newlines and doubled quotes). The first record
 * is the header: it is scanned as a text segment on line 1 (Macie reports header hits as line ranges) and its names
 * become each cell's `columnName` and context. Every non-empty cell after it is one segment. A hand-rolled state
 * machine over decoded chunks keeps this streaming and several times faster than a general CSV library.
 */
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { decodeText } from "./text.js";

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export async function* readDelimited(source: Source, ctx: ReadContext, delimiter: "," | "\t"): AsyncGenerator<Segment[]> {
  const delim = delimiter.charCodeAt(0);
  const maxField = ctx.limits.maxSegmentChars;
  const header: string[] = [];
  let headerChars = 0;
  let row = 1;
  let column = 1;
  let field = "";
  let quoted = false;
  /** Inside a quoted field, the previous character was a quote: either an escaped quote or the closing one. */
  let quotePending = false;
  /** The last character ended a record with CR; a following LF belongs to it. */
  let afterCR = false;
  let fieldStarted = false;

  /** Each column's context, one array for all its cells. */
  const contexts: (readonly string[])[] = [];
  const NO_CONTEXT: readonly string[] = [];
  const cell = (text: string, r: number, c: number): Segment => {
    const columnName = r > 1 ? (header[c - 1] ?? null) : null;
    const segment: Segment = {
      text,
      location: { kind: "cell", row: r, column: c, columnName },
      context: columnName ? (contexts[c - 1] ??= [columnName]) : NO_CONTEXT,
    };
    if (source.member !== undefined) segment.member = source.member;
    return segment;
  };
  const headerSegment = (): Segment => {
    const segment: Segment = {
      text: header.join(delimiter),
      location: { kind: "text", line: 1, column: 1 },
      context: [],
    };
    if (source.member !== undefined) segment.member = source.member;
    return segment;
  };

  /** A runaway field (an unclosed quote in a huge file) is scanned in pieces rather than held whole. */
  const flushRunaway = (out: Segment[]): void => {
    if (field.length < maxField) return;
    out.push(cell(field, row, column));
    field = "";
  };

  /** Ends the current field; returns a cell segment when it should be scanned. */
  const endField = (): Segment | null => {
    const text = field;
    field = "";
    fieldStarted = false;
    const c = column++;
    if (row === 1) {
      // A very wide header keeps its first names only; the rest is scanned as cells (a one-line file is all header).
      if (headerChars < maxField) {
        header.push(text);
        headerChars += text.length + 1;
        return null;
      }
      return text.length > 0 ? cell(text, 1, c) : null;
    }
    return text.length > 0 ? cell(text, row, c) : null;
  };
  const endRecord = (): Segment | null => {
    const wasHeader = row === 1;
    row++;
    column = 1;
    return wasHeader ? headerSegment() : null;
  };

  for await (const chunk of decodeText(source.chunks)) {
    ctx.checkpoint();
    const out: Segment[] = [];
    let i = 0;
    let runStart = 0;
    const n = chunk.length;
    while (i < n) {
      const ch = chunk.charCodeAt(i);
      if (quoted) {
        if (quotePending) {
          quotePending = false;
          if (ch === QUOTE) {
            field += '"';
            i++;
            runStart = i;
            continue;
          }
          quoted = false;
          runStart = i;
          continue; // re-examine this character outside quotes
        }
        if (ch === QUOTE) {
          field += chunk.slice(runStart, i);
          quotePending = true;
          i++;
          runStart = i;
          continue;
        }
        i++;
        if (i === n || i - runStart + field.length >= maxField) {
          field += chunk.slice(runStart, i);
          runStart = i;
          flushRunaway(out);
        }
        continue;
      }
      if (afterCR) {
        afterCR = false;
        if (ch === LF) {
          i++;
          runStart = i;
          continue;
        }
      }
      if (ch === delim || ch === LF || ch === CR) {
        field += chunk.slice(runStart, i);
        const segment = endField();
        if (segment) out.push(segment);
        if (ch !== delim) {
          const headerSeg = endRecord();
          if (headerSeg) out.push(headerSeg);
          afterCR = ch === CR;
        }
        i++;
        runStart = i;
        continue;
      }
      if (ch === QUOTE && !fieldStarted && field.length === 0 && i === runStart) {
        quoted = true;
        fieldStarted = true;
        i++;
        runStart = i;
        continue;
      }
      fieldStarted = true;
      i++;
      if (i - runStart + field.length >= maxField) {
        field += chunk.slice(runStart, i);
        runStart = i;
        flushRunaway(out);
      }
    }
    if (!quoted && runStart < n) field += chunk.slice(runStart, n);
    if (out.length > 0) yield out;
  }
  if (quotePending) quoted = false;
  if (field.length > 0 || fieldStarted || column > 1) {
    const segment = endField();
    if (segment) yield [segment];
  }
  if (row === 1 && header.length > 0) yield [headerSegment()];
}
