import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { describe, expect, it } from "vitest";
import { defaultLimits } from "../../../../services/classify/limits.js";
import { readSegmentBatches } from "../../../../services/classify/readers/index.js";

const MiB = 1024 * 1024;

/** 256 distinct 64 KiB blocks of log-like lines, cycled: varied enough that gzip compresses only ~3:1. */
function textBlocks(): string[] {
  let seed = 42;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const blocks: string[] = [];
  for (let b = 0; b < 256; b++) {
    let block = "";
    while (block.length < 64 * 1024 - 100) {
      block += `2026-11-26T10:${String(next() % 60).padStart(2, "0")} user=${next().toString(36)} ip=10.${next() % 256}.${next() % 256}.${next() % 256} id=${next()}\n`;
    }
    blocks.push(block);
  }
  return blocks;
}

describe("streaming", () => {
  it("reads a ~500 MB gzip'd text stream, generated on the fly, with bounded memory", { timeout: 180_000 }, async () => {
    const blocks = textBlocks();
    const target = 500 * 1000 * 1000;
    let produced = 0;
    let lines = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; produced < target; i++) {
          const block = blocks[i % blocks.length]!;
          produced += block.length;
          lines += block.split("\n").length - 1;
          yield Buffer.from(block);
        }
      })(),
    );
    const gzipped = source.pipe(createGzip({ level: 1 }));

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 20);
    const started = Date.now();
    let chars = 0;
    let segments = 0;
    let last = { line: 0, text: "" };
    try {
      const stream = readSegmentBatches({ name: "app.log.gz", open: () => gzipped }, defaultLimits());
      for await (const batch of stream) {
        for (const segment of batch) {
          segments++;
          chars += segment.text.length;
          if (segment.location.kind === "text") last = { line: segment.location.line, text: segment.text };
        }
        sample();
      }
      expect(stream.format).toBe("gzip");
    } finally {
      clearInterval(timer);
    }
    const seconds = (Date.now() - started) / 1000;
    const growth = (peak - baseline) / MiB;
    console.log(
      `streaming: ${(chars / 1e6).toFixed(0)} MB of text in ${segments} segments, ${seconds.toFixed(1)} s, peak RSS growth ${growth.toFixed(0)} MiB`,
    );
    expect(chars).toBe(produced);
    expect(last.line + last.text.split("\n").length - 2).toBe(lines);
    expect(segments).toBeGreaterThanOrEqual(Math.floor(produced / MiB));
    expect(growth).toBeLessThan(300);
  });
});
