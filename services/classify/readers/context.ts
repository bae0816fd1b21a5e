/**
 * What every reader shares while one object is read: its limits, the running totals those limits are judged on
 * (entries, extracted bytes, buffered bytes), the deadline, and the way back into format dispatch for archive members.
 */
import { UnclassifiableError, type ClassifyLimits } from "../limits.js";
import type { Segment } from "../types.js";

/** Bytes of one file, archive member or decompressed stream, ready for format dispatch. */
export interface Source {
  /** File name used for extension hints (the member's own name inside an archive). */
  readonly name: string;
  /** Archive member path of this source, absent at top level. */
  readonly member: string | undefined;
  /** At top level, the name members are listed under: the object's own name, kept through a gzip wrapper. */
  readonly label?: string;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Size in bytes when known in advance. */
  readonly size: number | undefined;
  /** Number of archives this source sits in. */
  readonly depth: number;
}

export class ReadContext {
  private entries = 0;
  private extractedBytes = 0;
  private bufferedBytes = 0;
  private readonly deadline: number;

  constructor(
    readonly limits: ClassifyLimits,
    readonly signal: AbortSignal | undefined,
    /** Dispatches a source (an archive member, a decompressed stream) to the reader for its format. */
    readonly readNested: (source: Source) => AsyncIterable<Segment[]>,
  ) {
    this.deadline = Date.now() + limits.maxTimePerObjectMs;
  }

  /** Throws when the caller aborted or the object's time is up; readers call it between chunks and records. */
  checkpoint(): void {
    if (this.signal?.aborted) throw this.signal.reason ?? new Error("aborted");
    if (Date.now() > this.deadline) {
      throw new UnclassifiableError(
        "TIME_LIMIT_EXCEEDED",
        `reading took longer than ${Math.round(this.limits.maxTimePerObjectMs / 1000)} s`,
      );
    }
  }

  /** Called before a container is opened: its members would sit one level deeper. */
  enterContainer(source: Source, kind: string): void {
    if (source.depth >= this.limits.maxArchiveDepth) {
      throw new UnclassifiableError(
        "ARCHIVE_TOO_DEEP",
        `${kind} ${source.member ?? source.name} is nested ${source.depth} levels deep (limit ${this.limits.maxArchiveDepth})`,
      );
    }
  }

  countEntries(n: number, where: string): void {
    this.entries += n;
    if (this.entries > this.limits.maxArchiveEntries) {
      throw new UnclassifiableError(
        "ARCHIVE_TOO_MANY_ENTRIES",
        `${where}: more than ${this.limits.maxArchiveEntries} archive entries`,
      );
    }
  }

  countExtracted(n: number, where: string): void {
    this.extractedBytes += n;
    if (this.extractedBytes > this.limits.maxExtractedBytes) {
      throw new UnclassifiableError(
        "ARCHIVE_TOO_LARGE",
        `${where}: archives extract to more than ${this.limits.maxExtractedBytes} bytes in all`,
      );
    }
  }

  /** Reserve memory for a format that needs the whole file; release it when done. */
  reserveBuffer(n: number, where: string): void {
    if (this.bufferedBytes + n > this.limits.maxBufferedBytes) {
      throw new UnclassifiableError(
        "OBJECT_TOO_LARGE",
        `${where} needs random access and would hold more than ${this.limits.maxBufferedBytes} bytes in memory`,
      );
    }
    this.bufferedBytes += n;
  }

  releaseBuffer(n: number): void {
    this.bufferedBytes -= n;
  }
}

/** "outer.zip/inner/file.csv": where a member sits, for locations and messages. */
export function memberPath(parent: Source, entryName: string): string {
  const top = parent.label ?? parent.name;
  const base = parent.member ?? top.slice(top.lastIndexOf("/") + 1);
  return `${base}/${entryName}`;
}

export function describe(source: Source): string {
  return source.member ?? source.label ?? source.name;
}
