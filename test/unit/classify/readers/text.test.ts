import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAll, summarize } from "./helpers.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/formats/${name}`, import.meta.url));

describe("text reader", () => {
  it("reads UTF-8 text as one segment starting at line 1, column 1", async () => {
    const r = await readAll("notes.txt", "first line\nSSN 123-45-6789\n");
    expect(r.format).toBe("text");
    expect(r.error).toBeNull();
    expect(summarize(r.segments)).toEqual([{ text: "first line\nSSN 123-45-6789\n", at: "line 1:1", context: [] }]);
    expect(r.bytesRead).toBe(27);
  });

  it("cuts long text at line ends and carries the starting line and column of each segment", async () => {
    const r = await readAll("notes.txt", "hello\nworld\nthird line here\n", { maxSegmentChars: 8 });
    expect(summarize(r.segments).map((s) => [s.text, s.at])).toEqual([
      ["hello\n", "line 1:1"],
      ["world\n", "line 2:1"],
      ["third li", "line 3:1"],
      ["ne here\n", "line 3:9"],
    ]);
  });

  it("gives the same segments whatever the chunk size", async () => {
    const text = "a\u00e9b\u{1F600}c\nline two\n\nline four é\n".repeat(20);
    const whole = summarize((await readAll("t.txt", text, { maxSegmentChars: 50 })).segments);
    for (const chunkSize of [1, 2, 3, 7]) {
      expect(summarize((await readAll("t.txt", text, { maxSegmentChars: 50 }, chunkSize)).segments)).toEqual(whole);
    }
    expect(whole.map((s) => s.text).join("")).toBe(text);
  });

  it("decodes UTF-16 LE and BE with a byte-order mark", async () => {
    const text = "Name: Zoë\nSSN: 123-45-6789";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const r = await readAll("export.txt", bytes, {}, 3);
      expect(r.error).toBeNull();
      expect(summarize(r.segments)).toEqual([{ text, at: "line 1:1", context: [] }]);
    }
  });

  it("falls back to Latin-1 when the bytes are not UTF-8", async () => {
    const r = await readAll("legacy.txt", Buffer.from("Zo\xeb M\xfcller 123-45-6789", "latin1"));
    expect(r.segments.map((s) => s.text)).toEqual(["Zoë Müller 123-45-6789"]);
  });

  it("skips a UTF-8 byte-order mark", async () => {
    const r = await readAll("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("x=1")]));
    expect(r.segments.map((s) => s.text)).toEqual(["x=1"]);
  });

  it("reads YAML as text so that keys stay next to their values", async () => {
    const r = await readAll("config.yaml", fixture("config.yaml"));
    expect(r.format).toBe("yaml");
    expect(r.segments).toHaveLength(1);
    expect(r.segments[0]!.text).toContain('  password: "hunter2"\n');
  });

  it("reads an empty file as no segments", async () => {
    const r = await readAll("empty.txt", "");
    expect(r.error).toBeNull();
    expect(r.segments).toEqual([]);
  });
});
