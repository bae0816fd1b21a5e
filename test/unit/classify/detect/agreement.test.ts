import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDetector } from "../../../../services/classify/detect/detector.js";
import type { ManagedIdentifier } from "../../../../services/classify/detect/identifier.js";
import { KeywordList } from "../../../../services/classify/detect/keyword.js";
import { CARD, EMAIL, KEY, SSN, VALIDATORS, cell, text } from "./fixtures.js";

const ROWS = [SSN, CARD, EMAIL];

/** The rules applied the slow, obvious way: every pattern over every segment, then the same filters. */
function plainCounts(segments: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const digit = (s: string, i: number): boolean => i >= 0 && i < s.length && s[i]! >= "0" && s[i]! <= "9";
  for (const row of ROWS as ManagedIdentifier[]) {
    const normalize = row.normalize === "digits" ? (v: string) => v.replace(/\D+/g, "") : (v: string) => v.trim();
    const excluded = new Set((row.excludedValues ?? []).map(normalize));
    const keywords = row.keywords ? new KeywordList(row.keywords) : null;
    for (const segment of segments) {
      for (const m of segment.matchAll(new RegExp(row.pattern, "g"))) {
        const start = m.index;
        const end = start + m[0].length;
        if ((digit(segment, start) && digit(segment, start - 1)) || (digit(segment, end - 1) && digit(segment, end))) continue;
        const value = normalize(m[0]);
        if (row.validator && !VALIDATORS.luhn(value)) continue;
        if (excluded.has(value)) continue;
        if (row.keywordRequired && !keywords!.nearestInText(segment, 0, segment.length, start, end, 30, "either")) continue;
        counts[row.id] = (counts[row.id] ?? 0) + 1;
      }
    }
  }
  return counts;
}

const piece = fc.oneof(
  fc.constantFrom("the ", "order ", "shipped ", "\n", "  ", "ssn ", "SSN: ", "visa ", "-", "7", "12 "),
  fc.constantFrom("123-45-6789", "987-65-4321 ", "4539 1488 0343 6467", "4916338506082832", "ops@example.com", "a.b@c.io "),
  fc.string({ unit: fc.constantFrom(..."ab1 -.@\n"), maxLength: 12 }),
);

describe("the engine agrees with a plain regex scan", () => {
  it("on large documents spanning many prefilter windows", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 2000, maxLength: 6000 }), (pieces) => {
        const doc = pieces.join("");
        const scan = createDetector({ identifiers: ROWS, validators: VALIDATORS, fingerprintKey: KEY }).newScan();
        scan.push(text(doc));
        const counts = Object.fromEntries(scan.result().map((d) => [d.type, d.count]));
        expect(counts).toEqual(plainCounts([doc]));
      }),
      { numRuns: 25 },
    );
  });

  it("on many small segments batched together", () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 6 }).map((p) => p.join("")), { minLength: 50, maxLength: 3000 }), (cells) => {
        const values = cells.filter((c) => c.length > 0);
        const scan = createDetector({ identifiers: ROWS, validators: VALIDATORS, fingerprintKey: KEY }).newScan();
        values.forEach((value, i) => scan.push(cell(value, i + 1, 1, null)));
        const counts = Object.fromEntries(scan.result().map((d) => [d.type, d.count]));
        expect(counts).toEqual(plainCounts(values));
      }),
      { numRuns: 25 },
    );
  });
});
