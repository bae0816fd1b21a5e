/**
 * Classification speed: the detection engine with the full managed catalog over the generated corpus, single
 * process, single thread, so MB/s is per core. Segments are cut the way the readers cut them (text in 32 K-character
 * segments, one segment per CSV cell with its column name, one per JSON leaf with its path) but outside the timed
 * part: the figures are the detector's. Files are read in 8 MB pieces cut at line ends, never whole. The same patterns
 * go through GNU grep -E -c -f as a baseline. Before all that, a memory check: BENCH_BIG_GB (default 2, 0 skips it) of
 * generated text (made on the fly, never stored) streams through classifyObject as one object; the peak RSS is printed.
 *
 *   npx tsx bench/classify-speed/run.ts          (BENCH_MB=200 BENCH_SEED=42 for the corpus when it is missing)
 *   BENCH_MB=20 BENCH_GREP=0 BENCH_BIG_GB=0 npx tsx bench/classify-speed/run.ts     (quick iteration)
 *
 * Prints figures, never fails on them.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDetector, type Detector } from "../../services/classify/detect/detector.js";
import type { ManagedIdentifier } from "../../services/classify/detect/identifier.js";
import type { Detection, Segment } from "../../services/classify/types.js";
import { classifyObject } from "../../services/classify/classify-object.js";
import { defaultLimits } from "../../services/classify/limits.js";
import { CORPUS_MB, FILES, generate, makeCorpusWriter, OUT_DIR } from "./generate.js";
import { toGrepEre } from "./grep-patterns.js";

/** Text segments as long as the text reader cuts them. */
const TEXT_SEGMENT = defaultLimits().maxSegmentChars;
/** Bytes of a file segmented at a time: big enough to time well, small enough to keep segments' memory bounded. */
const PIECE = 8 << 20;

/**
 * The catalog present at run time (another team's module, so loaded by URL rather than a static import);
 * BENCH_CATALOG names another module exporting `managedIdentifiers` to compare catalogs.
 */
async function loadCatalog(): Promise<readonly ManagedIdentifier[]> {
  const url = process.env.BENCH_CATALOG
    ? pathToFileURL(process.env.BENCH_CATALOG).href
    : new URL("../../services/classify/catalog/index.js", import.meta.url).href;
  const catalog = (await import(url)) as { managedIdentifiers: readonly ManagedIdentifier[] };
  return catalog.managedIdentifiers;
}

async function loadValidators(): Promise<Record<string, (normalized: string) => boolean>> {
  const module = (await import("../../services/classify/validators/index.js")) as {
    validators: Record<string, (normalized: string) => boolean>;
  };
  return module.validators;
}

/** Splits `content` at line ends into pieces of about `size` characters; yields [piece, first line number]. */
function* linePieces(content: string, size: number): Generator<[string, number]> {
  let line = 1;
  for (let start = 0; start < content.length; ) {
    let end = content.indexOf("\n", Math.min(content.length, start + size));
    end = end === -1 ? content.length : end + 1;
    const piece = content.slice(start, end);
    yield [piece, line];
    for (let i = piece.indexOf("\n"); i !== -1; i = piece.indexOf("\n", i + 1)) line++;
    start = end;
  }
}

function textSegments(piece: string, firstLine: number): Segment[] {
  return [...linePieces(piece, TEXT_SEGMENT)].map(([text, line]) => ({
    text,
    location: { kind: "text", line: firstLine + line - 1, column: 1 },
    context: [],
  }));
}

function csvSegments(piece: string, firstLine: number, header: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  const contexts = header.map((name) => [name]);
  let row = firstLine;
  for (const line of piece.split("\n")) {
    if (line.length > 0 && row > 1) {
      const cells = line.split(",");
      for (let c = 0; c < cells.length; c++) {
        if (cells[c]!.length === 0) continue;
        segments.push({
          text: cells[c]!,
          location: { kind: "cell", row, column: c + 1, columnName: header[c] ?? null },
          context: contexts[c] ?? [],
        });
      }
    }
    row++;
  }
  return segments;
}

