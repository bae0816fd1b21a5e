import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  classifyPaths,
  formatJsonLine,
  formatSummary,
  type ClassifyProgress,
  type FileClassification,
} from "../../../services/classify/classify-files.js";
import { classifyObject } from "../../../services/classify/classify-object.js";
import type { Detector } from "../../../services/classify/detect/detector.js";
import { defaultLimits } from "../../../services/classify/limits.js";
import type { Detection, Occurrence, Segment } from "../../../services/classify/types.js";
import { zip } from "./readers/build.js";

/** Stands in for the detection engine: reports every SSN-shaped string, at its segment's location. */
function fakeDetector(pushed: Segment[] = []): Detector {
  return {
    newScan() {
      const occurrences: Occurrence[] = [];
      return {
        push(segment: Segment) {
          pushed.push(segment);
          for (const match of segment.text.matchAll(/\d{3}-\d{2}-\d{4}/g)) {
            const l = segment.location;
            const where =
              l.kind === "text"
                ? { lineRange: { start: l.line, end: l.line, startColumn: l.column + match.index } }
                : l.kind === "cell"
                  ? { cell: { row: l.row, column: l.column, columnName: l.columnName } }
                  : l.kind === "record"
                    ? { record: { recordIndex: l.recordIndex, jsonPath: l.jsonPath } }
                    : { page: { pageNumber: l.pageNumber } };
            const occurrence: Occurrence = {
              ...where,
              evidence: { pattern: "ssn", validator: null, keyword: null },
              fingerprint: match[0],
            };
            if (segment.member !== undefined) occurrence.member = segment.member;
            occurrences.push(occurrence);
          }
        },
        result(): Detection[] {
          if (occurrences.length === 0) return [];
          return [
            {
              type: "USA_SOCIAL_SECURITY_NUMBER",
              category: "PERSONAL",
              count: occurrences.length,
              distinctValues: new Set(occurrences.map((o) => o.fingerprint)).size,
              severity: "HIGH",
              occurrences,
            },
          ];
        },
      };
    },
  };
}

const bytesOf = (text: string) => async function* () {
  yield Buffer.from(text);
};

describe("classifyObject", () => {
  it("pushes every segment into one scan and reports format and bytes", async () => {
    const pushed: Segment[] = [];
    const c = await classifyObject(
      { name: "people.csv", open: bytesOf("name,ssn\nAl,123-45-6789\nBo,987-65-4321\n") },
      fakeDetector(pushed),
      defaultLimits(),
    );
    expect(pushed.map((s) => s.text)).toEqual(["name,ssn", "Al", "123-45-6789", "Bo", "987-65-4321"]);
    expect(c).toMatchObject({ unclassifiable: null, bytesScanned: 39, format: "csv" });
    expect(c.detections[0]!.count).toBe(2);
  });

  it("keeps detections found before a limit and records the limit", async () => {
    const nested = `{"ssn":"123-45-6789","deep":${"[".repeat(300)}${"]".repeat(300)}}`;
    const c = await classifyObject({ name: "a.json", open: bytesOf(nested) }, fakeDetector(), defaultLimits());
    expect(c.unclassifiable).toEqual({ reason: "NESTING_TOO_DEEP", detail: "a.json: JSON nests deeper than 256 levels at line 1" });
    expect(c.detections[0]!.count).toBe(1);
  });

  it("never throws for bad content: unsupported, binary and corrupt objects are recorded", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d", "hex");
    const cases: Array<[string, Uint8Array, string]> = [
      ["a.png", png, "UNSUPPORTED_FORMAT"],
      ["a.bin", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 32)), "BINARY_CONTENT"],
      ["a.zip", Buffer.from("PK\x03\x04garbage"), "CORRUPT_FILE"],
      ["a.gz", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), "CORRUPT_FILE"],
    ];
    for (const [name, bytes, reason] of cases) {
      const c = await classifyObject({ name, open: async function* () { yield bytes; } }, fakeDetector(), defaultLimits());
      expect(c.unclassifiable?.reason).toBe(reason);
      expect(c.detections).toEqual([]);
    }
  });

  it("accepts an opener that returns a promise of a stream (S3 GetObject)", async () => {
    const c = await classifyObject(
      { name: "k.txt", open: async () => bytesOf("SSN 123-45-6789")() },
      fakeDetector(),
      defaultLimits(),
    );
    expect(c.detections[0]!.occurrences[0]).toMatchObject({ lineRange: { start: 1, end: 1, startColumn: 5 } });
  });

  it("propagates the caller's abort instead of recording it", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(
      classifyObject({ name: "a.txt", open: bytesOf("x") }, fakeDetector(), defaultLimits(), controller.signal),
    ).rejects.toThrow("stop");
  });
});

