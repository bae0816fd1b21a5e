import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { plain } from "../../../graph/queries/values.js";

describe("plain", () => {
  it("turns driver integers and temporal values inside lists and maps into numbers and strings", () => {
    const row = {
      count: neo4j.int(42),
      big: 7n,
      at: new neo4j.types.DateTime(2026, 11, 26, 13, 5, 0, 0, 0),
      path: [{ arn: "arn:aws:iam::1:role/a", hops: [neo4j.int(1), null], conditional: false }],
      missing: undefined,
    };
    expect(plain(row)).toEqual({
      count: 42,
      big: 7,
      at: "2026-11-26T13:05:00Z",
      path: [{ arn: "arn:aws:iam::1:role/a", hops: [1, null], conditional: false }],
      missing: null,
    });
  });

  it("copies maps without a prototype and leaves primitives as they are", () => {
    const map = Object.assign(Object.create(null) as Record<string, unknown>, { n: neo4j.int(3), s: "x" });
    expect(plain(map)).toEqual({ n: 3, s: "x" });
    expect([plain("s"), plain(1.5), plain(true), plain(null)]).toEqual(["s", 1.5, true, null]);
  });
});
