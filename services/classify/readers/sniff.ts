/**
 * Decides how to read an object: magic bytes first (they cannot lie about a container), the file extension second
 * (it tells CSV from plain text), a look at the content last. Images, audio, video and the containers Sightline does
 * not open are recognised here so that they are reported as UNSUPPORTED_FORMAT rather than scanned as garbage.
 */
import type { ClassifyLimits } from "../limits.js";

/** Formats a reader exists for. docx and xlsx are zips told apart after the zip is opened. */
export type Format =
  | "text"
  | "csv"
  | "tsv"
  | "json"
  | "jsonl"
  | "yaml"
  | "xml"
  | "html"
  | "eml"
  | "gzip"
  | "zip"
  | "tar"
  | "parquet"
  | "avro"
  | "pdf"
  | "docx"
  | "xlsx";

export type Sniffed =
  | { kind: "format"; format: Format }
  | { kind: "unsupported"; what: string }
  | { kind: "binary"; detail: string };

interface Magic {
  offset: number;
  bytes: readonly number[];
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const at = (offset: number, bytes: readonly number[]): Magic => ({ offset, bytes });

const READABLE_MAGIC: ReadonlyArray<{ magic: Magic[]; format: Format }> = [
  { magic: [at(0, [0x1f, 0x8b])], format: "gzip" },
  { magic: [at(0, [0x50, 0x4b, 0x03, 0x04])], format: "zip" },
  { magic: [at(0, [0x50, 0x4b, 0x05, 0x06])], format: "zip" },
  { magic: [at(0, [0x50, 0x4b, 0x07, 0x08])], format: "zip" },
  { magic: [at(257, ascii("ustar"))], format: "tar" },
  { magic: [at(0, ascii("PAR1"))], format: "parquet" },
  { magic: [at(0, [0x4f, 0x62, 0x6a, 0x01])], format: "avro" },
  { magic: [at(0, ascii("%PDF-"))], format: "pdf" },
];

const UNSUPPORTED_MAGIC: ReadonlyArray<{ magic: Magic[]; what: string }> = [
  { magic: [at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], what: "PNG image" },
  { magic: [at(0, [0xff, 0xd8, 0xff])], what: "JPEG image" },
  { magic: [at(0, ascii("GIF87a"))], what: "GIF image" },
  { magic: [at(0, ascii("GIF89a"))], what: "GIF image" },
  { magic: [at(0, [0x49, 0x49, 0x2a, 0x00])], what: "TIFF image" },
  { magic: [at(0, [0x4d, 0x4d, 0x00, 0x2a])], what: "TIFF image" },
  { magic: [at(0, ascii("RIFF")), at(8, ascii("WEBP"))], what: "WebP image" },
  { magic: [at(0, ascii("RIFF")), at(8, ascii("WAVE"))], what: "WAV audio" },
  { magic: [at(0, ascii("RIFF")), at(8, ascii("AVI "))], what: "AVI video" },
  { magic: [at(4, ascii("ftyp"))], what: "MP4/QuickTime/HEIF media" },
  { magic: [at(0, [0x1a, 0x45, 0xdf, 0xa3])], what: "Matroska/WebM video" },
  { magic: [at(0, ascii("OggS"))], what: "Ogg media" },
  { magic: [at(0, ascii("fLaC"))], what: "FLAC audio" },
  { magic: [at(0, ascii("ID3"))], what: "MP3 audio" },
  { magic: [at(0, [0xff, 0xfb])], what: "MP3 audio" },
  { magic: [at(0, ascii("MThd"))], what: "MIDI audio" },
  { magic: [at(0, [0x00, 0x00, 0x01, 0x00])], what: "ICO image" },
  { magic: [at(0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])], what: "7-Zip archive" },
  { magic: [at(0, ascii("Rar!\x1a\x07"))], what: "RAR archive" },
  { magic: [at(0, ascii("BZh"))], what: "bzip2 stream" },
  { magic: [at(0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])], what: "xz stream" },
  { magic: [at(0, [0x28, 0xb5, 0x2f, 0xfd])], what: "zstd stream" },
  { magic: [at(0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])], what: "legacy OLE2 Office document (DOC/XLS)" },
  { magic: [at(0, [0x7f, 0x45, 0x4c, 0x46])], what: "ELF executable" },
];

const EXTENSION_FORMATS: Readonly<Record<string, Format>> = {
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  json: "json",
  jsonl: "jsonl",
  ndjson: "jsonl",
  yaml: "yaml",
  yml: "yaml",
  xml: "xml",
  svg: "xml",
  html: "html",
  htm: "html",
  xhtml: "html",
  eml: "eml",
  tar: "tar",
};

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

function matches(head: Uint8Array, magic: Magic[]): boolean {
  return magic.every(({ offset, bytes }) => {
    if (head.length < offset + bytes.length) return false;
    return bytes.every((b, i) => head[offset + i] === b);
  });
}

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** The encoding a byte-order mark announces, and how many bytes it takes. */
export function byteOrderMark(head: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** NULs and control bytes other than whitespace and ESC, as a share of the head. */
export function controlByteRatio(head: Uint8Array): number {
  if (head.length === 0) return 0;
  let control = 0;
  for (const b of head) {
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) {
      control++;
    }
  }
  return control / head.length;
}

