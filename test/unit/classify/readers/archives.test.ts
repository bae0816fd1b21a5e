import { createGzip } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultLimits } from "../../../../services/classify/limits.js";
import { readSegments } from "../../../../services/classify/readers/index.js";
import { deflatedZeros, docx, gzip, rawZip, tarball, zip } from "./build.js";
import { readAll, summarize } from "./helpers.js";

const MiB = 1024 * 1024;

describe("archives", () => {
  it("reads gzip transparently under the inner name", async () => {
    const r = await readAll("users.csv.gz", gzip("ssn\n123-45-6789\n"));
    expect(r.format).toBe("gzip");
    expect(summarize(r.segments)).toEqual([
      { text: "ssn", at: "line 1:1", context: [] },
      { text: "123-45-6789", at: "r2c1(ssn)", context: ["ssn"] },
    ]);
  });

  it("reads zip members, nested zips and Office files inside zips, with member paths", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const bytes = zip({
      "inner/file.csv": "ssn\n123-45-6789\n",
      "inner/photo.png": png,
      "nested.zip": zip({ "deep/notes.txt": "hello" }),
      "report.docx": docx(["SSN 987-65-4321"]),
      "empty-dir/": "",
    });
    const r = await readAll("exports/outer.zip", bytes);
    expect(r.format).toBe("zip");
    expect(r.error).toBeNull();
    expect(summarize(r.segments)).toEqual([
      { text: "ssn", at: "line 1:1", context: [], member: "outer.zip/inner/file.csv" },
      { text: "123-45-6789", at: "r2c1(ssn)", context: ["ssn"], member: "outer.zip/inner/file.csv" },
      // The PNG member is skipped, as Macie skips unsupported files inside archives.
      { text: "hello", at: "line 1:1", context: [], member: "outer.zip/nested.zip/deep/notes.txt" },
      { text: "SSN 987-65-4321\n\n", at: "line 1:1", context: [], member: "outer.zip/report.docx" },
    ]);
  });

  it("reads tar and tar.gz members with member paths under the archive's name", async () => {
    const tar = await tarball({ "dir/a.json": '{"ssn":"123-45-6789"}', "c.png": Buffer.from("89504e470d0a1a0a00000000", "hex"), "b.txt": "hello" });
    const expected = (top: string) => [
      { text: "123-45-6789", at: "#0 $.ssn", context: ["ssn"], member: `${top}/dir/a.json` },
      { text: "hello", at: "line 1:1", context: [], member: `${top}/b.txt` },
    ];
    const plain = await readAll("backup.tar", tar);
    expect(plain.format).toBe("tar");
    expect(summarize(plain.segments)).toEqual(expected("backup.tar"));
    const gz = await readAll("backup.tar.gz", gzip(tar));
    expect(gz.error).toBeNull();
    expect(summarize(gz.segments)).toEqual(expected("backup.tar.gz"));
  });

  it("opens archives nested 10 deep and refuses the 11th level with ARCHIVE_TOO_DEEP", async () => {
    const nested = (levels: number): Buffer => {
      let bytes = zip({ "leaf.txt": "SSN 123-45-6789" });
      for (let level = levels - 1; level > 0; level--) bytes = zip({ [`z${level}.zip`]: bytes });
      return bytes;
    };
    const ten = await readAll("z0.zip", nested(10));
    expect(ten.error).toBeNull();
    expect(ten.segments.map((s) => s.member)).toEqual([
      "z0.zip/z1.zip/z2.zip/z3.zip/z4.zip/z5.zip/z6.zip/z7.zip/z8.zip/z9.zip/leaf.txt",
    ]);
    const eleven = await readAll("z0.zip", nested(11));
    expect(eleven.error?.reason).toBe("ARCHIVE_TOO_DEEP");
    expect(eleven.error?.detail).toBe(
      "zip z0.zip/z1.zip/z2.zip/z3.zip/z4.zip/z5.zip/z6.zip/z7.zip/z8.zip/z9.zip/z10.zip is nested 10 levels deep (limit 10)",
    );
  });

  it("refuses too many entries in a zip (from the central directory) and across tar members", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 1001; i++) many[`f${i}.txt`] = "x";
    const z = await readAll("many.zip", zip(many), { maxArchiveEntries: 1000 });
    expect(z.error?.reason).toBe("ARCHIVE_TOO_MANY_ENTRIES");
    expect(z.error?.detail).toBe("many.zip has 1001 entries (limit 1000)");
    const t = await readAll("many.tar", await tarball(many), { maxArchiveEntries: 1000 });
    expect(t.error?.reason).toBe("ARCHIVE_TOO_MANY_ENTRIES");
    expect(t.segments).toHaveLength(1000);
  });

  it("reports corrupt and truncated archives as CORRUPT_FILE", async () => {
    const gz = gzip("a".repeat(100_000) + "SSN 123-45-6789");
    expect((await readAll("cut.txt.gz", gz.subarray(0, gz.length / 2))).error?.reason).toBe("CORRUPT_FILE");
    const garbled = Buffer.from(gz);
    garbled.fill(0x41, 10, 40);
    expect((await readAll("bad.txt.gz", garbled)).error?.reason).toBe("CORRUPT_FILE");
    const badZip = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]);
    const z = await readAll("bad.zip", badZip);
    expect(z.error?.reason).toBe("CORRUPT_FILE");
    expect(z.error?.detail).toMatch(/^bad\.zip: /);
    const tar = await tarball({ "a.txt": "x".repeat(5000), "b.txt": "y" });
    const t = await readAll("cut.tar", tar.subarray(0, 2048));
    expect(t.error?.reason).toBe("CORRUPT_FILE");
  });
});

