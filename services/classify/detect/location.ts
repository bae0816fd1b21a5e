/**
 * Where an occurrence is, in Macie's shapes (lineRanges, cells, records, pages), from the segment's location and
 * the match's offsets inside the segment text.
 */
import type { OccurrenceLocation, Segment } from "../types.js";

/** "A", ..., "Z", "AA", ...: spreadsheet column letters for a 1-based column. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Offsets of "\n" in a text, built once per large segment so that each occurrence costs a binary search instead of
 * a scan from the start.
 */
export class NewlineIndex {
  private readonly offsets: number[] = [];

  constructor(text: string, from: number, to: number) {
    for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) this.offsets.push(i);
  }

  /** Number of newlines before `position`. */
  countBefore(position: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Offset of the n-th newline (0-based). */
  at(n: number): number {
    return this.offsets[n]!;
  }
}

/**
 * Location of the match [start, end) of the block `text`, inside the segment that starts at `segmentStart`.
 * `newlines` indexes that segment's newlines (in block offsets) when the caller keeps one for a large segment.
 */
export function occurrenceLocation(
  segment: Segment,
  text: string,
  segmentStart: number,
  start: number,
  end: number,
  newlines: NewlineIndex | null,
): OccurrenceLocation {
  const where = segment.location;
  switch (where.kind) {
    case "text": {
      const index = newlines ?? new NewlineIndex(text, segmentStart, end);
      const before = index.countBefore(start);
      const line = where.line + before;
      const startColumn = before === 0 ? where.column + (start - segmentStart) : start - index.at(before - 1);
      return { lineRange: { start: line, end: line + index.countBefore(end) - before, startColumn } };
    }
    case "cell":
      return {
        cell: {
          row: where.row,
          column: where.column,
          columnName: where.columnName,
          ...(where.sheet !== undefined ? { cellReference: `${where.sheet}!${columnLetters(where.column)}${where.row}` } : {}),
        },
      };
    case "record":
      return { record: { recordIndex: where.recordIndex, jsonPath: where.jsonPath } };
    case "page":
      return { page: { pageNumber: where.pageNumber } };
  }
}
