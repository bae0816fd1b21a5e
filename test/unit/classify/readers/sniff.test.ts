import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultLimits } from "../../../../services/classify/limits.js";
import { readSegments } from "../../../../services/classify/readers/index.js";
import { gzip } from "./build.js";
import { readAll, summarize } from "./helpers.js";

describe("format sniffing and content limits", () => {
  it("calls random bytes BINARY_CONTENT whatever the extension", async () => {
    for (const name of ["blob.bin", "data.csv", "noext"]) {
      const r = await readAll(name, randomBytes(100_000));
      expect(r.error?.reason).toBe("BINARY_CONTENT");
      expect(r.format).toBe("binary");
    }
  });

  it("calls images, audio and video UNSUPPORTED_FORMAT by their magic bytes", async () => {
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(64)]);
    const r = await readAll("scan.png", png);
    expect(r.error?.reason).toBe("UNSUPPORTED_FORMAT");
    expect(r.error?.detail).toBe("scan.png: PNG image");
    const cases: Array<[string, Buffer, string]> = [
      ["photo.csv", Buffer.from("ffd8ffe000104a464946", "hex"), "JPEG image"],
      ["clip.mp4", Buffer.from("000000186674797069736f6d", "hex"), "MP4/QuickTime/HEIF media"],
      ["song", Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00"), "MP3 audio"],
      ["legacy.doc", Buffer.from("d0cf11e0a1b11ae1", "hex"), "legacy OLE2 Office document (DOC/XLS)"],
    ];
    for (const [name, bytes, what] of cases) {
      expect((await readAll(name, bytes)).error?.detail).toBe(`${name}: ${what}`);
    }
  });

  it("trusts magic bytes over the extension", async () => {
    const r = await readAll("looks-like.csv", gzip("a,b\n1,2\n"));
    expect(r.format).toBe("gzip");
    expect(r.segments.map((s) => s.text)).toEqual(["a,b", "1", "2"]);
  });

  it("calls a gzip-wrapped image unsupported (gzip is not a folder)", async () => {
    const r = await readAll("scan.png.gz", gzip(Buffer.from("89504e470d0a1a0a00000000", "hex")));
    expect(r.error?.reason).toBe("UNSUPPORTED_FORMAT");
  });

  it("stops with TIME_LIMIT_EXCEEDED when an object takes too long", async () => {
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield Buffer.from(`line ${i}\n`.repeat(2000));
      }
    }
    const stream = readSegments({ name: "slow.txt", open: slow }, defaultLimits({ maxTimePerObjectMs: 200, maxSegmentChars: 1000 }));
    const texts: string[] = [];
    await expect(async () => {
      for await (const segment of stream) texts.push(segment.text);
    }).rejects.toMatchObject({ reason: "TIME_LIMIT_EXCEEDED" });
    expect(texts.length).toBeGreaterThan(0);
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("run cancelled");
    const stream = readSegments(
      { name: "a.txt", open: () => (async function* () { for (;;) yield Buffer.from("x\n".repeat(1000)); })() },
      defaultLimits({ maxSegmentChars: 100 }),
      controller.signal,
    );
    let n = 0;
    await expect(async () => {
      for await (const _ of stream) if (++n === 5) controller.abort(reason);
    }).rejects.toBe(reason);
  });

  it("reports a failing source as READ_FAILED", async () => {
    const stream = readSegments(
      {
        name: "s3://bucket/key.txt",
        open: () => (async function* () {
          yield Buffer.from("SSN 123-45-6789\n".repeat(1000));
          throw new Error("socket hang up");
        })(),
      },
      defaultLimits(),
    );
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toMatchObject({ reason: "READ_FAILED", detail: "s3://bucket/key.txt: socket hang up" });
  });

  it("reads text that only starts like JSON as text, so it is scanned, not CORRUPT_FILE", async () => {
    const credentials = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
    const ini = await readAll(".aws/credentials", credentials);
    expect([ini.format, ini.error]).toEqual(["text", null]);
    expect(summarize(ini.segments)).toEqual([{ text: credentials, at: "line 1:1", context: [] }]);
    const log = await readAll("app.log.txt", "[2024-11-26 10:00:01] INFO user=ana ssn=123-45-6789\n[2024-11-26 10:00:02] WARN retry\n");
    expect([log.format, log.error, log.segments.length]).toEqual(["text", null, 1]);
    const note = await readAll("notes.txt", "{ todo: call Ana about her card }\n");
    expect([note.format, note.segments.map((s) => s.text)]).toEqual(["text", ["{ todo: call Ana about her card }\n"]]);
    const fragment = '{"type": "service_account", "private_key_id": "3b2f"';
    expect((await readAll("pasted.txt", fragment)).format).toBe("text");
    expect((await readAll("pasted.txt", fragment + "}")).format).toBe("json");
  });

  it("still sniffs JSON without an extension, and keeps explicit JSON that is corrupt CORRUPT_FILE", async () => {
    const sniffed = await readAll("export", '[{"ssn": "123-45-6789"}]');
    expect([sniffed.format, summarize(sniffed.segments)]).toEqual(["json", [{ text: "123-45-6789", at: "#0 $[0].ssn", context: ["ssn"] }]]);
    const explicit = await readAll("credentials.json", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
    expect([explicit.format, explicit.error?.reason, explicit.segments]).toEqual(["json", "CORRUPT_FILE", []]);
  });
});

