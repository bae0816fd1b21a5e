import { describe, expect, it } from "vitest";
import { readAll, summarize } from "./helpers.js";

describe("XML/HTML reader", () => {
  it("emits text content and attribute values with their line, column and element names", async () => {
    const xml = [
      '<?xml version="1.0"?>',
      "<employees>",
      '  <employee id="7" email="a&#64;example.com">',
      "    <ssn>123-45-6789</ssn>",
      "    <!-- <ssn>000-00-0000</ssn> -->",
      "    <note><![CDATA[card <4111 1111 1111 1111>]]></note>",
      "    <name>Tom &amp; Jerry</name>",
      "  </employee>",
      "</employees>",
    ].join("\n");
    const r = await readAll("staff.xml", xml);
    expect(r.format).toBe("xml");
    expect(summarize(r.segments)).toEqual([
      { text: "7", at: "line 3:3", context: ["employee", "id"] },
      { text: "a@example.com", at: "line 3:3", context: ["employee", "email"] },
      { text: "123-45-6789", at: "line 4:10", context: ["ssn"] },
      { text: "card <4111 1111 1111 1111>", at: "line 6:11", context: ["note"] },
      { text: "Tom & Jerry", at: "line 7:11", context: ["name"] },
    ]);
  });

  it("parses the same whatever the chunk size (tags, comments and CDATA split across chunks)", async () => {
    const html = '<html><body>\n<p title="a > b">x</p><!-- -- > --><br><i>y</i>\n<![CDATA[z]]></body></html>';
    const whole = summarize((await readAll("page.html", html)).segments);
    expect(whole).toEqual([
      { text: "a > b", at: "line 2:1", context: ["p", "title"] },
      { text: "x", at: "line 2:18", context: ["p"] },
      { text: "y", at: "line 2:43", context: ["i"] },
      { text: "z", at: "line 3:1", context: ["body"] },
    ]);
    for (const chunkSize of [1, 2, 3]) expect(summarize((await readAll("page.html", html, {}, chunkSize)).segments)).toEqual(whole);
  });

  it("sniffs HTML without an extension and does not hold void elements open", async () => {
    const r = await readAll("index", "<!DOCTYPE html>\n<html><body><input value=secret><b>bold</b> after</body></html>");
    expect(r.format).toBe("html");
    expect(summarize(r.segments)).toEqual([
      { text: "secret", at: "line 2:13", context: ["input", "value"] },
      { text: "bold", at: "line 2:36", context: ["b"] },
      { text: "after", at: "line 2:45", context: ["body"] },
    ]);
  });
});
