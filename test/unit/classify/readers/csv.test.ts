import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAll, summarize } from "./helpers.js";

const customers = readFileSync(new URL("../../../fixtures/formats/customers.csv", import.meta.url));

describe("CSV/TSV reader", () => {
  it("scans the header as line 1 and every non-empty cell with its row, column and column name", async () => {
    const r = await readAll("customers.csv", customers);
    expect(r.format).toBe("csv");
    expect(r.error).toBeNull();
    expect(summarize(r.segments)).toEqual([
      { text: "id,name,ssn,notes", at: "line 1:1", context: [] },
      { text: "1", at: "r2c1(id)", context: ["id"] },
      { text: "Doe, Jane", at: "r2c2(name)", context: ["name"] },
      { text: "123-45-6789", at: "r2c3(ssn)", context: ["ssn"] },
      { text: 'said "hi"', at: "r2c4(notes)", context: ["notes"] },
      { text: "2", at: "r3c1(id)", context: ["id"] },
      { text: "Roe", at: "r3c2(name)", context: ["name"] },
      { text: "line one\r\nline two", at: "r3c4(notes)", context: ["notes"] },
    ]);
  });

  it("parses the same whatever the chunk size (quotes and CRLF split across chunks)", async () => {
    const whole = summarize((await readAll("customers.csv", customers)).segments);
    for (const chunkSize of [1, 2, 5]) {
      expect(summarize((await readAll("customers.csv", customers, {}, chunkSize)).segments)).toEqual(whole);
    }
  });

  it("reads TSV by extension, with a last line lacking its newline", async () => {
    const r = await readAll("people.tsv", "name\tphone\nAlice\t555-0100");
    expect(r.format).toBe("tsv");
    expect(summarize(r.segments)).toEqual([
      { text: "name\tphone", at: "line 1:1", context: [] },
      { text: "Alice", at: "r2c1(name)", context: ["name"] },
      { text: "555-0100", at: "r2c2(phone)", context: ["phone"] },
    ]);
  });

  it("gives cells beyond the header no column name", async () => {
    const r = await readAll("ragged.csv", "a\n1,2\n");
    expect(summarize(r.segments).slice(1)).toEqual([
      { text: "1", at: "r2c1(a)", context: ["a"] },
      { text: "2", at: "r2c2", context: [] },
    ]);
  });

  it("scans a runaway quoted field in bounded pieces instead of holding it whole", async () => {
    const body = `h\n"${"x".repeat(5000)}`;
    const r = await readAll("broken.csv", body, { maxSegmentChars: 1000 });
    expect(r.error).toBeNull();
    const cells = r.segments.slice(1);
    expect(cells.map((s) => s.text.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(cells.map((s) => s.text).join("")).toBe("x".repeat(5000));
  });

  it("scans the rest of a very wide header as cells instead of dropping it", async () => {
    const names = Array.from({ length: 300 }, (_, i) => `column${i}`);
    const r = await readAll("wide.csv", names.join(","), { maxSegmentChars: 1000 });
    const header = r.segments.find((s) => s.location.kind === "text")!;
    const cells = r.segments.filter((s) => s.location.kind === "cell");
    expect(header.text.split(",").length + cells.length).toBe(300);
    expect(cells[cells.length - 1]).toMatchObject({ text: "column299", location: { row: 1, column: 300, columnName: null } });
  });

  it("sniffs CSV and TSV without an extension by their consistent delimiters, and leaves prose as text", async () => {
    expect((await readAll("exports/2024-11", "id,name,ssn\n1,Al,x\n2,Bo,y\n")).format).toBe("csv");
    expect((await readAll("exports/2024-12", "id\tname\n1\tAl\n2\tBo\n")).format).toBe("tsv");
    expect((await readAll("letter", "Dear Al,\nthanks, truly, for this.\nBest, Bo\n")).format).toBe("text");
  });
});
