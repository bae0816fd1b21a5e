import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAll, summarize } from "./helpers.js";

const message = readFileSync(new URL("../../../fixtures/formats/message.eml", import.meta.url));

describe("EML reader", () => {
  it("scans decoded headers, text parts at their body's line, and attachments as members", async () => {
    const r = await readAll("message.eml", message);
    expect(r.format).toBe("eml");
    expect(r.error).toBeNull();
    expect(summarize(r.segments)).toEqual([
      {
        text: [
          "Return-Path: <alice@example.com>",
          "From: Alice Æthel <alice@example.com>",
          "To: bob@example.com",
          "Subject: Payroll",
          "MIME-Version: 1.0",
          'Content-Type: multipart/mixed; boundary="outer"',
        ].join("\n"),
        at: "line 1:1",
        context: [],
      },
      // quoted-printable: soft line break joined, =C3=A9 decoded as UTF-8.
      { text: "Hi Bob,\nmy SSN is 123-45-6789 and café is closed.", at: "line 13:1", context: [] },
      // base64 text/html: decoded, then read as markup.
      { text: "Card: 4111 1111 1111 1111", at: "line 20:4", context: ["p"] },
      { text: "name,ssn", at: "line 1:1", context: [], member: "message.eml/staff.csv" },
      { text: "Bob", at: "r2c1(name)", context: ["name"], member: "message.eml/staff.csv" },
      { text: "987-65-4321", at: "r2c2(ssn)", context: ["ssn"], member: "message.eml/staff.csv" },
    ]);
  });

  it("sniffs an email without an extension", async () => {
    expect((await readAll("inbox/1234", message)).format).toBe("eml");
  });
});
