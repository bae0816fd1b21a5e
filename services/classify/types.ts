/**
 * The contract between the two halves of the classification engine:
 *   readers/  turn bytes of a file or S3 object (of any supported format, archives included) into Segments;
 *   detect/   scans Segments with the identifier catalog and returns a Classification.
 * Readers know formats and limits; detectors know identifiers. Neither knows where the bytes came from.
 */

export type Category = "CREDENTIALS" | "FINANCIAL" | "PERSONAL" | "CUSTOM_IDENTIFIER";
export type Severity = "LOW" | "MEDIUM" | "HIGH";

/** Where a segment of text sits in its file, in Macie's location shapes. */
export type SegmentLocation =
  /** Plain text, HTML, XML, EML, YAML...: `line` is the 1-based line on which `text` starts, `column` the 1-based column. */
  | { kind: "text"; line: number; column: number }
  /** CSV/TSV/XLSX cell. `row` and `column` are 1-based; `sheet` only for spreadsheets. */
  | { kind: "cell"; row: number; column: number; columnName: string | null; sheet?: string }
  /** A JSON/JSONL/Avro/Parquet value: `recordIndex` is 0-based (the line for JSONL, the row for Parquet/Avro). */
  | { kind: "record"; recordIndex: number; jsonPath: string }
  /** A PDF page (1-based). */
  | { kind: "page"; pageNumber: number };

export interface Segment {
  text: string;
  location: SegmentLocation;
  /**
   * Words that count as "near" every match in this segment: the column name of a cell, the elements of a JSON path.
   * Macie's rule: a keyword in the column name or anywhere in the value's path satisfies a keyword requirement.
   */
  context: readonly string[];
  /** Path of the archive member this segment came from, e.g. "exports.zip/2024/users.csv"; absent at top level. */
  member?: string;
}

/** Why an object could not be classified, in the spirit of Macie's classification result codes. */
export type UnclassifiableReason =
  | "UNSUPPORTED_FORMAT"
  | "CORRUPT_FILE"
  | "ARCHIVE_TOO_MANY_ENTRIES"
  | "ARCHIVE_RATIO_EXCEEDED"
  | "ARCHIVE_TOO_LARGE"
  | "ARCHIVE_TOO_DEEP"
  | "NESTING_TOO_DEEP"
  | "TIME_LIMIT_EXCEEDED"
  | "OBJECT_TOO_LARGE"
  | "BINARY_CONTENT"
  | "STORAGE_CLASS_UNSUPPORTED"
  | "ACCESS_DENIED"
  | "READ_FAILED";

/** Why an occurrence was reported: enough for a reviewer to agree or disagree without seeing the value. */
export interface Evidence {
  /** The catalog entry's pattern name or custom identifier id. */
  pattern: string;
  /** Validator that passed, e.g. "luhn", "mod97", "verhoeff"; null when the identifier has none. */
  validator: string | null;
  /** The keyword that satisfied the keyword rule, and where it was found. */
  keyword: { word: string; distance: number | null; via: "text" | "column" | "path" } | null;
}

export type OccurrenceLocation =
  | { lineRange: { start: number; end: number; startColumn: number } }
  | { cell: { row: number; column: number; columnName: string | null; cellReference?: string } }
  | { record: { recordIndex: number; jsonPath: string } }
  | { page: { pageNumber: number } };

export type Occurrence = OccurrenceLocation & {
  /** Archive member path when the occurrence is inside an archive. */
  member?: string;
  evidence: Evidence;
  /** Keyed HMAC-SHA256 (hex) of the normalised value. Raw values are never stored. */
  fingerprint: string;
};

/** All occurrences of one identifier in one object. */
export interface Detection {
  type: string;
  category: Category;
  count: number;
  distinctValues: number;
  severity: Severity;
  /** Up to 1,000 occurrences (the discovery result); a finding shows the first 15. */
  occurrences: Occurrence[];
}

export interface Classification {
  detections: Detection[];
  /** Null when the object was fully classified. Partial detections found before a limit hit are still reported. */
  unclassifiable: { reason: UnclassifiableReason; detail: string } | null;
  bytesScanned: number;
  /** MIME-ish format the reader decided on, e.g. "csv", "zip", "parquet". */
  format: string;
}
