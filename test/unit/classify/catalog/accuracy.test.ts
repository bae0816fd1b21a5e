/**
 * Accuracy gate: runs the whole catalog through the real engine over the evaluation set in
 * bench/classify-accuracy/data/ and fails when any identifier's precision or recall drops below 0.9, or the overall
 * figures below 0.97 precision / 0.95 recall. `npx tsx bench/classify-accuracy/run.ts --mistakes` shows which cases.
 */
import { describe, expect, it } from "vitest";
import { managedIdentifiers } from "../../../../services/classify/catalog/index.js";
import { evaluate, loadCases } from "../../../../bench/classify-accuracy/evaluate.js";

const FLOOR = 0.9;
const cases = loadCases();
const result = evaluate(cases);

describe("catalog accuracy on the evaluation set", () => {
  it("has positives for every identifier and hard negatives besides", () => {
    const withPositives = new Set(cases.flatMap((c) => c.expect.map((e) => e.id)));
    expect(managedIdentifiers.map((row) => row.id).filter((id) => !withPositives.has(id))).toEqual([]);
    expect(cases.filter((c) => c.kind === "negative").length).toBeGreaterThanOrEqual(300);
  });

  it(`keeps every identifier at precision and recall >= ${FLOOR}`, () => {
    const below = [...result.perIdentifier]
      .filter(([, s]) => s.precision < FLOOR || s.recall < FLOOR)
      .map(([id, s]) => `${id} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)}`);
    expect(below).toEqual([]);
  });

  it("keeps overall precision >= 0.97 and recall >= 0.95", () => {
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.97);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.95);
  });
});
