/**
 * Prints precision and recall per managed identifier and overall on the evaluation set in data/.
 *
 *   npx tsx bench/classify-accuracy/run.ts [--mistakes]
 */
import { evaluate, loadCases } from "./evaluate.js";

const cases = loadCases();
const started = performance.now();
const result = evaluate(cases);
const elapsed = performance.now() - started;

const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);
console.log(`${"identifier".padEnd(48)} ${"TP".padStart(5)} ${"FP".padStart(5)} ${"FN".padStart(5)} precision  recall`);
for (const [id, s] of [...result.perIdentifier].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const flag = s.precision < 0.9 || s.recall < 0.9 ? "  <- below 0.9" : "";
  console.log(`${id.padEnd(48)} ${String(s.truePositives).padStart(5)} ${String(s.falsePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)}    ${pct(s.precision)}  ${pct(s.recall)}${flag}`);
}
const o = result.overall;
console.log(`\n${result.cases} cases, ${result.perIdentifier.size} identifiers, ${elapsed.toFixed(0)} ms`);
console.log(`overall: TP ${o.truePositives}  FP ${o.falsePositives}  FN ${o.falseNegatives}  precision ${pct(o.precision)}%  recall ${pct(o.recall)}%`);
if (process.argv.includes("--mistakes")) {
  for (const m of result.mistakes) console.log(`${m.kind.padEnd(15)} ${m.id.padEnd(40)} ${JSON.stringify(m.text).slice(0, 160)}`);
}
