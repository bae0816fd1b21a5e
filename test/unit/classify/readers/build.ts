/** Builders for binary fixtures, made with the same libraries users' tools would use (or by hand where tiny). */
import { crc32, createDeflateRaw, gzipSync } from "node:zlib";
import avro from "avsc";
import ExcelJS from "exceljs";
import { zipSync, strToU8, type Zippable } from "fflate";
import { parquetWriteBuffer } from "hyparquet-writer";
import tar from "tar-stream";

export const gzip = (data: string | Uint8Array): Buffer => gzipSync(typeof data === "string" ? Buffer.from(data) : data);

/** A zip of the given entries; level 0 stores, 9 deflates hard. */
export function zip(entries: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Buffer {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    files[name] = [typeof data === "string" ? strToU8(data) : data, { level }];
  }
  return Buffer.from(zipSync(files));
}

export async function tarball(entries: Record<string, string | Uint8Array>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(entries)) pack.entry({ name }, Buffer.from(data));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

export function parquet(): Buffer {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "name", data: ["Alice", "Bob", "Carol"], type: "STRING" },
      { name: "ssn", data: ["123-45-6789", null, "987-65-4321"], type: "STRING" },
      { name: "score", data: [7, 8, 9], type: "INT32" },
    ],
    rowGroupSize: 2,
  });
  return Buffer.from(buffer);
}

/**
 * Avro's snappy codec for writing: snappy framing with literal-only elements (valid snappy, no compression; enough
 * to exercise the reader), then the big-endian CRC-32 of the data.
 */
function snappyLiteralBlock(data: Buffer, callback: (error: Error | null, out?: Buffer) => void): void {
  const parts: Buffer[] = [];
  const preamble: number[] = [];
  for (let n = data.length; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      preamble.push(n);
      break;
    }
    preamble.push((n % 128) | 0x80);
  }
  parts.push(Buffer.from(preamble));
  for (let i = 0; i < data.length; i += 65536) {
    const literal = data.subarray(i, i + 65536);
    const tag = Buffer.alloc(3);
    tag[0] = 61 << 2;
    tag.writeUInt16LE(literal.length - 1, 1);
    parts.push(tag, literal);
  }
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data));
  callback(null, Buffer.concat([...parts, crc]));
}

export async function avroFile(records: unknown[], codec: "deflate" | "snappy" = "deflate"): Promise<Buffer> {
  const type = avro.Type.forSchema({
    type: "record",
    name: "Customer",
    fields: [
      { name: "name", type: "string" },
      { name: "address", type: { type: "record", name: "Address", fields: [{ name: "zip", type: "string" }] } },
      { name: "phones", type: { type: "array", items: "string" } },
    ],
  });
  const encoder = new avro.streams.BlockEncoder(type, { codec, codecs: { ...avro.streams.BlockEncoder.defaultCodecs(), snappy: snappyLiteralBlock } });
  const done = (async () => {
    const parts: Buffer[] = [];
    for await (const chunk of encoder as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts);
  })();
  for (const record of records) encoder.write(record);
  encoder.end();
  return done;
}

const DEFAULT_SHEETS: Record<string, unknown[][]> = {
  People: [
    ["name", "ssn"],
    ["Alice", "123-45-6789"],
    ["Bob", { richText: [{ text: "987-" }, { text: "65-4321" }] }],
  ],
  Cards: [["card"], [4111111111111111]],
};

export async function xlsx(sheets: Record<string, unknown[][]> = DEFAULT_SHEETS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** The smallest DOCX Word and mammoth accept: content types, package relationships, one document part. */
export function docx(paragraphs: string[]): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  return zip({
    "[Content_Types].xml": `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    "_rels/.rels": `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/document.xml": `${XML_HEADER}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

/** A minimal valid PDF, one page per string, with a correct cross-reference table. */
export function pdf(pages: string[]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  pages.forEach((text, i) => {
    const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;
    objects[4 + i * 2] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`;
    objects[5 + i * 2] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });
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

/** Raw deflate of `size` zero bytes, produced in 1 MiB steps so the zeros never exist at once. */
export async function deflatedZeros(size: number): Promise<{ data: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: 1 });
  const zeros = Buffer.alloc(1024 * 1024);
  const collected = (async () => {
    const parts: Buffer[] = [];
    for await (const chunk of deflate as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts);
  })();
  let crc = 0;
  for (let done = 0; done < size; done += zeros.length) {
    const piece = zeros.subarray(0, Math.min(zeros.length, size - done));
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  return { data: await collected, crc };
}

export interface RawZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  data: Buffer;
  crc: number;
  /** What the headers declare; a bomb may lie. */
  uncompressedSize: number;
}

/** A zip assembled byte by byte, so tests can declare any sizes (yauzl reads the central directory). */
export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
