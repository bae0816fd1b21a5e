/**
 * The evaluation set through every reader: each case rendered as a file of each format (render.ts), read by the real
 * reader and classified by classifyObject, then scored like the plain evaluation. Scores are kept per format, and per
 * identifier across formats; a case a format cannot carry (render returns null) is not counted for that format.
 */
import { classifyObject } from "../../services/classify/classify-object.js";
import { managedIdentifiers } from "../../services/classify/catalog/index.js";
import { defaultLimits } from "../../services/classify/limits.js";
import type { EvalCase } from "./cases.js";
import { evaluationDetector, Tally, type Mistake, type Score } from "./evaluate.js";
import { FORMATS, render, type FormatName } from "./render.js";

export interface FormatEvaluation {
  perFormat: Map<FormatName, { cases: number; score: Score; unclassifiable: number; reasons: Map<string, number> }>;
  /** Per identifier, over every format. */
  perIdentifier: Map<string, Score>;
  overall: Score;
  /** Per identifier, the formats in which it had at least one expected value (a positive). */
  positivesIn: Map<string, Set<FormatName>>;
  /** Per identifier, the formats in which a case written for it expected nothing (a hard negative). */
  negativesIn: Map<string, Set<FormatName>>;
  mistakes: (Mistake & { format: FormatName })[];
}

export interface FormatOptions {
  formats?: readonly FormatName[];
  /** Cases to render in a format; default all. Lets a test send only a sample through the costly binary formats. */
  select?: (format: FormatName, c: EvalCase, index: number) => boolean;
}

export async function evaluateFormats(cases: readonly EvalCase[], options: FormatOptions = {}): Promise<FormatEvaluation> {
  const detector = evaluationDetector();
  const limits = defaultLimits();
  const overall = new Tally();
  const perFormat: FormatEvaluation["perFormat"] = new Map();
  const positivesIn = new Map<string, Set<FormatName>>(managedIdentifiers.map((row) => [row.id, new Set()]));
  const negativesIn = new Map<string, Set<FormatName>>(managedIdentifiers.map((row) => [row.id, new Set()]));
  const mistakes: FormatEvaluation["mistakes"] = [];
  for (const format of options.formats ?? FORMATS) {
    const tally = new Tally();
    let rendered = 0;
    let unclassifiable = 0;
    const reasons = new Map<string, number>();
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      if (options.select !== undefined && !options.select(format, c, i)) continue;
      const file = await render(c, format);
      if (file === null) continue;
      rendered++;
      const bytes = file.bytes;
      const result = await classifyObject(
        { name: file.name, size: bytes.length, open: async function* () { yield bytes; } },
        detector,
        limits,
      );
      if (result.unclassifiable !== null) {
        unclassifiable++;
        const reason = `${result.unclassifiable.reason}: ${result.unclassifiable.detail ?? ""}`.slice(0, 120);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      const before = tally.mistakes.length;
      tally.add(c, result.detections);
      overall.add(c, result.detections);
      for (const m of tally.mistakes.slice(before)) mistakes.push({ ...m, format });
      for (const e of c.expect) positivesIn.get(e.id)?.add(format);
      if (c.kind === "negative") negativesIn.get(c.for)?.add(format);
    }
    perFormat.set(format, { cases: rendered, score: tally.overall(), unclassifiable, reasons });
  }
  return { perFormat, perIdentifier: overall.perIdentifier(), overall: overall.overall(), positivesIn, negativesIn, mistakes };
}
