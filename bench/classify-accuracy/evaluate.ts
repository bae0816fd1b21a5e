/**
 * Scores the catalog on the evaluation set through the real engine: each case is one text segment; a detection
 * counts as true when its fingerprint equals that of an expected value of the same identifier, false otherwise.
 * Precision and recall are per identifier and overall (micro-averaged over all detections).
 */
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { managedIdentifier, managedIdentifiers } from "../../services/classify/catalog/index.js";
import type { ManagedIdentifier } from "../../services/classify/detect/identifier.js";
import { createDetector, type Detector } from "../../services/classify/detect/detector.js";
import type { Detection, Segment } from "../../services/classify/types.js";
import { validators } from "../../services/classify/validators/index.js";
import { type EvalCase, parseCases } from "./cases.js";

const FINGERPRINT_KEY = "classify-accuracy";

/** The catalog's normalisations, as the engine applies them before fingerprinting. */
export const NORMALIZE: Record<NonNullable<ManagedIdentifier["normalize"]>, (raw: string) => string> = {
  digits: (raw) => raw.replace(/\D+/g, ""),
  "alnum-upper": (raw) => raw.replace(/[^\p{L}\p{N}]+/gu, "").toUpperCase(),
  trim: (raw) => raw.trim(),
  none: (raw) => raw,
};

function fingerprint(id: string, value: string): string {
  const row = managedIdentifier(id);
  if (row === undefined) throw new Error(`evaluation case expects unknown identifier ${id}`);
  const normalized = NORMALIZE[row.normalize ?? "none"](value);
  return createHmac("sha256", FINGERPRINT_KEY).update(`${id}:${normalized}`).digest("hex");
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Mistake {
  id: string;
  kind: "false positive" | "false negative";
  text: string;
}

export interface Evaluation {
  perIdentifier: Map<string, Score>;
  overall: Score;
  mistakes: Mistake[];
  cases: number;
}

function score(tp: number, fp: number, fn: number): Score {
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function loadCases(directory = join(dirname(fileURLToPath(import.meta.url)), "data")): EvalCase[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) => parseCases(readFileSync(join(directory, name), "utf8")));
}

/** Tallies per identifier, filled case by case. */
export class Tally {
  private readonly counts: Map<string, { tp: number; fp: number; fn: number }>;
  readonly mistakes: Mistake[] = [];

  constructor(identifiers: readonly ManagedIdentifier[] = managedIdentifiers) {
    this.counts = new Map(identifiers.map((row) => [row.id, { tp: 0, fp: 0, fn: 0 }]));
  }

  /** Scores what the engine reported for one case against what the case expects. */
  add(c: EvalCase, detections: readonly Detection[]): void {
    const expected = new Map<string, number>();
    for (const e of c.expect) {
      const key = `${e.id}\u0000${fingerprint(e.id, e.value)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const detection of detections) {
      const tally = this.counts.get(detection.type)!;
      for (const occurrence of detection.occurrences) {
        const key = `${detection.type}\u0000${occurrence.fingerprint}`;
        const left = expected.get(key) ?? 0;
        if (left > 0) {
          expected.set(key, left - 1);
          tally.tp++;
        } else {
          tally.fp++;
          this.mistakes.push({ id: detection.type, kind: "false positive", text: c.text });
        }
      }
    }
    for (const [key, left] of expected) {
      if (left === 0) continue;
      const id = key.split("\u0000")[0];
      this.counts.get(id)!.fn += left;
      this.mistakes.push({ id, kind: "false negative", text: c.text });
    }
  }

  perIdentifier(): Map<string, Score> {
    return new Map([...this.counts].map(([id, c]) => [id, score(c.tp, c.fp, c.fn)]));
  }

  overall(): Score {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of this.counts.values()) {
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    return score(tp, fp, fn);
  }
}

/** The engine as the evaluation runs it: the whole catalog, with the fingerprint key the expectations use. */
export function evaluationDetector(identifiers: readonly ManagedIdentifier[] = managedIdentifiers): Detector {
  return createDetector({ identifiers, validators, fingerprintKey: FINGERPRINT_KEY });
}

export function evaluate(cases: readonly EvalCase[], identifiers: readonly ManagedIdentifier[] = managedIdentifiers): Evaluation {
  const detector = evaluationDetector(identifiers);
  const tally = new Tally(identifiers);
  for (const c of cases) {
    const scan = detector.newScan();
    const segment: Segment = { text: c.text, location: { kind: "text", line: 1, column: 1 }, context: c.context ?? [] };
    scan.push(segment);
    tally.add(c, scan.result());
  }
  return { perIdentifier: tally.perIdentifier(), overall: tally.overall(), mistakes: tally.mistakes, cases: cases.length };
}
