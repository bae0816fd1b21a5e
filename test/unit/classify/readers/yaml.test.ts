/** YAML: quoted scalars unescaped as the text streams, without adding or removing a line. */
import { describe, expect, it } from "vitest";
import { YamlScalarUnescaper } from "../../../../services/classify/readers/yaml.js";
import { readAll, summarize } from "./helpers.js";

const SOURCE = [
  "'driver''s license': 'Driver''s license: D1234567'",
  "name: O'Brien # it''s a comment, left as written",
  'note: "tab\\there \\u00e9\\x41 \\"q\\" \\n end"',
  "- 'a''b'",
  '  [ \'c\'\'d\', "e\\\\f" ]',
  "plain: a'b''c",
  "",
].join("\n");

const EXPECTED = [
  "'driver's license': 'Driver's license: D1234567'",
  "name: O'Brien # it''s a comment, left as written",
  'note: "tab\there éA "q"   end"',
  "- 'a'b'",
  "  [ 'c'd', \"e\\f\" ]",
  "plain: a'b''c",
  "",
].join("\n");

function unescapeIn(pieces: number): string {
  const unescaper = new YamlScalarUnescaper();
  let out = "";
  for (let i = 0; i < SOURCE.length; i += pieces) out += unescaper.push(SOURCE.slice(i, i + pieces));
  return out + unescaper.end();
}

describe("YAML reader", () => {
  it("unescapes single- and double-quoted scalars only, keeping quotes, comments, plain scalars and lines", () => {
    expect(unescapeIn(SOURCE.length)).toBe(EXPECTED);
    expect(EXPECTED.split("\n")).toHaveLength(SOURCE.split("\n").length);
  });

  it("gives the same text whatever chunk boundaries cut an escape or a doubled quote", () => {
    for (const size of [1, 2, 3, 5, 7]) expect(unescapeIn(size), `chunks of ${size}`).toBe(EXPECTED);
  });

  it("reads .yaml through the unescaper with lines as written", async () => {
    const r = await readAll("licence.yml", "a: 1\nnote: 'Driver''s license: D1234567'\n", { maxSegmentChars: 8 });
    expect(r.format).toBe("yaml");
    expect(summarize(r.segments)).toEqual([
      { text: "a: 1\n", at: "line 1:1", context: [] },
      { text: "note: 'D", at: "line 2:1", context: [] },
      { text: "river's ", at: "line 2:9", context: [] },
      { text: "license:", at: "line 2:17", context: [] },
      { text: " D123456", at: "line 2:25", context: [] },
      { text: "7'\n", at: "line 2:33", context: [] },
    ]);
  });
});
