import { describe, expect, it } from "vitest";
import { compileAllowList } from "../../../../services/classify/detect/allow-list.js";
import { createDetector, type DetectorOptions } from "../../../../services/classify/detect/detector.js";
import type { ManagedIdentifier } from "../../../../services/classify/detect/identifier.js";
import { InvalidInputError } from "../../../../services/errors.js";
import type { Detection, Segment } from "../../../../services/classify/types.js";
import { CARD, EMAIL, KEY, PEM, SSN, VALIDATORS, cell, fingerprint, record, text } from "./fixtures.js";

function detect(segments: Segment[], options: Partial<DetectorOptions> = {}): Detection[] {
  const scan = createDetector({
    identifiers: [SSN, CARD, EMAIL, PEM],
    validators: VALIDATORS,
    fingerprintKey: KEY,
    ...options,
  }).newScan();
  for (const segment of segments) scan.push(segment);
  return scan.result();
}

function only(detections: Detection[], type: string): Detection | undefined {
  return detections.find((d) => d.type === type);
}

const SSN_ID = SSN.id;

describe("keyword rule (managed identifiers)", () => {
  it("reports a match with the keyword before it, with the evidence Macie would show", () => {
    expect(detect([text("my SSN is 123-45-6789.")])).toEqual([
      {
        type: SSN_ID,
        category: "PERSONAL",
        count: 1,
        distinctValues: 1,
        severity: "HIGH",
        occurrences: [
          {
            lineRange: { start: 1, end: 1, startColumn: 11 },
            evidence: { pattern: SSN_ID, validator: null, keyword: { word: "ssn", distance: 4, via: "text" } },
            fingerprint: fingerprint(SSN_ID, "123456789"),
          },
        ],
      },
    ]);
  });

  it("accepts a keyword after the match, and measures the gap between them", () => {
    const hit = only(detect([text("123-45-6789 is the social security number")]), SSN_ID);
    expect(hit?.occurrences[0]?.evidence.keyword).toEqual({ word: "social security", distance: 8, via: "text" });
  });

  it("counts a keyword exactly 30 characters away and not one at 31", () => {
    const at30 = `ssn${" ".repeat(30)}123-45-6789`;
    const at31 = `ssn${" ".repeat(31)}123-45-6789`;
    expect(only(detect([text(at30)]), SSN_ID)?.occurrences[0]?.evidence.keyword?.distance).toBe(30);
    expect(only(detect([text(at31)]), SSN_ID)).toBeUndefined();
  });

  it("honours a row's own maxDistance", () => {
    const near: ManagedIdentifier = { ...SSN, maxDistance: 5 };
    expect(detect([text("ssn no. 123-45-6789")], { identifiers: [near] })).toHaveLength(1);
    expect(detect([text("ssn number 123-45-6789")], { identifiers: [near] })).toHaveLength(0);
  });

  it("matches keywords case-insensitively but not inside other words", () => {
    expect(only(detect([text("SSN: 123-45-6789")]), SSN_ID)?.occurrences[0]?.evidence.keyword?.word).toBe("ssn");
    expect(detect([text("classname 123-45-6789")])).toEqual([]);
    expect(detect([text("Social_Security 123-45-6789")])).toHaveLength(1);
  });

  it("drops a keyword match without any keyword", () => {
    expect(detect([text("order 123-45-6789 shipped")])).toEqual([]);
  });

  it("lets a column name satisfy the keyword (CSV, spreadsheets)", () => {
    const [detection] = detect([cell("123-45-6789", 2, 3, "customer_ssn")]);
    expect(detection?.occurrences[0]).toEqual({
      cell: { row: 2, column: 3, columnName: "customer_ssn" },
      evidence: { pattern: SSN_ID, validator: null, keyword: { word: "ssn", distance: null, via: "column" } },
      fingerprint: fingerprint(SSN_ID, "123456789"),
    });
    expect(detect([cell("123-45-6789", 2, 3, "customerSsn")])).toHaveLength(1);
    expect(detect([cell("123-45-6789", 2, 3, "classname")])).toEqual([]);
  });

  it("lets any element of a JSON path satisfy the keyword", () => {
    const [detection] = detect([record("123-45-6789", 4, "$.person.ssn.value", ["person", "ssn", "value"])]);
    expect(detection?.occurrences[0]).toEqual({
      record: { recordIndex: 4, jsonPath: "$.person.ssn.value" },
      evidence: { pattern: SSN_ID, validator: null, keyword: { word: "ssn", distance: null, via: "path" } },
      fingerprint: fingerprint(SSN_ID, "123456789"),
    });
  });

  it("prefers a keyword in the text, which says how near it is, to one in the context", () => {
    const [detection] = detect([cell("ssn 123-45-6789", 1, 1, "ssn")]);
    expect(detection?.occurrences[0]?.evidence.keyword).toEqual({ word: "ssn", distance: 1, via: "text" });
  });

  it("reports a found keyword as evidence for identifiers that do not require one", () => {
    const [detection] = detect([text("visa 4539 1488 0343 6467, and much later on: 4916338506082832")]);
    expect(detection?.occurrences.map((o) => o.evidence.keyword)).toEqual([
      { word: "visa", distance: 1, via: "text" },
      null,
    ]);
  });
});

