import { describe, expect, it } from "vitest";
import { classifyObject } from "../../../services/classify/classify-object.js";
import { createClassifier } from "../../../services/classify/default-detector.js";
import { defaultLimits } from "../../../services/classify/limits.js";
import type { Classification } from "../../../services/classify/types.js";
import { gzip, xlsx, zip } from "./readers/build.js";

/** Readers and the real detection engine together: locations and context reach the occurrences. */
const detector = createClassifier("test-fingerprint-key-0123456789abcdef");

async function classify(name: string, bytes: Uint8Array | string): Promise<Classification> {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return classifyObject({ name, size: data.length, open: async function* () { yield data; } }, detector, defaultLimits());
}

const ssnOf = (c: Classification) => c.detections.find((d) => d.type === "USA_SOCIAL_SECURITY_NUMBER");

describe("readers with the default detector", () => {
  it("finds an SSN in a CSV cell through its column name", async () => {
    const c = await classify("people.csv", "name,ssn\nAlice,536-22-8841\n");
    expect(ssnOf(c)?.occurrences[0]).toMatchObject({
      cell: { row: 2, column: 2, columnName: "ssn" },
      evidence: { keyword: { word: "ssn", via: "column" } },
    });
  });

  it("finds an SSN in JSON through its path", async () => {
    const c = await classify("people.json", '{"employees":[{"ssn":"536-22-8841"}]}');
    expect(ssnOf(c)?.occurrences[0]).toMatchObject({
      record: { recordIndex: 0, jsonPath: "$.employees[0].ssn" },
      evidence: { keyword: { word: "ssn", via: "path" } },
    });
  });

  it("finds an SSN inside a gzip'd text member of a zip, with the member path", async () => {
    const c = await classify("export.zip", zip({ "2024/notes.txt.gz": gzip("hello\nEmployee SSN: 536-22-8841\n") }));
    expect(c.format).toBe("zip");
    expect(ssnOf(c)?.occurrences[0]).toMatchObject({
      lineRange: { start: 2, end: 2 },
      member: "export.zip/2024/notes.txt.gz",
    });
  });

  it("finds an SSN in an XLSX cell with its sheet and column name", async () => {
    const c = await classify("people.xlsx", await xlsx({ Staff: [["name", "ssn"], ["Alice", "536-22-8841"]] }));
    expect(c.format).toBe("xlsx");
    expect(ssnOf(c)?.occurrences[0]).toMatchObject({
      cell: { row: 2, column: 2, columnName: "ssn" },
      evidence: { keyword: { word: "ssn", via: "column" } },
    });
  });

  it("finds a driver's licence in a single-quoted YAML scalar, its apostrophe doubled, on its line", async () => {
    const c = await classify("people.yaml", "people:\n- note: 'Driver''s license: Y9877244'\n");
    const licence = c.detections.find((d) => d.type === "USA_DRIVERS_LICENSE");
    expect(licence?.occurrences[0]).toMatchObject({ lineRange: { start: 2, end: 2 }, evidence: { keyword: { word: "driver's license", via: "text" } } });
  });

  it("finds a driver's licence after a keyword typeset with \u2019, as PDF and Word text has it", async () => {
    const c = await classify("letter.txt", "Dear Ana,\nDriver\u2019s license: Y9877244\n");
    const licence = c.detections.find((d) => d.type === "USA_DRIVERS_LICENSE");
    expect(licence?.occurrences[0]).toMatchObject({ lineRange: { start: 2, end: 2 }, evidence: { keyword: { word: "driver's license", via: "text" } } });
  });
});