export function sniff(head: Uint8Array, name: string, limits: ClassifyLimits): Sniffed {
  for (const { magic, format } of READABLE_MAGIC) if (matches(head, magic)) return { kind: "format", format };
  for (const { magic, what } of UNSUPPORTED_MAGIC) if (matches(head, magic)) return { kind: "unsupported", what };

  const extension = extensionOf(name);
  const byExtension = EXTENSION_FORMATS[extension];
  // Old (pre-POSIX) tar files have no magic; trust the extension.
  if (byExtension === "tar") return { kind: "format", format: "tar" };

  const bom = byteOrderMark(head);
  if (!bom) {
    const ratio = controlByteRatio(head);
    if (ratio > limits.maxControlByteRatio) {
      return {
        kind: "binary",
        detail: `${Math.round(ratio * 100)}% of the first ${head.length} bytes are NUL or control bytes`,
      };
    }
  }
  if (byExtension) return { kind: "format", format: byExtension };
  return { kind: "format", format: sniffText(head, bom?.length ?? 0, head.length < limits.sniffBytes) };
}

const EMAIL_HEADER = /^(Return-Path|Received|From|Delivered-To|Message-ID|MIME-Version|Date|Subject|To|X-[\w-]+):[ \t]/i;

/**
 * Text of unknown extension: JSON, JSONL, markup or an email by its first characters, else plain text. A "{" or "["
 * alone does not make JSON: INI files ("[default]" in ~/.aws/credentials), log lines ("[2024-11-26 ...") and notes
 * start so too, and read as JSON they would be CORRUPT_FILE with nothing scanned. So the head must parse as the start
 * of JSON, and be all of it when the head is the whole file (a JSON fragment pasted into notes is text). An explicit
 * .json or .jsonl extension is trusted without this check and reports corruption as it finds it.
 */
function sniffText(head: Uint8Array, skip: number, whole: boolean): Format {
  const start = Buffer.from(head.buffer, head.byteOffset + skip, head.length - skip).toString("latin1");
  const trimmed = start.trimStart();
  if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && beginsJson(trimmed, whole)) {
    return trimmed.startsWith("{") && /}\s*\r?\n\s*\{/.test(trimmed) ? "jsonl" : "json";
  }
  const lower = trimmed.slice(0, 200).toLowerCase();
  if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) return "html";
  if (lower.startsWith("<?xml")) return "xml";
  const firstLines = start.split(/\r?\n/, 3);
  if (firstLines.length >= 2 && firstLines.slice(0, 2).every((l) => EMAIL_HEADER.test(l) || /^[ \t]/.test(l))) {
    return "eml";
  }
  return delimitedBy(start) ?? "text";
}

/** Unnamed CSV/TSV: at least three complete lines, all with the same non-zero number of commas (or tabs). */
function delimitedBy(start: string): "csv" | "tsv" | null {
  const lines = start.split(/\r?\n/).slice(0, 6);
  if (!/\n$/.test(start)) lines.pop();
  const complete = lines.filter((l) => l.length > 0);
  if (complete.length < 3) return null;
  for (const [delimiter, format] of [["\t", "tsv"], [",", "csv"]] as const) {
    const counts = complete.map((l) => l.split(delimiter).length - 1);
    if (counts[0]! > 0 && counts.every((c) => c === counts[0])) return format;
  }
  return null;
}

type JsonExpect = "value" | "valueOrClose" | "keyOrClose" | "key" | "colon" | "commaOrClose";

const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
/** A number cut by the end of the head ("-", "12.", "3e"). */
const CUT_NUMBER = /^-?[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]*)?$/;
const JSON_ESCAPE = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{0,4})/;

/**
 * Whether `text`, the first bytes of a file, is the start of one or more JSON values: every token where the grammar
 * allows it. When `whole`, `text` is the entire file and every value must be complete; else a token cut by the end of
 * the head counts as valid.
 */
export function beginsJson(text: string, whole: boolean): boolean {
  const open: string[] = [];
  let expect: JsonExpect = "value";
  let i = 0;
  const afterValue = (): JsonExpect => (open.length === 0 ? "value" : "commaOrClose");
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (expect === "colon") {
      if (c !== ":") return false;
      expect = "value";
      i++;
      continue;
    }
    if (expect === "commaOrClose") {
      if (c === ",") expect = open.at(-1) === "{" ? "key" : "value";
      else if (c !== (open.at(-1) === "{" ? "}" : "]")) return false;
      else {
        open.pop();
        expect = afterValue();
      }
      i++;
      continue;
    }
    if ((c === "}" && expect === "keyOrClose") || (c === "]" && expect === "valueOrClose")) {
      open.pop();
      expect = afterValue();
      i++;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i + 1);
      if (end === null) return false;
      if (end === -1) return !whole;
      if (expect === "key" || expect === "keyOrClose") expect = "colon";
      else expect = afterValue();
      i = end;
      continue;
    }
    if (expect === "key" || expect === "keyOrClose") return false;
    if (c === "{" || c === "[") {
      open.push(c);
      expect = c === "{" ? "keyOrClose" : "valueOrClose";
      i++;
      continue;
    }
    const literal = ["true", "false", "null"].find((word) => word[0] === c);
    if (literal !== undefined) {
      const piece = text.slice(i, i + literal.length);
      if (!literal.startsWith(piece)) return false;
      if (piece.length < literal.length) return !whole;
      i += piece.length;
      expect = afterValue();
      continue;
    }
    if (!whole && text.length - i <= 32 && CUT_NUMBER.test(text.slice(i))) return true;
    JSON_NUMBER.lastIndex = i;
    const number = JSON_NUMBER.exec(text);
    if (number === null || number[0].length === 0) return false;
    i += number[0].length;
    expect = afterValue();
  }
  return !whole || open.length === 0;
}

/** The index after the closing quote of the string whose body starts at `from`; -1 if the text ends first; null if invalid. */
function stringEnd(text: string, from: number): number | null {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return null;
    if (code === 0x5c) {
      const escape = JSON_ESCAPE.exec(text.slice(i + 1, i + 6));
      if (escape === null) return i + 1 >= text.length ? -1 : null;
      i += escape[0].length;
    }
  }
  return -1;
}