describe("normalisation, validators, published test values", () => {
  it("validates the normalised value and names the validator in the evidence", () => {
    const [detection] = detect([text("4539 1488 0343 6467 / 4539 1488 0343 6468")]);
    expect(detection).toMatchObject({ type: CARD.id, count: 1 });
    expect(detection?.occurrences[0]?.evidence.validator).toBe("luhn");
    expect(detection?.occurrences[0]?.fingerprint).toBe(fingerprint(CARD.id, "4539148803436467"));
  });

  it("never reports excluded values, whatever their spacing", () => {
    expect(detect([text("4111111111111111 and 4111-1111-1111-1111")])).toEqual([]);
    expect(detect([text("ssn 078-05-1120")])).toEqual([]);
  });

  it("does not report digits cut out of a longer digit run", () => {
    expect(detect([text("ssn 9123-45-67890")])).toEqual([]);
    expect(detect([text("ssn 123-45-67890")])).toEqual([]);
    expect(detect([text("ssn x123-45-6789x")])).toHaveLength(1);
  });
});

describe("allow lists", () => {
  it("drops literal entries case-insensitively, whole values only", () => {
    const allowLists = [compileAllowList({ kind: "literal", entries: ["Support@Example.com", ""] })];
    const detections = detect([text("support@example.com, support@example.com.au")], { allowLists });
    expect(detections).toEqual([
      expect.objectContaining({ type: EMAIL.id, count: 1, distinctValues: 1 }),
    ]);
    expect(detections[0]?.occurrences[0]?.fingerprint).toBe(fingerprint(EMAIL.id, "support@example.com.au"));
  });

  it("drops values a regex matches in whole, and not those it matches in part", () => {
    const whole = [compileAllowList({ kind: "regex", regex: String.raw`[a-z]+@example\.com` })];
    const part = [compileAllowList({ kind: "regex", regex: "example" })];
    expect(detect([text("ops@example.com")], { allowLists: whole })).toEqual([]);
    expect(detect([text("ops@example.com")], { allowLists: part })).toHaveLength(1);
  });

  it("compares against the normalised value too", () => {
    const allowLists = [compileAllowList({ kind: "literal", entries: ["123456789"] })];
    expect(detect([text("ssn 123-45-6789")], { allowLists })).toEqual([]);
  });
});

describe("occurrence locations", () => {
  it("computes line ranges from the segment's position and the newlines before the match", () => {
    const [detection] = detect([text("header\nssn 123-45-6789\n\n  ssn: 987-65-4321", 10, 5)]);
    expect(detection?.occurrences.map((o) => ("lineRange" in o ? o.lineRange : null))).toEqual([
      { start: 11, end: 11, startColumn: 5 },
      { start: 13, end: 13, startColumn: 8 },
    ]);
  });

  it("uses the segment's column on its first line", () => {
    const [detection] = detect([text("ssn 123-45-6789", 3, 41)]);
    expect(detection?.occurrences[0]).toMatchObject({ lineRange: { start: 3, end: 3, startColumn: 45 } });
  });

  it("spans lines for a multi-line match", () => {
    const key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
    const [detection] = detect([text(`config:\n  key: |\n${key}\n`, 1, 1)]);
    expect(detection?.occurrences[0]).toMatchObject({ lineRange: { start: 3, end: 6, startColumn: 1 } });
  });

  it("gives spreadsheet cells a cellReference and CSV cells none", () => {
    const [sheet] = detect([cell("ops@example.com", 12, 28, "email", "Staff list")]);
    expect(sheet?.occurrences[0]).toMatchObject({
      cell: { row: 12, column: 28, columnName: "email", cellReference: "Staff list!AB12" },
    });
    const [csv] = detect([cell("ops@example.com", 12, 3, "email")]);
    expect(csv?.occurrences[0]).toMatchObject({ cell: { row: 12, column: 3, columnName: "email" } });
    expect(csv?.occurrences[0] && "cell" in csv.occurrences[0] ? csv.occurrences[0].cell : null).not.toHaveProperty(
      "cellReference",
    );
  });

  it("gives PDF pages and archive members", () => {
    const page: Segment = { text: "ops@example.com", location: { kind: "page", pageNumber: 7 }, context: [], member: "a.zip/b.pdf" };
    const [detection] = detect([page]);
    expect(detection?.occurrences[0]).toEqual({
      page: { pageNumber: 7 },
      member: "a.zip/b.pdf",
      evidence: { pattern: EMAIL.id, validator: null, keyword: null },
      fingerprint: fingerprint(EMAIL.id, "ops@example.com"),
    });
  });

  it("counts columns in UTF-16 code units after non-ASCII text", () => {
    const [detection] = detect([text("naïve café 😀 ops@example.com")]);
    expect(detection?.occurrences[0]).toMatchObject({ lineRange: { start: 1, end: 1, startColumn: 15 } });
  });
});

