/**
 * XLSX (exceljs's streaming workbook reader, shared strings cached). Every non-empty cell is a cell segment with its
 * sheet, 1-based row and column; the first row of each sheet names the columns of the rows below it.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { preflightZip } from "./zip.js";

/** The text of a cell value in any of exceljs's shapes (rich text, formula result, hyperlink, date). */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > 0 ? value : null;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "object") {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("") || null;
    if ("result" in v) return cellText(v.result);
    if ("text" in v) return cellText(v.text);
  }
  return null;
}

export async function* readXlsx(source: Source, bytes: Buffer, ctx: ReadContext): AsyncGenerator<Segment[]> {
  await preflightZip(source, bytes, ctx, ctx.limits.maxExtractedBytesPerFile);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const worksheet of reader) {
    const sheet = (worksheet as unknown as { name: string }).name;
    let header: Array<string | null> = [];
    for await (const row of worksheet) {
      ctx.checkpoint();
      const values = row.values as unknown[];
      const texts: Array<string | null> = [];
      for (let column = 1; column < values.length; column++) texts[column] = cellText(values[column]);
      if (row.number === 1) header = texts;
      const batch: Segment[] = [];
      for (let column = 1; column < texts.length; column++) {
        const text = texts[column];
        if (!text) continue;
        const columnName = row.number > 1 ? (header[column] ?? null) : null;
        const segment: Segment = {
          text,
          location: { kind: "cell", row: row.number, column, columnName, sheet },
          context: columnName ? [columnName] : [],
        };
        if (source.member !== undefined) segment.member = source.member;
        batch.push(segment);
      }
      if (batch.length > 0) yield batch;
    }
  }
}