describe("decompression bombs", () => {
  let zeros: { data: Buffer; crc: number };
  beforeAll(async () => {
    zeros = await deflatedZeros(1024 * MiB);
  });

  it("refuses a zip whose entry declares a 1 GiB of zeros at ~1000:1 before inflating it", async () => {
    const bomb = rawZip([{ name: "zeros.bin", method: 8, data: zeros.data, crc: zeros.crc, uncompressedSize: 1024 * MiB }]);
    const started = Date.now();
    const r = await readAll("bomb.zip", bomb);
    expect(r.error?.reason).toBe("ARCHIVE_RATIO_EXCEEDED");
    expect(r.error?.detail).toMatch(/^bomb\.zip\/zeros\.bin declares a \d+:1 compression ratio \(limit 100:1\)$/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses by size when the ratio is allowed but the entry exceeds the per-file limit", async () => {
    const bomb = rawZip([{ name: "zeros.bin", method: 8, data: zeros.data, crc: zeros.crc, uncompressedSize: 1024 * MiB }]);
    const r = await readAll("bomb.zip", bomb, { maxCompressionRatio: 1e9, maxExtractedBytesPerFile: 512 * MiB });
    expect(r.error?.reason).toBe("ARCHIVE_TOO_LARGE");
  });

  it("stops a gzip bomb (no declared size) by metering its output, after ~10 MiB", async () => {
    const gz = await new Promise<Buffer>((resolve) => {
      const parts: Buffer[] = [];
      const g = createGzip({ level: 1 });
      g.on("data", (c: Buffer) => parts.push(c)).on("end", () => resolve(Buffer.concat(parts)));
      const zero = Buffer.alloc(MiB, "A");
      for (let i = 0; i < 256; i++) g.write(zero);
      g.end();
    });
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const r = await readAll("zeros.log.gz", gz);
    expect(r.error?.reason).toBe("ARCHIVE_RATIO_EXCEEDED");
    expect(r.error?.detail).toMatch(/^zeros\.log\.gz decompresses at more than 100:1/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MiB);
    const capped = await readAll("zeros.log.gz", gz, { maxCompressionRatio: 1e9, maxExtractedBytesPerFile: 20 * MiB });
    expect(capped.error?.reason).toBe("ARCHIVE_TOO_LARGE");
    expect(capped.error?.detail).toBe(`zeros.log.gz extracts to more than ${20 * MiB} bytes`);
  });

  it("stops a 42.zip-style nested bomb at its first leaf", async () => {
    const entry = (name: string) => ({ name, method: 8 as const, data: zeros.data, crc: zeros.crc, uncompressedSize: 1024 * MiB });
    // Each level multiplies the one below (42.zip uses 16 copies over 5 levels; 2 over 3 keep the test small).
    const leaf = rawZip([0, 1].map((i) => entry(`zeros-${i}.bin`)));
    const level2 = zip({ "l2-0.zip": leaf, "l2-1.zip": leaf }, 0);
    const bomb = zip({ "l1-0.zip": level2, "l1-1.zip": level2 }, 0);
    const started = Date.now();
    const r = await readAll("42.zip", bomb);
    expect(r.error?.reason).toBe("ARCHIVE_RATIO_EXCEEDED");
    expect(r.error?.detail).toMatch(/^42\.zip\/l1-0\.zip\/l2-0\.zip\/zeros-0\.bin declares/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("counts extracted bytes across members against the total limit", async () => {
    const payload = "SSN 123-45-6789\n".repeat(1000);
    const bytes = zip({ "a.txt": payload, "b.txt": payload, "c.txt": payload });
    const r = await readAll("three.zip", bytes, { maxExtractedBytes: 2.5 * payload.length });
    expect(r.error?.reason).toBe("ARCHIVE_TOO_LARGE");
    expect(r.segments.map((s) => s.member)).toEqual(["three.zip/a.txt", "three.zip/b.txt"]);
  });

  it("refuses a buffered format larger than maxBufferedBytes before reading it", async () => {
    let opened = false;
    const stream = readSegments(
      { name: "huge.zip", size: 300 * MiB, open: () => ((opened = true), (async function* () { yield Buffer.from("PK\x03\x04"); })()) },
      defaultLimits(),
    );
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toMatchObject({ reason: "OBJECT_TOO_LARGE" });
    expect(opened).toBe(true);
  });
});
