/**
 * Accuracy through the readers: the evaluation set rendered as files of every supported format (text, CSV, TSV,
 * JSON, JSONL, YAML, XML, HTML, EML, gzip, zip, tar, Parquet, Avro, XLSX, DOCX, PDF), read by the real readers and
 * classified. Every case goes through text, CSV and JSON (so every identifier has positives and hard negatives in each);
 * the other formats get every 8th case to keep the file under a minute. `npx tsx bench/classify-accuracy/run.ts`
 * prints the full figures.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { managedIdentifiers } from "../../../../services/classify/catalog/index.js";
import { loadCases } from "../../../../bench/classify-accuracy/evaluate.js";
import { evaluateFormats, type FormatEvaluation } from "../../../../bench/classify-accuracy/evaluate-formats.js";
import { FORMATS, type FormatName } from "../../../../bench/classify-accuracy/render.js";

const EVERY_CASE: ReadonlySet<FormatName> = new Set(["text", "csv", "json"]);
let result: FormatEvaluation;

beforeAll(async () => {
  result = await evaluateFormats(loadCases(), { select: (format, _c, index) => EVERY_CASE.has(format) || index % 8 === 0 });
}, 240_000);

describe("catalog accuracy through every reader", () => {
  it("sends cases through every format's reader", () => {
    const empty = FORMATS.filter((format) => (result.perFormat.get(format)?.cases ?? 0) < 20);
    expect(empty).toEqual([]);
  });

  it("has a positive and a hard negative for every identifier in text, CSV and JSON", () => {
    const missing: string[] = [];
    for (const row of managedIdentifiers) {
      for (const format of EVERY_CASE) {
        if (!result.positivesIn.get(row.id)!.has(format)) missing.push(`${row.id} positive in ${format}`);
        if (!result.negativesIn.get(row.id)!.has(format)) missing.push(`${row.id} negative in ${format}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps precision >= 0.97 and recall >= 0.95 in every format", () => {
    const below = [...result.perFormat]
      .filter(([, f]) => f.score.precision < 0.97 || f.score.recall < 0.95)
      .map(([format, f]) => `${format} precision ${f.score.precision.toFixed(3)} recall ${f.score.recall.toFixed(3)}`);
    expect(below).toEqual([]);
  });

  it("keeps every identifier at precision and recall >= 0.9 over all formats", () => {
    const below = [...result.perIdentifier]
      .filter(([, s]) => s.precision < 0.9 || s.recall < 0.9)
      .map(([id, s]) => `${id} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)}`);
    expect(below).toEqual([]);
  });
});