describe("classifyPaths", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sightline-classify-"));
    await mkdir(join(root, "dir/sub"), { recursive: true });
    await mkdir(join(root, "dir/empty"));
    await writeFile(join(root, "dir/b.csv"), "name,ssn\nAl,123-45-6789\n");
    await writeFile(join(root, "dir/a.txt"), "nothing to see\n");
    await writeFile(join(root, "dir/sub/export.zip"), zip({ "2024/users.json": '{"ssn":"987-65-4321"}', "x.txt": "123-45-6789" }));
    await writeFile(join(root, "dir/sub/scan.png"), Buffer.from("89504e470d0a1a0a0000000d", "hex"));
    await writeFile(join(root, "single.txt"), "SSN: 111-22-3333");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function collect(paths: string[], progress?: ClassifyProgress[]): Promise<FileClassification[]> {
    const out: FileClassification[] = [];
    for await (const r of classifyPaths(paths, fakeDetector(), defaultLimits(), (p) => progress?.push(p))) out.push(r);
    return out;
  }

  it("walks directories sorted and recursively, one result per file, archives on their own line", async () => {
    const progress: ClassifyProgress[] = [];
    const results = await collect([join(root, "single.txt"), join(root, "dir"), join(root, "missing.csv")], progress);
    expect(results.map((r) => [r.path.slice(root.length + 1), r.findings.map((f) => f.count), r.unclassifiable])).toEqual([
      ["single.txt", [1], null],
      ["dir/a.txt", [], null],
      ["dir/b.csv", [1], null],
      ["dir/sub/export.zip", [2], null],
      ["dir/sub/scan.png", [], "UNSUPPORTED_FORMAT: " + join(root, "dir/sub/scan.png") + ": PNG image"],
      ["missing.csv", [], `READ_FAILED: ENOENT: no such file or directory, stat '${join(root, "missing.csv")}'`],
    ]);
    const zipOccurrences = results[3]!.findings[0]!.occurrences;
    expect(zipOccurrences.map((o) => o.member)).toEqual(["export.zip/2024/users.json", "export.zip/x.txt"]);
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({ filesDone: 6, filesTotal: 6, bytesDone: last.bytesTotal });
    expect(last.bytesTotal).toBeGreaterThan(0);
    expect(progress.map((p) => p.bytesDone)).toEqual([...progress.map((p) => p.bytesDone)].sort((a, b) => a - b));
  });

  it("formats a JSON line with exactly path, findings and unclassifiable", async () => {
    const [result] = await collect([join(root, "dir/b.csv")]);
    expect(JSON.parse(formatJsonLine(result!))).toEqual({
      path: join(root, "dir/b.csv"),
      findings: [
        {
          type: "USA_SOCIAL_SECURITY_NUMBER",
          category: "PERSONAL",
          count: 1,
          severity: "HIGH",
          occurrences: [
            {
              cell: { row: 2, column: 2, columnName: "ssn" },
              evidence: { pattern: "ssn", validator: null, keyword: null },
              fingerprint: "123-45-6789",
            },
          ],
        },
      ],
      unclassifiable: null,
    });
  });

  it("formats a human summary", async () => {
    const results = await collect([join(root, "dir")]);
    expect(results.map(formatSummary).map((s) => s.replaceAll(root, "<root>"))).toEqual([
      "<root>/dir/a.txt: no sensitive data found",
      "<root>/dir/b.csv:\n  USA_SOCIAL_SECURITY_NUMBER (PERSONAL, HIGH): 1 occurrence, first at row 2 column 2 (ssn)",
      "<root>/dir/sub/export.zip:\n  USA_SOCIAL_SECURITY_NUMBER (PERSONAL, HIGH): 2 occurrences, first at record 0 $.ssn in export.zip/2024/users.json",
      "<root>/dir/sub/scan.png: UNCLASSIFIABLE UNSUPPORTED_FORMAT: <root>/dir/sub/scan.png: PNG image",
    ]);
  });
});
