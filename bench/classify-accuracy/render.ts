/**
 * Renders one evaluation case as a file of a given format, so that the case goes through the real reader for that
 * format before the detector sees it (the plain evaluation hands the detector one ready-made segment). A case whose
 * `context` stands for a column or a JSON path becomes that column's header or that path's keys; formats with no
 * such place (plain text, HTML, email, Word, PDF) take only cases without context. Null means "this format cannot
 * carry this case as written".
 */
import { gzipSync } from "node:zlib";
import avro from "avsc";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { parquetWriteBuffer } from "hyparquet-writer";
import tar from "tar-stream";
import type { EvalCase } from "./cases.js";

export const FORMATS = [
  "text", "csv", "tsv", "json", "jsonl", "yaml", "xml", "html", "eml", "gzip", "zip", "tar", "parquet", "avro", "xlsx", "docx", "pdf",
] as const;
export type FormatName = (typeof FORMATS)[number];

/** Archives and binary formats: a file per case costs milliseconds to build, so runs may sample them. */
export const BINARY_FORMATS: ReadonlySet<FormatName> = new Set(["gzip", "zip", "tar", "parquet", "avro", "xlsx", "docx", "pdf"]);

export interface Rendering {
  /** File name; its extension is the reader's second hint after magic bytes. */
  name: string;
  bytes: Uint8Array;
}

/** The column or key a case's text sits under: its context, or a neutral field name no identifier uses as a keyword. */
const NEUTRAL_FIELD = "comment";

function fieldPath(c: EvalCase): string[] {
  return c.context !== undefined && c.context.length > 0 ? [...c.context] : [NEUTRAL_FIELD];
}

const escapeMarkup = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const utf8 = (s: string): Uint8Array => Buffer.from(s, "utf8");
const XML_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function nested(path: readonly string[], value: string): Record<string, unknown> {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out as Record<string, unknown>;
}

function csv(c: EvalCase, separator: "," | "\t"): string | null {
  const header = fieldPath(c).join("_");
  // Spreadsheet tools quote a TSV field that holds a quote; tabs and line breaks inside a field they do not write.
  if (separator === "\t") return /[\t\r\n]/.test(c.text) ? null : `row\t${header}\n1\t${c.text.includes('"') ? `"${c.text.replace(/"/g, '""')}"` : c.text}\n`;
  return `row,${csvField(header)}\n1,${csvField(c.text)}\n`;
}

