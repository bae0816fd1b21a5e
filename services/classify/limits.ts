/**
 * Safety limits for reading one object, with Macie-like defaults, and the typed error a reader throws when an object
 * breaks one. A limit hit never aborts a run: classifyObject records it as the object's `unclassifiable` reason and
 * keeps whatever was detected before the limit was reached.
 */
import { SightlineError } from "../errors.js";
import type { UnclassifiableReason } from "./types.js";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export interface ClassifyLimits {
  /** Archives (zip, tar, gzip, attachments of an email) may be opened this many levels deep. */
  readonly maxArchiveDepth: number;
  /** Entries across all archives of one object. */
  readonly maxArchiveEntries: number;
  /** Bytes produced by decompression (gzip, zip) across one object. */
  readonly maxExtractedBytes: number;
  /** Bytes one archive member may decompress to. */
  readonly maxExtractedBytesPerFile: number;
  /** Decompressed:compressed ratio a member may reach once it has produced `compressionRatioFloorBytes`. */
  readonly maxCompressionRatio: number;
  /** Small highly compressible files (a column of zeros) are normal; the ratio is only judged beyond this size. */
  readonly compressionRatioFloorBytes: number;
  /** JSON (and Avro/Parquet/EML part) nesting, Macie's cap. */
  readonly maxJsonNesting: number;
  /** Wall time for one object, checked between chunks and segments. */
  readonly maxTimePerObjectMs: number;
  /** Formats that need random access (zip, xlsx, docx, parquet, pdf) and emails are held in memory up to this size. */
  readonly maxBufferedBytes: number;
  /**
   * Text is handed to the detector in segments of at most this many UTF-16 code units, cut at line ends. Kept well
   * under V8's large-object size (128 KB): larger strings live in a space only full collections sweep, so a streamed
   * 2 GB object piled up hundreds of MB of dead segments between them.
   */
  readonly maxSegmentChars: number;
  /** How much of the start of an object is sniffed for magic bytes and binary content. */
  readonly sniffBytes: number;
  /** Share of NUL and non-whitespace control bytes in the sniffed head above which text is called binary. */
  readonly maxControlByteRatio: number;
}

export const DEFAULT_CLASSIFY_LIMITS: ClassifyLimits = Object.freeze({
  maxArchiveDepth: 10,
  maxArchiveEntries: 1_000_000,
  maxExtractedBytes: 10 * GiB,
  maxExtractedBytesPerFile: 3 * GiB,
  maxCompressionRatio: 100,
  compressionRatioFloorBytes: 10 * MiB,
  maxJsonNesting: 256,
  maxTimePerObjectMs: 10 * 60 * 1000,
  maxBufferedBytes: 256 * MiB,
  maxSegmentChars: 32 * 1024,
  sniffBytes: 8 * 1024,
  maxControlByteRatio: 0.05,
});

/** The defaults, with some limits replaced (tests and the CLI tighten them). */
export function defaultLimits(overrides: Partial<ClassifyLimits> = {}): ClassifyLimits {
  return Object.freeze({ ...DEFAULT_CLASSIFY_LIMITS, ...overrides });
}

/** An object that cannot be (fully) classified, and why. */
export class UnclassifiableError extends SightlineError {
  readonly code = "UNCLASSIFIABLE";
  constructor(
    readonly reason: UnclassifiableReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`, hintFor(reason));
  }
}

function hintFor(reason: UnclassifiableReason): string | undefined {
  switch (reason) {
    case "ARCHIVE_TOO_MANY_ENTRIES":
    case "ARCHIVE_RATIO_EXCEEDED":
    case "ARCHIVE_TOO_LARGE":
    case "ARCHIVE_TOO_DEEP":
    case "OBJECT_TOO_LARGE":
    case "TIME_LIMIT_EXCEEDED":
      return "Split the object, or raise the matching classification limit if the object is trusted.";
    case "UNSUPPORTED_FORMAT":
    case "BINARY_CONTENT":
      return "Sightline reads text, documents, spreadsheets, columnar files and archives; this object is none of them.";
    default:
      return undefined;
  }
}
