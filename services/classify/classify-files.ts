/**
 * `sightline classify <file|dir>...`: local files through the same readers and detector as an audit. Directories are
 * walked recursively in sorted order (deterministic output); each input file yields one result, archive members
 * included in their archive's line. The CLI command itself lives in cli/; this module only produces and formats.
 */
import { createReadStream } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { classifyObject } from "./classify-object.js";
import type { Detector } from "./detect/detector.js";
import type { ClassifyLimits } from "./limits.js";
import type { Category, Detection, Occurrence, Severity } from "./types.js";

export interface FileFinding {
  type: string;
  category: Category;
  count: number;
  severity: Severity;
  occurrences: Occurrence[];
}

/** One line of `sightline classify --json`. */
export interface FileClassification {
  path: string;
  findings: FileFinding[];
  /** "<REASON>: <detail>", or null when the file was fully classified. */
  unclassifiable: string | null;
}

export interface ClassifyProgress {
  /** File being read. */
  path: string;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

interface FoundFile {
  path: string;
  size: number;
  /** Set when the path could not be listed or read. */
  error?: string;
}

/** Files under `root`, sorted by name at each level; symbolic links to directories are not followed (no cycles). */
async function* walk(root: string): AsyncGenerator<FoundFile> {
  let info;
  try {
    info = await stat(root);
  } catch (error) {
    yield { path: root, size: 0, error: (error as Error).message };
    return;
  }
  if (!info.isDirectory()) {
    yield { path: root, size: info.size };
    return;
  }
  let names: string[];
  try {
    names = (await readdir(root)).sort();
  } catch (error) {
    yield { path: root, size: 0, error: (error as Error).message };
    return;
  }
  for (const name of names) {
    const path = join(root, name);
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) yield { path, size: target.size };
      continue;
    }
    yield* walk(path);
  }
}

async function* reportingBytes(
  chunks: AsyncIterable<Buffer>,
  onRead: (bytesRead: number) => void,
): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.length;
    onRead(read);
    yield chunk;
  }
}

function findingOf(detection: Detection): FileFinding {
  return {
    type: detection.type,
    category: detection.category,
    count: detection.count,
    severity: detection.severity,
    occurrences: detection.occurrences,
  };
}

export async function* classifyPaths(
  paths: readonly string[],
  detector: Detector,
  limits: ClassifyLimits,
  onProgress?: (progress: ClassifyProgress) => void,
): AsyncGenerator<FileClassification> {
  const files: FoundFile[] = [];
  for (const root of paths) for await (const file of walk(root)) files.push(file);
  const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
  let bytesBefore = 0;
  for (const [index, file] of files.entries()) {
    if (file.error !== undefined) {
      yield { path: file.path, findings: [], unclassifiable: `READ_FAILED: ${file.error}` };
      continue;
    }
    const progress = (bytesDone: number): void =>
      onProgress?.({ path: file.path, bytesDone, bytesTotal, filesDone: index, filesTotal: files.length });
    progress(bytesBefore);
    const classification = await classifyObject(
      {
        name: file.path,
        size: file.size,
        open: () => reportingBytes(createReadStream(file.path, { highWaterMark: 256 * 1024 }), (read) =>
          progress(bytesBefore + read),
        ),
      },
      detector,
      limits,
    );
    bytesBefore += file.size;
    const { unclassifiable } = classification;
    yield {
      path: file.path,
      findings: classification.detections.map(findingOf),
      unclassifiable: unclassifiable ? `${unclassifiable.reason}: ${unclassifiable.detail}` : null,
    };
  }
  onProgress?.({ path: "", bytesDone: bytesBefore, bytesTotal, filesDone: files.length, filesTotal: files.length });
}

export function formatJsonLine(result: FileClassification): string {
  return JSON.stringify({ path: result.path, findings: result.findings, unclassifiable: result.unclassifiable });
}

/** Where an occurrence is, in words: "line 3, column 5", "Sheet1 row 2 column 3 (ssn)", "$.users[0].ssn". */
export function describeOccurrence(occurrence: Occurrence): string {
  const inMember = occurrence.member ? ` in ${occurrence.member}` : "";
  if ("lineRange" in occurrence) {
    return `line ${occurrence.lineRange.start}, column ${occurrence.lineRange.startColumn}${inMember}`;
  }
  if ("cell" in occurrence) {
    const { cell } = occurrence;
    const name = cell.columnName ? ` (${cell.columnName})` : "";
    return `${cell.cellReference ? `${cell.cellReference}, ` : ""}row ${cell.row} column ${cell.column}${name}${inMember}`;
  }
  if ("record" in occurrence) return `record ${occurrence.record.recordIndex} ${occurrence.record.jsonPath}${inMember}`;
  return `page ${occurrence.page.pageNumber}${inMember}`;
}

/** Human-readable lines for one file. */
export function formatSummary(result: FileClassification): string {
  const lines: string[] = [];
  if (result.unclassifiable) lines.push(`${result.path}: UNCLASSIFIABLE ${result.unclassifiable}`);
  else if (result.findings.length === 0) lines.push(`${result.path}: no sensitive data found`);
  else lines.push(`${result.path}:`);
  if (result.unclassifiable && result.findings.length > 0) lines.push("  found before the limit:");
  for (const finding of result.findings) {
    const first = finding.occurrences[0];
    const where = first ? `, first at ${describeOccurrence(first)}` : "";
    const times = finding.count === 1 ? "1 occurrence" : `${finding.count} occurrences`;
    lines.push(`  ${finding.type} (${finding.category}, ${finding.severity}): ${times}${where}`);
  }
  return lines.join("\n");
}
