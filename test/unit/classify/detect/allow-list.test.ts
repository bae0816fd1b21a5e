import { describe, expect, it } from "vitest";
import { compileAllowList } from "../../../../services/classify/detect/allow-list.js";
import { InvalidInputError } from "../../../../services/errors.js";

describe("compileAllowList", () => {
  it("literal: whole value, case-insensitive, blank lines ignored", () => {
    const list = compileAllowList({ kind: "literal", entries: ["  Jane.Doe@Example.com ", "", "555-0100"] });
    expect(["jane.doe@example.com", "JANE.DOE@EXAMPLE.COM", "555-0100"].map((v) => list.allows(v))).toEqual([true, true, true]);
    expect(["jane.doe@example.co", "x555-0100", ""].map((v) => list.allows(v))).toEqual([false, false, false]);
  });

  it("regex: must match the whole value", () => {
    const list = compileAllowList({ kind: "regex", regex: "[0-9]{3}-01[0-9]{2}" });
    expect(list.allows("555-0100")).toBe(true);
    expect(list.allows("555-01001")).toBe(false);
    expect(list.allows("a555-0100")).toBe(false);
  });

  it("regex: an alternation is anchored as a whole", () => {
    const list = compileAllowList({ kind: "regex", regex: "foo|bar" });
    expect(["foo", "bar", "foox", "xbar"].map((v) => list.allows(v))).toEqual([true, true, false, false]);
  });

  it.each([
    [{ kind: "regex", regex: "a)|(b" }, "regex", "is not a supported regular expression"],
    [{ kind: "regex", regex: "(?<=a)b" }, "regex", "is not a supported regular expression"],
    [{ kind: "regex", regex: "x".repeat(513) }, "regex", "is 513 characters; at most 512"],
    [{ kind: "literal", entries: ["x".repeat(91)] }, "entries[0]", "is 91 characters; at most 90"],
    [{ kind: "literal", entries: Array.from({ length: 100_001 }, (_, i) => `v${i}`) }, "entries", "has 100001 entries"],
  ] as const)("rejects %#: %s", (definition, field, message) => {
    let error: unknown;
    try {
      compileAllowList(definition);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expect((error as InvalidInputError).message).toContain(message);
  });
});