function jsonSegments(piece: string, firstLine: number): Segment[] {
  const segments: Segment[] = [];
  const walk = (value: unknown, recordIndex: number, path: string, keys: string[]): void => {
    if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        walk(child, recordIndex, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, Array.isArray(value) ? keys : [...keys, key]);
      }
    } else if (value !== null) {
      segments.push({ text: String(value), location: { kind: "record", recordIndex, jsonPath: path }, context: keys });
    }
  };
  let index = firstLine - 1;
  for (const line of piece.split("\n")) {
    if (line.length > 0) walk(JSON.parse(line), index, "$", []);
    index++;
  }
  return segments;
}

interface Measure {
  format: string;
  bytes: number;
  wallMs: number;
  cpuMs: number;
  segments: number;
  detections: Detection[];
}

/** A file's text in pieces of about `size` bytes cut after a line end, each with its first line number. */
function* filePieces(path: string, size: number): Generator<[string, number]> {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(size * 2);
  let held = 0;
  let line = 1;
  try {
    for (;;) {
      const read = readSync(fd, buffer, held, buffer.length - held, null);
      const end = read === 0 ? held + read : buffer.lastIndexOf(10, held + read - 1) + 1;
      const cut = end > 0 ? end : held + read;
      if (cut === 0) return;
      const piece = buffer.toString("utf8", 0, cut);
      yield [piece, line];
      for (let i = piece.indexOf("\n"); i !== -1; i = piece.indexOf("\n", i + 1)) line++;
      buffer.copy(buffer, 0, cut, held + read);
      held = held + read - cut;
    }
  } finally {
    closeSync(fd);
  }
}

function measure(detector: Detector, format: keyof typeof FILES): Measure {
  const path = join(OUT_DIR, FILES[format]);
  const scan = detector.newScan();
  let header: string[] = [];
  let wallMs = 0;
  let cpuMs = 0;
  let segments = 0;
  for (const [piece, line] of filePieces(path, PIECE)) {
    if (format === "csv" && line === 1) header = piece.slice(0, piece.indexOf("\n")).split(",");
    const batch =
      format === "text" ? textSegments(piece, line) : format === "csv" ? csvSegments(piece, line, header) : jsonSegments(piece, line);
    segments += batch.length;
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (const segment of batch) scan.push(segment);
    wallMs += performance.now() - t;
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
  }
  const cpu = process.cpuUsage();
  const t = performance.now();
  const detections = scan.result();
  wallMs += performance.now() - t;
  const used = process.cpuUsage(cpu);
  cpuMs += (used.user + used.system) / 1000;
  return { format, bytes: statSync(path).size, wallMs, cpuMs, segments, detections };
}

interface GrepMeasure {
  format: string;
  bytes: number;
  wallMs: number;
  /** User + system CPU of grep; null when it was stopped at the time limit. */
  cpuMs: number | null;
  lines: string;
  maxRssKb: number | null;
}

/** grep -E with many counted repetitions can take minutes to build its DFA; the baseline stops at this limit. */
const GREP_TIMEOUT_MS = Number(process.env.BENCH_GREP_TIMEOUT_S ?? "300") * 1000;

function grepBaseline(patternFile: string, format: keyof typeof FILES): GrepMeasure {
  const path = join(OUT_DIR, FILES[format]);
  const t = performance.now();
  // timeout(1) sits between time(1) and grep so that the limit stops grep itself, not only its parent.
  const limit = `${Math.ceil(GREP_TIMEOUT_MS / 1000)}`;
  const command = ["-f", "%U %S %M", "timeout", "-s", "KILL", limit, "grep", "-E", "-c", "-f", patternFile, path];
  const run = spawnSync("/usr/bin/time", command, { env: { ...process.env, LC_ALL: "C" }, encoding: "utf8" });
  const wallMs = performance.now() - t;
  const [user, system, rss] = (run.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
  const finished = run.status === 0 || run.status === 1;
  return {
    format,
    bytes: statSync(path).size,
    wallMs,
    cpuMs: finished && Number.isFinite(user) && Number.isFinite(system) ? (user! + system!) * 1000 : null,
    lines: finished ? run.stdout.trim() : `stopped after ${(GREP_TIMEOUT_MS / 1000).toFixed(0)} s`,
    maxRssKb: finished && Number.isFinite(rss) ? rss! : null,
  };
}

const mbps = (bytes: number, ms: number): string => (bytes / (1024 * 1024) / (ms / 1000)).toFixed(1);
const mb = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join("  ")).join("\n");
}

