/** `sightline classify <path...>`: the audit's classification engine over local files, one result per input file. */
import { classifyPaths, formatJsonLine, formatSummary } from "../services/classify/classify-files.js";
import { createClassifier } from "../services/classify/default-detector.js";
import { defaultLimits } from "../services/classify/limits.js";
import { loadConfig } from "./config.js";

export async function runClassify(
  paths: string[],
  opts: { json: boolean; env: Record<string, string | undefined> },
): Promise<number> {
  const config = loadConfig(opts.env);
  const detector = createClassifier(config.fingerprintKey);
  const showProgress = !opts.json && process.stderr.isTTY === true;
  let lastProgress = 0;
  let files = 0;
  let withFindings = 0;
  for await (const result of classifyPaths(paths, detector, defaultLimits(), (p) => {
    const now = Date.now();
    if (showProgress && now - lastProgress > 500) {
      lastProgress = now;
      process.stderr.write(`\r${p.path}: ${(p.bytesDone / 1e6).toFixed(1)} MB${p.bytesTotal ? ` of ${(p.bytesTotal / 1e6).toFixed(1)} MB` : ""}   `);
    }
  })) {
    if (showProgress) process.stderr.write("\r\x1b[K");
    files += 1;
    if (result.findings.length > 0) withFindings += 1;
    process.stdout.write(opts.json ? `${formatJsonLine(result)}\n` : `${formatSummary(result)}\n`);
  }
  if (!opts.json) console.log(`${files} file(s) classified, ${withFindings} with sensitive data`);
  return 0;
}
