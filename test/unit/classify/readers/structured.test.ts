import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { avroFile, docx, parquet, pdf, xlsx } from "./build.js";
import { readAll, summarize } from "./helpers.js";

describe("columnar formats", () => {
  it("reads Parquet rows across row groups as record segments with column names as context", async () => {
    const r = await readAll("customers.parquet", parquet());
    expect(r.format).toBe("parquet");
    expect(r.error).toBeNull();
    expect(summarize(r.segments)).toEqual([
      { text: "Alice", at: "#0 $.name", context: ["name"] },
      { text: "123-45-6789", at: "#0 $.ssn", context: ["ssn"] },
      { text: "7", at: "#0 $.score", context: ["score"] },
      { text: "Bob", at: "#1 $.name", context: ["name"] },
      { text: "8", at: "#1 $.score", context: ["score"] },
      // Row 2 sits in the second row group (rowGroupSize 2): its index is still absolute.
      { text: "Carol", at: "#2 $.name", context: ["name"] },
      { text: "987-65-4321", at: "#2 $.ssn", context: ["ssn"] },
      { text: "9", at: "#2 $.score", context: ["score"] },
    ]);
  });

  it("reads Avro records with nested field paths", async () => {
    const bytes = await avroFile([
      { name: "Alice", address: { zip: "12345" }, phones: ["555-0100", "555-0101"] },
      { name: "Bob", address: { zip: "99999" }, phones: [] },
    ]);
    const r = await readAll("customers.avro", bytes, {}, 16);
    expect(r.format).toBe("avro");
    expect(summarize(r.segments)).toEqual([
      { text: "Alice", at: "#0 $.name", context: ["name"] },
      { text: "12345", at: "#0 $.address.zip", context: ["address", "zip"] },
      { text: "555-0100", at: "#0 $.phones[0]", context: ["phones"] },
      { text: "555-0101", at: "#0 $.phones[1]", context: ["phones"] },
      { text: "Bob", at: "#1 $.name", context: ["name"] },
      { text: "99999", at: "#1 $.address.zip", context: ["address", "zip"] },
    ]);
  });

  it("reads snappy-compressed Avro and refuses a block whose checksum does not match", async () => {
    const bytes = await avroFile([{ name: "Alice", address: { zip: "12345" }, phones: [] }], "snappy");
    const r = await readAll("snappy.avro", bytes);
    expect(r.error).toBeNull();
    expect(r.segments.map((s) => s.text)).toEqual(["Alice", "12345"]);
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf("Alice");
    damaged[at] = "a".charCodeAt(0);
    const bad = await readAll("snappy.avro", damaged);
    expect(bad.error?.reason).toBe("CORRUPT_FILE");
    expect(bad.error?.detail).toBe("snappy.avro: snappy codec decompression error");
  });

  it("reports truncated or garbled Parquet and Avro as CORRUPT_FILE", async () => {
    const pq = parquet();
    expect((await readAll("cut.parquet", pq.subarray(0, pq.length - 20))).error?.detail).toBe(
      "cut.parquet: parquet file invalid (footer != PAR1)",
    );
    const junk = Buffer.concat([Buffer.from("PAR1"), randomBytes(500), Buffer.from("PAR1")]);
    expect((await readAll("junk.parquet", junk)).error?.reason).toBe("CORRUPT_FILE");
    const avro = await avroFile([{ name: "A", address: { zip: "1" }, phones: [] }]);
    expect((await readAll("cut.avro", avro.subarray(0, avro.length - 10))).error?.reason).toBe("CORRUPT_FILE");
  });
});

describe("documents", () => {
  it("reads PDF text page by page", async () => {
    const r = await readAll("statement.pdf", pdf(["Name: Alice", "SSN (123-45-6789)"]));
    expect(r.format).toBe("pdf");
    expect(summarize(r.segments)).toEqual([
      { text: "Name: Alice", at: "page 1", context: [] },
      { text: "SSN (123-45-6789)", at: "page 2", context: [] },
    ]);
  });

  it("reports a truncated or garbled PDF as CORRUPT_FILE", async () => {
    const bytes = pdf(["SSN 123-45-6789"]);
    expect((await readAll("cut.pdf", bytes.subarray(0, 60))).error?.detail).toBe("cut.pdf: Invalid PDF structure.");
    const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2000)]);
    expect((await readAll("junk.pdf", junk)).error?.reason).toBe("CORRUPT_FILE");
  });

  it("reads DOCX paragraphs as text lines, also without the extension", async () => {
    const bytes = docx(["Employee record", "SSN 123-45-6789"]);
    const r = await readAll("record.docx", bytes);
    expect(r.format).toBe("docx");
    expect(summarize(r.segments)).toEqual([{ text: "Employee record\n\nSSN 123-45-6789\n\n", at: "line 1:1", context: [] }]);
    expect((await readAll("uploads/8f3a", bytes)).format).toBe("docx");
  });

  it("reads XLSX cells with sheet, row, column and the header row's names", async () => {
    const r = await readAll("people.xlsx", await xlsx());
    expect(r.format).toBe("xlsx");
    expect(summarize(r.segments)).toEqual([
      { text: "name", at: "People!r1c1", context: [] },
      { text: "ssn", at: "People!r1c2", context: [] },
      { text: "Alice", at: "People!r2c1(name)", context: ["name"] },
      { text: "123-45-6789", at: "People!r2c2(ssn)", context: ["ssn"] },
      { text: "Bob", at: "People!r3c1(name)", context: ["name"] },
      { text: "987-65-4321", at: "People!r3c2(ssn)", context: ["ssn"] },
      { text: "card", at: "Cards!r1c1", context: [] },
      { text: "4111111111111111", at: "Cards!r2c1(card)", context: ["card"] },
    ]);
    expect((await readAll("export-without-extension", await xlsx())).format).toBe("xlsx");
  });

  it("reports a truncated XLSX or DOCX as CORRUPT_FILE", async () => {
    const bytes = await xlsx();
    expect((await readAll("cut.xlsx", bytes.subarray(0, bytes.length - 100))).error?.reason).toBe("CORRUPT_FILE");
    const d = docx(["x"]);
    expect((await readAll("cut.docx", d.subarray(0, d.length - 30))).error?.reason).toBe("CORRUPT_FILE");
  });
});
