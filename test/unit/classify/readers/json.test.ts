import { describe, expect, it } from "vitest";
import { readAll, summarize } from "./helpers.js";

describe("JSON reader", () => {
  it("emits each string and number leaf with its JSONPath and the path's keys as context", async () => {
    const doc = '{"users":[{"ssn":"123-45-6789","card":4111111111111111111,"ok":true,"n":null},{"e-mail":"a\\u0040b.c"}]}';
    const r = await readAll("export.json", doc);
    expect(r.format).toBe("json");
    expect(summarize(r.segments)).toEqual([
      { text: "123-45-6789", at: "#0 $.users[0].ssn", context: ["users", "ssn"] },
      // Source text kept: JSON.parse would give 4111111111111111000.
      { text: "4111111111111111111", at: "#0 $.users[0].card", context: ["users", "card"] },
      { text: "a@b.c", at: '#0 $.users[1]["e-mail"]', context: ["users", "e-mail"] },
    ]);
  });

  it("parses the same whatever the chunk size (escapes and numbers split across chunks)", async () => {
    const doc = '[{"a":"x\\"y\\\\z\\u00e9","b":-12.5e3},[1,[2,"\\n"]],"top"]';
    const whole = summarize((await readAll("a.json", doc)).segments);
    expect(whole).toEqual([
      { text: 'x"y\\zé', at: "#0 $[0].a", context: ["a"] },
      { text: "-12.5e3", at: "#0 $[0].b", context: ["b"] },
      { text: "1", at: "#0 $[1][0]", context: [] },
      { text: "2", at: "#0 $[1][1][0]", context: [] },
      { text: "\n", at: "#0 $[1][1][1]", context: [] },
      { text: "top", at: "#0 $[2]", context: [] },
    ]);
    for (const chunkSize of [1, 2, 3]) expect(summarize((await readAll("a.json", doc, {}, chunkSize)).segments)).toEqual(whole);
  });

  it("gives JSONL records their 0-based line as recordIndex", async () => {
    const r = await readAll("events.jsonl", '{"a":"x"}\n\n{"b":[1,"y"]}\n');
    expect(r.format).toBe("jsonl");
    expect(summarize(r.segments)).toEqual([
      { text: "x", at: "#0 $.a", context: ["a"] },
      { text: "1", at: "#2 $.b[0]", context: ["b"] },
      { text: "y", at: "#2 $.b[1]", context: ["b"] },
    ]);
  });

  it("sniffs JSON and JSON Lines without an extension", async () => {
    expect((await readAll("object-key", ' {"a": 1}')).format).toBe("json");
    expect((await readAll("object-key", '{"a": 1}\n{"a": 2}\n')).format).toBe("jsonl");
  });

  it("accepts 256 levels of nesting and refuses 257 with NESTING_TOO_DEEP", async () => {
    const nest = (depth: number): string => `${"[".repeat(depth - 1)}["deep"]${"]".repeat(depth - 1)}`;
    const ok = await readAll("deep.json", nest(256));
    expect(ok.error).toBeNull();
    expect(ok.segments.map((s) => s.text)).toEqual(["deep"]);
    const tooDeep = await readAll("deep.json", nest(257));
    expect(tooDeep.error?.reason).toBe("NESTING_TOO_DEEP");
  });

  it("refuses 10,000 levels of nesting without overflowing the stack", async () => {
    const r = await readAll("bomb.json", `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`);
    expect(r.error?.reason).toBe("NESTING_TOO_DEEP");
    expect(r.error?.detail).toBe("bomb.json: JSON nests deeper than 256 levels at line 1");
  });

  it("reports malformed JSON as CORRUPT_FILE with the line", async () => {
    const r = await readAll("bad.json", '{"a": "x",\n "b": tru }');
    expect(r.error?.reason).toBe("CORRUPT_FILE");
    expect(r.error?.detail).toBe('bad.json: invalid JSON at line 2: unexpected "tru"');
    expect(r.segments.map((s) => s.text)).toEqual(["x"]);
    expect((await readAll("cut.json", '{"a": ["x"')).error?.detail).toBe("cut.json: invalid JSON at line 1: unexpected end of input");
  });
});

describe("JSON reader on runaway strings", () => {
  it("scans a huge string value in pieces under one path, and refuses a huge key", async () => {
    const value = await readAll("big.json", `{"blob":"${"x".repeat(2500)}"}`, { maxSegmentChars: 1000 });
    expect(value.error).toBeNull();
    expect(value.segments.map((s) => [s.text.length, s.location.kind === "record" && s.location.jsonPath])).toEqual([
      [2500, "$.blob"],
    ]);
    const key = await readAll("big.json", `{"${"k".repeat(30_000)}":1}`, { maxSegmentChars: 1000 }, 100);
    expect(key.error?.detail).toBe("big.json: invalid JSON at line 1: an object key is longer than 1000 characters");
  });
});
