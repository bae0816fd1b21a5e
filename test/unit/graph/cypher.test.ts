import { describe, expect, it } from "vitest";
import { bucketArn, cypher, objectArn } from "../../../graph/cypher.js";
import { canonicalJson, jsonOrNull } from "../../../graph/json.js";

describe("cypher", () => {
  it("removes the template's common indentation and surrounding blank lines", () => {
    const text = cypher`
      MATCH (b:Bucket)
        WHERE b.name = $name
      RETURN b`;
    expect(text).toBe("MATCH (b:Bucket)\n  WHERE b.name = $name\nRETURN b");
  });
});

describe("ARNs", () => {
  it("derives bucket and object ARNs from names", () => {
    expect(bucketArn("logs")).toBe("arn:aws:s3:::logs");
    expect(objectArn("logs", "2026/a b.csv")).toBe("arn:aws:s3:::logs/2026/a b.csv");
  });
});

describe("canonicalJson", () => {
  it("writes keys in sorted order at every depth, so equal objects give equal strings", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(jsonOrNull(null)).toBeNull();
  });
});
