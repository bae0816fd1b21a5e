import fc from "fast-check";
import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { maxMatchLength, re2Superset, stripLookarounds } from "../../../../services/classify/detect/prefilter.js";

describe("stripLookarounds", () => {
  it("removes lookaheads and lookbehinds, keeping groups, classes and escapes", () => {
    expect(stripLookarounds(String.raw`(?<!\d)\d{3}(?!\d)`)).toBe(String.raw`\d{3}`);
    expect(stripLookarounds(String.raw`(?<=key=)[a-z]+(?=;)?x`)).toBe("[a-z]+x");
    expect(stripLookarounds(String.raw`[(?=]a\(?=b(?:c)(?<name>d)`)).toBe(String.raw`[(?=]a\(?=b(?:c)(?<name>d)`);
  });
});

describe("re2Superset", () => {
  it("cuts each alternative to a selective prefix and loosens long counted runs", () => {
    expect(re2Superset(String.raw`\bDE\d{2}(?: ?\d{4}){4} ?\d{2}\b`, false)).toBe(String.raw`(?:\bDE\d{2}(?: ?\d{4}))`);
    expect(re2Superset(String.raw`\b(?:\d[ -]?){12,18}\d\b`, false)).toBe(String.raw`(?:\b(?:\d[ -]?){10})`);
    expect(re2Superset(String.raw`(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)`, false)).toBe(String.raw`(?:\d{3}-\d{2}-\d)`);
    expect(re2Superset("AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}", true)).toBe("(?i)(?:AKIA[0-9A-Z]{2}|ASIA[0-9A-Z]{2})");
  });

  it("returns null when RE2 cannot run the pattern at all", () => {
    expect(re2Superset(String.raw`(\d)\1`, false)).toBeNull();
  });

  it("matches wherever the JavaScript pattern matches (property)", () => {
    const patterns = [
      String.raw`(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)`,
      String.raw`\b(?:4\d{3}|5[1-5]\d{2})(?:[ -]?\d{4}){3}\b`,
      String.raw`[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}`,
      String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
      String.raw`-?\d{1,2}\.\d{4,}\s*,\s*-?\d{1,3}\.\d{4,}`,
    ];
    const compiled = patterns.map((p) => ({ js: new RegExp(p), re2: new RE2(re2Superset(p, false)!) }));
    const alphabet = fc.constantFrom(..."0123456789-. ,@abcXYZDE+\n".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join("")), (input) => {
        for (const { js, re2 } of compiled) if (js.test(input)) expect(re2.test(input)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("maxMatchLength", () => {
  it("adds up the longest repetitions and reports unbounded patterns as Infinity", () => {
    expect(maxMatchLength(String.raw`\b\d{3}-\d{2}-\d{4}\b`)).toBe(11);
    expect(maxMatchLength(String.raw`(?<!\d)(?:\d[ -]?){12,18}\d`)).toBe(37);
    expect(maxMatchLength("(?:abc|de)?x")).toBe(4);
    expect(maxMatchLength("a+")).toBe(Infinity);
  });
});
