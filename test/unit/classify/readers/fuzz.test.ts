import fc from "fast-check";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { avroFile, docx, gzip, parquet, pdf, tarball, xlsx, zip } from "./build.js";
import { readAll } from "./helpers.js";

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/formats/${name}`, import.meta.url));

/**
 * Damaged input of every format (truncated, bytes overwritten) must end in segments or an UnclassifiableError:
 * never another exception, a hang or a crash of the process.
 */
describe("damaged input never escapes as anything but UnclassifiableError", () => {
  const samples: Array<[string, Buffer]> = [];
  beforeAll(async () => {
    samples.push(
      ["a.csv", fixture("customers.csv")],
      ["a.eml", fixture("message.eml")],
      ["a.json", Buffer.from('{"users":[{"ssn":"123-45-6789","n":[1,2,{"x":"y"}]}]}')],
      ["a.html", Buffer.from('<html><body><p a="1">x<!-- c --><![CDATA[d]]></p></body></html>')],
      ["a.gz", gzip("ssn\n123-45-6789\n".repeat(50))],
      ["a.zip", zip({ "a.csv": "ssn\n123-45-6789\n", "b.zip": zip({ "c.txt": "x" }) })],
      ["a.tar", await tarball({ "a.txt": "x".repeat(700), "b.json": '{"a":"b"}' })],
      ["a.parquet", parquet()],
      ["a.avro", await avroFile([{ name: "A", address: { zip: "1" }, phones: ["2"] }])],
      ["a.pdf", pdf(["SSN 123-45-6789", "page two"])],
      ["a.docx", docx(["hello"])],
      ["a.xlsx", await xlsx()],
    );
  });

  it("survives truncation and overwritten bytes in every format", { timeout: 120_000 }, async () => {
    for (const [name, bytes] of samples) {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: bytes.length }),
          fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
          async (cut, writes) => {
            const damaged = Buffer.from(bytes.subarray(0, Math.max(cut, 1)));
            for (const [at, value] of writes) if (at < damaged.length) damaged[at] = value;
            const outcome = await readAll(name, damaged);
            expect(outcome.segments.every((s) => typeof s.text === "string")).toBe(true);
          },
        ),
        { numRuns: 25, seed: 7 },
      );
    }
  });
});