function xml(c: EvalCase): string | null {
  const path = fieldPath(c);
  if (!path.every((p) => XML_NAME.test(p))) return null;
  const open = path.map((p) => `<${p}>`).join("");
  const close = [...path].reverse().map((p) => `</${p}>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<records>\n  <record>${open}${escapeMarkup(c.text)}${close}</record>\n</records>\n`;
}

/**
 * YAML as PyYAML's dumper writes it: a plain scalar where YAML allows one, else single-quoted (an apostrophe doubled),
 * and a literal block for several lines.
 */
const PLAIN_SCALAR = /^[^-?:,[\]{}#&*!|>'"%@`\s](?:[^\n]*[^\s:])?$/;

function yaml(c: EvalCase): string {
  const path = fieldPath(c);
  const indent = "  ".repeat(path.length);
  const value = /[\r\n]/.test(c.text)
    ? `|-\n${c.text.split(/\r?\n/).map((line) => `${indent}${line}`).join("\n")}`
    : PLAIN_SCALAR.test(c.text) && !c.text.includes(": ") && !c.text.includes(" #")
      ? c.text
      : `'${c.text.replace(/'/g, "''")}'`;
  return path.map((p, i) => `${"  ".repeat(i)}'${p.replace(/'/g, "''")}':${i === path.length - 1 ? ` ${value}` : ""}`).join("\n") + "\n";
}

function eml(text: string): string {
  return [
    "From: Service Desk <desk@example.com>",
    "To: Records <records@example.com>",
    "Subject: Case notes",
    "Date: Tue, 04 Mar 2025 09:12:44 +0000",
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="utf-8"',
    "Content-Transfer-Encoding: 8bit",
    "",
    text.replace(/\r?\n/g, "\r\n"),
    "",
  ].join("\r\n");
}

async function tarball(name: string, data: string): Promise<Uint8Array> {
  const pack = tar.pack();
  pack.entry({ name }, Buffer.from(data));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

async function avroFile(field: string, text: string): Promise<Uint8Array> {
  const type = avro.Type.forSchema({ type: "record", name: "Row", fields: [{ name: "id", type: "long" }, { name: field, type: "string" }] });
  const encoder = new avro.streams.BlockEncoder(type, { codec: "deflate" });
  const done = (async () => {
    const parts: Buffer[] = [];
    for await (const chunk of encoder as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts);
  })();
  encoder.write({ id: 1, [field]: text });
  encoder.end();
  return done;
}

async function xlsx(header: string, text: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Export");
  sheet.addRow(["row", header]);
  sheet.addRow([1, text]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** The smallest package Word and mammoth accept: content types, package relationships, one document part. */
function docx(lines: readonly string[]): Uint8Array {
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeMarkup(l)}</w:t></w:r></w:p>`).join("");
  return zipSync({
    "[Content_Types].xml": strToU8(`${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
    "_rels/.rels": strToU8(`${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    "word/document.xml": strToU8(`${XML_HEADER}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

/**
 * A one-page PDF with the text as one line of Helvetica in WinAnsi encoding (so "'" stays an apostrophe) on a page
 * wide enough for the longest case: only for single-line ASCII text.
 */
function pdf(text: string): Uint8Array {
  const stream = `BT /F1 10 Tf 36 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;
  const objects = [
    "",
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 4000 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export async function render(c: EvalCase, format: FormatName): Promise<Rendering | null> {
  const hasContext = c.context !== undefined && c.context.length > 0;
  const path = fieldPath(c);
  switch (format) {
    case "text":
      return hasContext ? null : { name: "case.txt", bytes: utf8(c.text) };
    case "csv":
      return { name: "case.csv", bytes: utf8(csv(c, ",")!) };
    case "tsv": {
      const body = csv(c, "\t");
      return body === null ? null : { name: "case.tsv", bytes: utf8(body) };
    }
    case "json":
      return { name: "case.json", bytes: utf8(JSON.stringify({ id: 1, ...nested(path, c.text) }, null, 2)) };
    case "jsonl":
      return { name: "case.jsonl", bytes: utf8(`${JSON.stringify({ id: 1, ...nested(path, c.text) })}\n`) };
    case "yaml":
      return { name: "case.yaml", bytes: utf8(yaml(c)) };
    case "xml": {
      const body = xml(c);
      return body === null ? null : { name: "case.xml", bytes: utf8(body) };
    }
    case "html":
      return hasContext ? null : { name: "case.html", bytes: utf8(`<!doctype html>\n<html><body>\n<p>${escapeMarkup(c.text)}</p>\n</body></html>\n`) };
    case "eml":
      return hasContext ? null : { name: "case.eml", bytes: utf8(eml(c.text)) };
    case "gzip":
      return { name: hasContext ? "case.csv.gz" : "case.txt.gz", bytes: gzipSync(hasContext ? csv(c, ",")! : c.text) };
    case "zip":
      return { name: "case.zip", bytes: zipSync({ "export/case.csv": strToU8(csv(c, ",")!) }) };
    case "tar":
      return { name: "case.tar", bytes: await tarball("export/case.json", JSON.stringify(nested(path, c.text))) };
    case "parquet": {
      const buffer = parquetWriteBuffer({ columnData: [{ name: "id", data: [1], type: "INT32" }, { name: path.join("_"), data: [c.text], type: "STRING" }] });
      return { name: "case.parquet", bytes: new Uint8Array(buffer) };
    }
    case "avro": {
      const field = path.join("_");
      return AVRO_NAME.test(field) ? { name: "case.avro", bytes: await avroFile(field, c.text) } : null;
    }
    case "xlsx":
      return { name: "case.xlsx", bytes: await xlsx(path.join("_"), c.text) };
    case "docx":
      return hasContext ? null : { name: "case.docx", bytes: docx(c.text.split(/\r?\n/)) };
    case "pdf":
      return hasContext || !/^[\x20-\x7e]+$/.test(c.text) ? null : { name: "case.pdf", bytes: pdf(c.text) };
  }
}
