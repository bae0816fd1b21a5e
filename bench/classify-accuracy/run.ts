/**
 * Prints precision and recall per managed identifier and overall on the evaluation set in data/, then the same set
 * rendered as files of every supported format and read by the real readers, with precision and recall per format.
 *
 *   npx tsx bench/classify-accuracy/run.ts [--mistakes] [--no-formats] [--binary-every N]
 *
 * Text formats (text, CSV, TSV, JSON, JSONL, YAML, XML, HTML, EML) get every case; archives and binary formats every
 * Nth case (default 4), since building an XLSX or PDF per case is what costs the time.
 */
import { evaluate, loadCases, type Score } from "./evaluate.js";
import { evaluateFormats } from "./evaluate-formats.js";
import { BINARY_FORMATS, FORMATS } from "./render.js";

const cases = loadCases();
const argValue = (flag: string): string | undefined => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);
const counts = (s: Score): string =>
  `${String(s.truePositives).padStart(5)} ${String(s.falsePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)}    ${pct(s.precision)}  ${pct(s.recall)}`;

const started = performance.now();
const cpu = process.cpuUsage();
const result = evaluate(cases);
const elapsed = performance.now() - started;

console.log(`${"identifier".padEnd(48)} ${"TP".padStart(5)} ${"FP".padStart(5)} ${"FN".padStart(5)} precision  recall`);
for (const [id, s] of [...result.perIdentifier].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const flag = s.precision < 0.9 || s.recall < 0.9 ? "  <- below 0.9" : "";
  console.log(`${id.padEnd(48)} ${counts(s)}${flag}`);
}
const o = result.overall;
console.log(`\n${result.cases} cases, ${result.perIdentifier.size} identifiers, ${elapsed.toFixed(0)} ms`);
console.log(`overall: TP ${o.truePositives}  FP ${o.falsePositives}  FN ${o.falseNegatives}  precision ${pct(o.precision)}%  recall ${pct(o.recall)}%`);
if (process.argv.includes("--mistakes")) {
  for (const m of result.mistakes) console.log(`${m.kind.padEnd(15)} ${m.id.padEnd(40)} ${JSON.stringify(m.text).slice(0, 160)}`);
}

if (!process.argv.includes("--no-formats")) {
  const every = Number(argValue("--binary-every") ?? 4);
  const formatsStarted = performance.now();
  const byFormat = await evaluateFormats(cases, {
    select: (format, _c, index) => !BINARY_FORMATS.has(format) || index % every === 0,
  });
  console.log(`\n${"format".padEnd(10)} ${"cases".padStart(6)} ${"unclass.".padStart(8)} ${"TP".padStart(5)} ${"FP".padStart(5)} ${"FN".padStart(5)} precision  recall`);
  for (const format of FORMATS) {
    const f = byFormat.perFormat.get(format)!;
    console.log(`${format.padEnd(10)} ${String(f.cases).padStart(6)} ${String(f.unclassifiable).padStart(8)} ${counts(f.score)}`);
    for (const [reason, n] of f.reasons) console.log(`${"".padEnd(10)} unclassifiable x${n}: ${reason}`);
  }
  const fo = byFormat.overall;
  console.log(`all formats: TP ${fo.truePositives}  FP ${fo.falsePositives}  FN ${fo.falseNegatives}  precision ${pct(fo.precision)}%  recall ${pct(fo.recall)}%` +
    `  (archives and binary formats: every ${every}th case; ${((performance.now() - formatsStarted) / 1000).toFixed(1)} s)`);
  const lowest = [...byFormat.perIdentifier].filter(([, s]) => s.truePositives + s.falseNegatives > 0).sort(([, a], [, b]) => Math.min(a.precision, a.recall) - Math.min(b.precision, b.recall)).slice(0, 5);
  console.log(`lowest identifiers over all formats: ${lowest.map(([id, s]) => `${id} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}`).join("; ")}`);
  const missing = [...byFormat.positivesIn].filter(([, formats]) => !(["text", "csv", "json"] as const).every((f) => formats.has(f))).map(([id]) => id);
  console.log(`identifiers without a positive in each of text, CSV and JSON: ${missing.length === 0 ? "none" : missing.join(", ")}`);
  if (process.argv.includes("--mistakes")) {
    for (const m of byFormat.mistakes) console.log(`${m.format.padEnd(8)} ${m.kind.padEnd(15)} ${m.id.padEnd(40)} ${JSON.stringify(m.text).slice(0, 140)}`);
  }
}
const used = process.cpuUsage(cpu);
console.log(`\nCPU ${((used.user + used.system) / 1e6).toFixed(1)} s, wall ${((performance.now() - started) / 1000).toFixed(1)} s`);