describe("counts, distinct values and severity", () => {
  const emails = (n: number, distinct: number): Segment =>
    text(Array.from({ length: n }, (_, i) => `u${i % distinct}@example.com`).join(" "));

  it("takes severity from the table by count: 1, 2-99, 100+", () => {
    expect(detect([emails(1, 1)])[0]).toMatchObject({ count: 1, distinctValues: 1, severity: "LOW" });
    expect(detect([emails(99, 7)])[0]).toMatchObject({ count: 99, distinctValues: 7, severity: "MEDIUM" });
    expect(detect([emails(100, 100)])[0]).toMatchObject({ count: 100, distinctValues: 100, severity: "HIGH" });
  });

  it("keeps at most maxOccurrencesPerType occurrences while counting all", () => {
    const [detection] = detect([emails(5, 2)], { maxOccurrencesPerType: 3 });
    expect(detection).toMatchObject({ count: 5, distinctValues: 2 });
    expect(detection?.occurrences.map((o) => ("lineRange" in o ? o.lineRange.startColumn : 0))).toEqual([1, 16, 31]);
  });

  it("keeps 1,000 occurrences by default", () => {
    const [detection] = detect([emails(1500, 1500)]);
    expect(detection).toMatchObject({ count: 1500, distinctValues: 1500 });
    expect(detection?.occurrences).toHaveLength(1000);
  });

  it("keeps no raw value anywhere in the result", () => {
    const result = JSON.stringify(detect([text("ssn 123-45-6789 ops@example.com 4539 1488 0343 6467")]));
    expect(result).not.toMatch(/123-45-6789|123456789|ops@example|4539/);
  });

  it("orders detections by type", () => {
    expect(detect([text("ssn 123-45-6789 ops@example.com 4539148803436467")]).map((d) => d.type)).toEqual([
      CARD.id,
      EMAIL.id,
      SSN_ID,
    ]);
  });
});

describe("scans", () => {
  it("are incremental: result() reports what was pushed so far and pushing may go on", () => {
    const scan = createDetector({ identifiers: [EMAIL], validators: {}, fingerprintKey: KEY }).newScan();
    scan.push(text("a@example.com"));
    const first = scan.result();
    scan.push(text("b@example.com", 2));
    expect(first[0]?.count).toBe(1);
    expect(first[0]?.occurrences).toHaveLength(1);
    expect(scan.result()[0]).toMatchObject({ count: 2, distinctValues: 2 });
  });

  it("are independent of each other", () => {
    const detector = createDetector({ identifiers: [EMAIL], validators: {}, fingerprintKey: KEY });
    const a = detector.newScan();
    const b = detector.newScan();
    a.push(text("a@example.com"));
    expect(b.result()).toEqual([]);
    expect(a.result()).toHaveLength(1);
  });

  it("never let a match run from one small segment into the next", () => {
    const detections = detect([cell("ssn 123-45", 1, 1, "notes"), cell("6789", 1, 2, "notes")]);
    expect(detections).toEqual([]);
  });

  it("still find a match at the very start and end of batched segments", () => {
    const cells = Array.from({ length: 5000 }, (_, i) => cell(i % 500 === 0 ? `u${i}@example.com` : `row ${i}`, i + 2, 1, "x"));
    const [detection] = detect(cells);
    expect(detection).toMatchObject({ type: EMAIL.id, count: 10, distinctValues: 10 });
    expect(detection?.occurrences.map((o) => ("cell" in o ? o.cell.row : 0))).toEqual(
      Array.from({ length: 10 }, (_, i) => i * 500 + 2),
    );
  });

  it("find every match in a large segment, across the engine's 64 KB windows", () => {
    // Values placed on and around window (65,536) and overlap (4,096) boundaries.
    const positions = [0, 4090, 65_525, 65_560, 69_630, 131_060, 196_600, 250_000];
    const chars = Array.from({ length: 262_144 }, () => "x");
    const doc = chars.join("").split("");
    for (const p of positions) "ssn 123-45-6789".split("").forEach((c, i) => (doc[p + i] = c));
    const long = doc.join("").replace(/x/g, (m, offset: number) => (offset % 80 === 79 ? "\n" : " "));
    const [detection] = detect([text(long)]);
    expect(detection?.count).toBe(positions.length);
    expect(detection?.occurrences.map((o) => ("lineRange" in o ? o.lineRange.start : 0))).toEqual(
      positions.map((p) => long.slice(0, p + 4).split("\n").length),
    );
  });
});

