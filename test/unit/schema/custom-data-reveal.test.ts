/**
 * Sample extraction for revealSamples, on the real readers and detector over in-memory files: values are the ones the
 * detector reports (validators, exclusions and keywords hold), masked to their last 4 characters unless clear, capped
 * per type, located as Macie locates them.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createClassifier } from "../../../services/classify/default-detector.js";
import { compileCustomIdentifier } from "../../../services/classify/detect/custom-identifier.js";
import { defaultLimits } from "../../../services/classify/limits.js";
import { readSegments } from "../../../services/classify/readers/index.js";
import { extractSamples, maskValue } from "../../../workflows/reveal.js";

const KEY = "unit-test-fingerprint-key";

function segmentsOf(name: string, body: string) {
  return readSegments({ name, open: () => Readable.from([Buffer.from(body)]) }, defaultLimits());
}

describe("maskValue", () => {
  it("keeps the last 4 characters, fewer when that would show half the value or more", () => {
    expect(maskValue("4539148803436467")).toBe("************6467");
    expect(maskValue("123-45-6789")).toBe("*******6789");
    expect(maskValue("abcdefgh")).toBe("****efgh");
    expect(maskValue("abcde")).toBe("***de");
    expect(maskValue("ab")).toBe("*b");
    expect(maskValue("x")).toBe("*");
  });
});

describe("extractSamples", () => {
  const csv = "name,card,note\nAnn,4539148803436467,x\nBob,5555555555554444,y\nCid,4532015112830366,z\nDee,4532015112830367,w\n";

  it("returns the detector's values in reading order, masked, with cell locations; test cards and bad checksums are not samples", async () => {
    const groups = await extractSamples(segmentsOf("people.csv", csv), { detector: createClassifier(KEY), fingerprintKey: KEY });
    expect(groups.map((g) => [g.type, g.samples.map((s) => [s.value, s.location.row, s.location.column, s.location.columnName])])).toEqual([
      [
        "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
        [
          ["************6467", 2, 2, "card"],
          ["************0366", 4, 2, "card"],
        ],
      ],
    ]);
  });

  it("gives values in clear only when asked, and at most `max` per type", async () => {
    const groups = await extractSamples(segmentsOf("people.csv", csv), {
      detector: createClassifier(KEY),
      fingerprintKey: KEY,
      max: 1,
      clear: true,
    });
    expect(groups).toEqual([
      {
        type: "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
        samples: [
          {
            value: "4539148803436467",
            location: { kind: "cell", line: null, column: 2, row: 2, columnName: "card", sheet: null, recordIndex: null, jsonPath: null, pageNumber: null, member: null },
          },
        ],
      },
    ]);
  });

  it("finds custom identifier values by line and column in text, honouring their keyword rule", async () => {
    const custom = compileCustomIdentifier({ id: "employee-id", name: "Employee id", regex: "EMP-[0-9]{6}", keywords: ["employee"] });
    const text = "header line\nour employee: EMP-123456, then EMP-999999\n" + "x".repeat(80) + " EMP-555555\n";
    const groups = await extractSamples(segmentsOf("notes.txt", text), {
      detector: createClassifier(KEY, { customIdentifiers: [custom] }),
      fingerprintKey: KEY,
      customIdentifiers: [custom],
      types: ["employee-id"],
      clear: true,
    });
    expect(groups.map((g) => [g.type, g.samples.map((s) => [s.value, s.location.kind, s.location.line, s.location.column])])).toEqual([
      [
        "employee-id",
        [
          ["EMP-123456", "text", 2, 15],
          ["EMP-999999", "text", 2, 32],
        ],
      ],
    ]);
  });

  it("leaves out types not asked for, and refuses a max outside 1-10", async () => {
    const groups = await extractSamples(segmentsOf("people.csv", csv), {
      detector: createClassifier(KEY),
      fingerprintKey: KEY,
      types: ["USA_SOCIAL_SECURITY_NUMBER"],
    });
    expect(groups).toEqual([]);
    await expect(
      extractSamples(segmentsOf("people.csv", csv), { detector: createClassifier(KEY), fingerprintKey: KEY, max: 11 }),
    ).rejects.toThrow("max: must be an integer from 1 to 10, got 11");
  });
});