/**
 * The chunk size of the streams the readers get in production: Node's file streams and the AWS SDK's GetObject body
 * (over node:http) deliver at most 64 KB at a time.
 */
const STREAM_CHUNK = 64 << 10;
/** The issue's memory goal for a 2 GB object. */
const RSS_GOAL_MB = 300;

/** Generated text lines as byte chunks of about STREAM_CHUNK bytes, `bytes` in all. */
async function* generatedText(bytes: number): AsyncGenerator<Uint8Array> {
  const corpus = makeCorpusWriter(Number(process.env.BENCH_SEED ?? "42"));
  let written = 0;
  let chunk = "";
  while (written < bytes) {
    chunk += corpus.textLine();
    if (chunk.length >= STREAM_CHUNK || written + chunk.length >= bytes) {
      const encoded = Buffer.from(chunk, "utf8");
      written += encoded.length;
      chunk = "";
      yield encoded;
    }
  }
}

/** Memory check: one large object streamed through the real reader path; its peak RSS must stay bounded. */
async function bigObject(detector: Detector): Promise<void> {
  const gb = Number(process.env.BENCH_BIG_GB ?? "2");
  if (!(gb > 0)) return;
  const bytes = Math.round(gb * 1024 ** 3);
  const cpu = process.cpuUsage();
  const t = performance.now();
  // No time limit: on a loaded machine 2 GB can take longer than the 10 minutes an audit allows one object.
  const limits = { ...defaultLimits(), maxTimePerObjectMs: Number.POSITIVE_INFINITY };
  const result = await classifyObject({ name: "big.txt", open: () => generatedText(bytes) }, detector, limits);
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(
    `big object: ${mb(result.bytesScanned)} MB of generated text through classifyObject in ${(wallMs / 1000).toFixed(1)} s ` +
      `(${mbps(result.bytesScanned, wallMs)} MB/s wall, ${mbps(result.bytesScanned, (used.user + used.system) / 1000)} MB/s cpu), ` +
      `format ${result.format}, ${result.detections.length} types, unclassifiable: ${result.unclassifiable?.reason ?? "no"}`,
  );
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `peak RSS of this process so far (node, tsx, detector, name dictionaries, the big object): ${peakMb.toFixed(0)} MB ` +
      `(goal < ${RSS_GOAL_MB} MB on 2 GB: ${peakMb < RSS_GOAL_MB ? "met" : "NOT met"}${gb < 2 ? `, but this object is only ${gb} GB` : ""})\n`,
  );
}