describe("catalog row options", () => {
  const NO_KEYWORD: ManagedIdentifier = { ...CARD, keywordAbsent: true };

  it("keywordAbsent: reports a match only when no keyword is near it nor in its context", () => {
    const detections = detect([text("visa 4539 1488 0343 6467, and much later on: 4916338506082832")], {
      identifiers: [NO_KEYWORD],
    });
    expect(detections[0]).toMatchObject({ count: 1 });
    expect(detections[0]?.occurrences[0]?.fingerprint).toBe(fingerprint(CARD.id, "4916338506082832"));
    expect(detect([cell("4916338506082832", 1, 1, "visa")], { identifiers: [NO_KEYWORD] })).toEqual([]);
  });

  it("matcher: the row's pattern only prefilters, the named matcher finds the spans", () => {
    const CODENAME: ManagedIdentifier = {
      id: "CODENAME",
      category: "PERSONAL",
      description: "Project codenames",
      pattern: "[A-Z][a-z]+ [A-Z]",
      matcher: "codename",
      keywordRequired: false,
      normalize: "trim",
      severity: ["LOW", "MEDIUM", "HIGH"],
    };
    const calls: string[] = [];
    const codename = (input: string): { start: number; end: number }[] => {
      calls.push(input);
      const at = input.indexOf("Blue Falcon");
      return at === -1 ? [] : [{ start: at, end: at + "Blue Falcon".length }];
    };
    const detections = detect([text("plain text only\n"), text("team Blue Falcon ships", 2, 1)], {
      identifiers: [CODENAME],
      matchers: { codename },
    });
    expect(detections).toEqual([
      {
        type: "CODENAME",
        category: "PERSONAL",
        count: 1,
        distinctValues: 1,
        severity: "LOW",
        occurrences: [
          {
            lineRange: { start: 2, end: 2, startColumn: 6 },
            evidence: { pattern: "CODENAME", validator: null, keyword: null },
            fingerprint: fingerprint("CODENAME", "Blue Falcon"),
          },
        ],
      },
    ]);
    expect(calls).toHaveLength(1);
    expect(() =>
      createDetector({ identifiers: [CODENAME], validators: {}, fingerprintKey: KEY, matchers: {} }),
    ).toThrow(new InvalidInputError("identifiers[CODENAME].matcher", 'names unknown matcher "codename"'));
  });
});

describe("createDetector", () => {
  it("rejects an unknown validator, naming the row", () => {
    expect(() => createDetector({ identifiers: [{ ...CARD, validator: "mod11" }], validators: VALIDATORS, fingerprintKey: KEY })).toThrow(
      new InvalidInputError("identifiers[CREDIT_CARD_NUMBER_(NO_KEYWORD)].validator", 'names unknown validator "mod11"'),
    );
  });

  it("rejects a duplicate id and an empty fingerprint key", () => {
    expect(() => createDetector({ identifiers: [EMAIL, EMAIL], validators: {}, fingerprintKey: KEY })).toThrow(InvalidInputError);
    expect(() => createDetector({ identifiers: [EMAIL], validators: {}, fingerprintKey: "" })).toThrow(InvalidInputError);
  });

  it("runs patterns RE2 cannot prefilter (backreferences) on every window", () => {
    const repeated: ManagedIdentifier = { ...EMAIL, id: "REPEATED_PAIR", pattern: String.raw`\b(\d{2})\1\b`, normalize: "none" };
    const [detection] = detect([text("codes 1212 and 1234")], { identifiers: [repeated] });
    expect(detection).toMatchObject({ type: "REPEATED_PAIR", count: 1 });
  });
});
