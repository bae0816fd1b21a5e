/**
 * False-positive survey on natural text nobody wrote for this eval: the README, CHANGELOG and LICENSE files under
 * node_modules (English prose, code samples, version tables, URLs). They hold almost no personal data, so most of
 * what the catalog reports here is noise to look at; author emails and names in them are real hits.
 *
 *   npx tsx bench/classify-accuracy/background.ts [--samples ID]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createClassifier } from "../../services/classify/default-detector.js";

const root = join(process.cwd(), "node_modules");
const files: string[] = [];
function walk(dir: string, depth: number): void {
  if (depth > 4) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(path, depth + 1);
    else if (/^(readme|changelog|history|license)(\.md|\.txt)?$/i.test(name) && stat.size < 2_000_000) files.push(path);
  }
}
walk(root, 0);

const samplesFor = process.argv.includes("--samples") ? process.argv[process.argv.indexOf("--samples") + 1] : null;
const detector = createClassifier("background-survey");
const totals = new Map<string, number>();
let bytes = 0;
const started = performance.now();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  bytes += text.length;
  const scan = detector.newScan();
  scan.push({ text, location: { kind: "text", line: 1, column: 1 }, context: [] });
  for (const d of scan.result()) {
    totals.set(d.type, (totals.get(d.type) ?? 0) + d.count);
    if (d.type === samplesFor) {
      for (const o of d.occurrences.slice(0, 5)) {
        if ("lineRange" in o) {
          const line = text.split("\n")[o.lineRange.start - 1] ?? "";
          console.log(`${file.slice(root.length + 1)}:${o.lineRange.start}: ${line.slice(Math.max(0, o.lineRange.startColumn - 40), o.lineRange.startColumn + 80)}`);
        }
      }
    }
  }
}
const mb = bytes / 1e6;
console.log(`${files.length} files, ${mb.toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
for (const [id, n] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`${id.padEnd(44)} ${String(n).padStart(6)}  ${(n / mb).toFixed(1).padStart(7)} per MB`);