async function main(): Promise<void> {
  if (!Object.values(FILES).every((f) => existsSync(join(OUT_DIR, f)))) {
    console.log(`generating a ${CORPUS_MB} MB corpus in ${OUT_DIR} ...`);
    await generate(CORPUS_MB, Number(process.env.BENCH_SEED ?? "42"));
  }
  const identifiers = await loadCatalog();
  const detector = createDetector({ identifiers, validators: await loadValidators(), fingerprintKey: "bench-key" });


  console.log(`catalog: ${identifiers.length} managed identifiers; node ${process.version}; one thread\n`);
  // First, so that the peak RSS it prints is its own, not the corpus pieces' below.
  await bigObject(detector);
  // Outside the timed part: the one-time loads of a process (name dictionaries) and a first JIT pass.
  const warmUp = detector.newScan();
  for (const [piece, line] of filePieces(join(OUT_DIR, FILES.text), 1 << 20)) {
    for (const segment of textSegments(piece, line)) warmUp.push(segment);
    break;
  }
  warmUp.result();
  const measures = (["text", "csv", "jsonl"] as const).map((format) => measure(detector, format));
  const total = measures.reduce(
    (sum, m) => ({ bytes: sum.bytes + m.bytes, wallMs: sum.wallMs + m.wallMs, cpuMs: sum.cpuMs + m.cpuMs }),
    { bytes: 0, wallMs: 0, cpuMs: 0 },
  );
  const rows: string[][] = [["format", "MB", "segments", "wall s", "MB/s (wall)", "MB/s (cpu)", "types found", "occurrences"]];
  for (const m of measures) {
    rows.push([
      m.format,
      mb(m.bytes),
      String(m.segments),
      (m.wallMs / 1000).toFixed(2),
      mbps(m.bytes, m.wallMs),
      mbps(m.bytes, m.cpuMs),
      String(m.detections.length),
      String(m.detections.reduce((n, d) => n + d.count, 0)),
    ]);
  }
  rows.push(["all", mb(total.bytes), "", (total.wallMs / 1000).toFixed(2), mbps(total.bytes, total.wallMs), mbps(total.bytes, total.cpuMs), "", ""]);
  console.log("Sightline detector (full catalog)");
  console.log(table(rows));
  console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);

  if (process.env.BENCH_GREP === "0") return;
  const grepPatterns = identifiers.map((row) => toGrepEre(row.pattern)).filter((p): p is string => p !== null);
  const patternFile = join(OUT_DIR, "patterns.ere");
  // A pattern grep rejects, or cannot compile within 10 s (counted repetitions blow up its DFA: the JWT pattern took
  // minutes and 7 GB), is left out of the baseline.
  const compiles = (p: string): boolean => {
    const run = spawnSync("grep", ["-E", "-e", p, "/dev/null"], { encoding: "utf8", timeout: 10_000, killSignal: "SIGKILL" });
    return run.error === undefined && run.signal === null && run.stderr === "";
  };
  const usable = grepPatterns.filter(compiles);
  writeFileSync(patternFile, usable.join("\n") + "\n");
  const greps = (["text", "csv", "jsonl"] as const).map((format) => grepBaseline(patternFile, format));
  const grepRows: string[][] = [["format", "MB", "wall s", "MB/s (wall)", "MB/s (cpu)", "matching lines", "peak RSS MB"]];
  for (const g of greps) {
    grepRows.push([
      g.format,
      mb(g.bytes),
      (g.wallMs / 1000).toFixed(2),
      g.cpuMs === null ? `< ${mbps(g.bytes, g.wallMs)}` : mbps(g.bytes, g.wallMs),
      g.cpuMs === null ? "?" : mbps(g.bytes, g.cpuMs),
      g.lines,
      g.maxRssKb === null ? "?" : (g.maxRssKb / 1024).toFixed(0),
    ]);
  }
  const done = greps.filter((g) => g.cpuMs !== null);
  const grepTotal = done.reduce((s, g) => ({ bytes: s.bytes + g.bytes, ms: s.ms + g.wallMs, cpu: s.cpu + g.cpuMs! }), { bytes: 0, ms: 0, cpu: 0 });
  if (done.length > 0) {
    grepRows.push(["finished", mb(grepTotal.bytes), (grepTotal.ms / 1000).toFixed(2), mbps(grepTotal.bytes, grepTotal.ms), mbps(grepTotal.bytes, grepTotal.cpu), "", ""]);
  }
  console.log(`GNU grep -E -c -f (${usable.length} of ${identifiers.length} patterns expressible in ERE, LC_ALL=C)`);
  console.log(table(grepRows));
  console.log("\ndetections by type (all formats):");
  const byType = new Map<string, number>();
  for (const m of measures) for (const d of m.detections) byType.set(d.type, (byType.get(d.type) ?? 0) + d.count);
  console.log([...byType].sort((a, b) => b[1] - a[1]).map(([type, n]) => `  ${type} ${n}`).join("\n"));
}

await main();
