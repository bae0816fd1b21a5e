import { describe, expect, it } from "vitest";
import {
  compileCustomIdentifier,
  type CustomIdentifierDefinition,
} from "../../../../services/classify/detect/custom-identifier.js";
import { createDetector } from "../../../../services/classify/detect/detector.js";
import { InvalidInputError } from "../../../../services/errors.js";
import type { Detection, Segment } from "../../../../services/classify/types.js";
import { KEY, cell, fingerprint, text } from "./fixtures.js";

const EMPLOYEE: CustomIdentifierDefinition = {
  id: "employee-id",
  name: "Employee ID",
  regex: "EMP-[0-9]{5}",
  keywords: ["employee"],
  maximumMatchDistance: 20,
};

function detect(definition: CustomIdentifierDefinition, segments: Segment[]): Detection[] {
  const scan = createDetector({
    identifiers: [],
    validators: {},
    customIdentifiers: [compileCustomIdentifier(definition)],
    fingerprintKey: KEY,
  }).newScan();
  for (const segment of segments) scan.push(segment);
  return scan.result();
}

function rejection(definition: Partial<CustomIdentifierDefinition>): { field: string; message: string } {
  try {
    compileCustomIdentifier({ ...EMPLOYEE, ...definition });
  } catch (error) {
    if (error instanceof InvalidInputError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("compiled");
}

describe("custom identifier matching", () => {
  it("reports matches preceded by a keyword as CUSTOM_IDENTIFIER, default severity MEDIUM", () => {
    expect(detect(EMPLOYEE, [text("Employee: EMP-12345")])).toEqual([
      {
        type: "employee-id",
        category: "CUSTOM_IDENTIFIER",
        count: 1,
        distinctValues: 1,
        severity: "MEDIUM",
        occurrences: [
          {
            lineRange: { start: 1, end: 1, startColumn: 11 },
            // Distance runs from the keyword's end to the match's end: ": EMP-12345" is 11 characters.
            evidence: { pattern: "employee-id", validator: null, keyword: { word: "employee", distance: 11, via: "text" } },
            fingerprint: fingerprint("employee-id", "EMP-12345"),
          },
        ],
      },
    ]);
  });

  it("ignores a keyword that only follows the match", () => {
    expect(detect(EMPLOYEE, [text("EMP-12345 is an employee")])).toEqual([]);
  });

  it("measures maximumMatchDistance from keyword end to match end, inclusive", () => {
    // "employee" + 11 spaces + "EMP-12345": 11 + 9 = 20 characters.
    expect(detect(EMPLOYEE, [text(`employee${" ".repeat(11)}EMP-12345`)])).toHaveLength(1);
    expect(detect(EMPLOYEE, [text(`employee${" ".repeat(12)}EMP-12345`)])).toEqual([]);
  });

  it("accepts the keyword as a column name", () => {
    const [detection] = detect(EMPLOYEE, [cell("EMP-12345", 3, 2, "Employee")]);
    expect(detection?.occurrences[0]?.evidence.keyword).toEqual({ word: "employee", distance: null, via: "column" });
  });

  it("needs no keyword when none are defined", () => {
    expect(detect({ ...EMPLOYEE, keywords: [] }, [text("EMP-12345")])).toHaveLength(1);
  });

  it("drops matches containing an ignore word (case-sensitive)", () => {
    const definition = { ...EMPLOYEE, regex: "EMP-[0-9A-Za-z]{5}", keywords: [], ignoreWords: ["TEST"] };
    const [detection] = detect(definition, [text("EMP-TEST1 EMP-test1 EMP-12345")]);
    expect(detection?.count).toBe(2);
  });

  it("takes severity from the highest threshold reached, and reports nothing below the lowest", () => {
    const levels = {
      ...EMPLOYEE,
      keywords: [],
      severityLevels: [
        { occurrencesThreshold: 3, severity: "HIGH" },
        { occurrencesThreshold: 2, severity: "LOW" },
      ],
    } satisfies CustomIdentifierDefinition;
    expect(detect(levels, [text("EMP-00001")])).toEqual([]);
    expect(detect(levels, [text("EMP-00001 EMP-00002")])[0]?.severity).toBe("LOW");
    expect(detect(levels, [text("EMP-00001 EMP-00002 EMP-00001")])[0]).toMatchObject({
      severity: "HIGH",
      count: 3,
      distinctValues: 2,
    });
  });

  it("runs a hostile regex in linear time (RE2)", () => {
    const hostile = compileCustomIdentifier({ id: "hostile", name: "Hostile", regex: "(a+)+$" });
    const input = `${"a".repeat(100_000)}!`;
    const started = performance.now();
    const scan = createDetector({ identifiers: [], validators: {}, customIdentifiers: [hostile], fingerprintKey: KEY }).newScan();
    scan.push(text(input));
    expect(scan.result()).toEqual([]);
    console.log(`(a+)+$ over 100,001 characters: ${(performance.now() - started).toFixed(1)} ms`);
  });
});

describe("compileCustomIdentifier validation", () => {
  it("accepts a valid definition and sorts its levels", () => {
    const compiled = compileCustomIdentifier({
      ...EMPLOYEE,
      severityLevels: [
        { occurrencesThreshold: 10, severity: "HIGH" },
        { occurrencesThreshold: 1, severity: "LOW" },
      ],
    });
    expect(compiled.severityLevels.map((l) => l.occurrencesThreshold)).toEqual([1, 10]);
    expect(compiled.maximumMatchDistance).toBe(20);
    expect(compileCustomIdentifier({ id: "x", name: "X", regex: "x[0-9]" }).maximumMatchDistance).toBe(50);
  });

  it.each([
    [{ regex: "a".repeat(513) }, "regex", "is 513 characters; at most 512"],
    [{ regex: "" }, "regex", "must be a non-empty string"],
    [{ regex: "(a)\\1" }, "regex", "is not a supported regular expression"],
    [{ regex: "a(?=b)" }, "regex", "is not a supported regular expression"],
    [{ regex: "a*" }, "regex", "must not match the empty string"],
    [{ keywords: ["ab"] }, "keywords[0]", "must be 3-90 characters"],
    [{ keywords: ["k".repeat(91)] }, "keywords[0]", "must be 3-90 characters"],
    [{ keywords: Array.from({ length: 51 }, (_, i) => `kw${i}x`) }, "keywords", "has 51 entries; at most 50"],
    [{ ignoreWords: Array.from({ length: 11 }, (_, i) => `word${i}`) }, "ignoreWords", "has 11 entries; at most 10"],
    [{ ignoreWords: ["abc"] }, "ignoreWords[0]", "must be 4-90 characters"],
    [{ maximumMatchDistance: 0 }, "maximumMatchDistance", "must be an integer from 1 to 300"],
    [{ maximumMatchDistance: 301 }, "maximumMatchDistance", "must be an integer from 1 to 300"],
    [{ maximumMatchDistance: 2.5 }, "maximumMatchDistance", "must be an integer from 1 to 300"],
    [{ severityLevels: [] }, "severityLevels", "must have 1-3 levels"],
    [
      { severityLevels: [1, 2, 3, 4].map((n) => ({ occurrencesThreshold: n, severity: "LOW" as const })) },
      "severityLevels",
      "must have 1-3 levels",
    ],
    [
      {
        severityLevels: [
          { occurrencesThreshold: 2, severity: "LOW" as const },
          { occurrencesThreshold: 2, severity: "HIGH" as const },
        ],
      },
      "severityLevels",
      "thresholds and severities must each be unique",
    ],
    [{ severityLevels: [{ occurrencesThreshold: 0, severity: "LOW" as const }] }, "severityLevels[0].occurrencesThreshold", "must be a positive integer"],
    [{ id: "" }, "id", "must be 1-128 characters"],
    [{ name: " " }, "name", "must be 1-128 characters"],
  ] satisfies [Partial<CustomIdentifierDefinition>, string, string][])(
    "rejects %o naming %s",
    (definition, field, message) => {
      const error = rejection(definition);
      expect(error.field).toBe(field);
      expect(error.message).toContain(`${field}: ${message}`);
    },
  );
});
