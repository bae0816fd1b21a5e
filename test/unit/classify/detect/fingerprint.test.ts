import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DistinctCounter, distinctKey, Fingerprinter } from "../../../../services/classify/detect/fingerprint.js";

describe("Fingerprinter", () => {
  it.each([
    ["a short key", "k"],
    ["a 64-byte key", "x".repeat(64)],
    ["a key longer than SHA-256's block", "long-key-".repeat(20)],
    ["a non-ASCII key", "clé-secrète-ü"],
  ])("equals HMAC-SHA256 of <type>:<value> with %s", (_, key) => {
    const expected = createHmac("sha256", key).update("USA_SOCIAL_SECURITY_NUMBER:123456789").digest("hex");
    expect(new Fingerprinter(key).of("USA_SOCIAL_SECURITY_NUMBER", "123456789")).toBe(expected);
  });

  it("differs by type and by value", () => {
    const f = new Fingerprinter("k");
    expect(f.of("A", "1")).not.toBe(f.of("B", "1"));
    expect(f.of("A", "1")).not.toBe(f.of("A", "2"));
  });
});

describe("distinctKey", () => {
  it("is a stable 32-bit integer that tells 100,000 values apart", () => {
    expect(distinctKey("4111111111111111")).toBe(distinctKey("4111111111111111"));
    expect(Number.isInteger(distinctKey("x")) && distinctKey("x") >= -(2 ** 31) && distinctKey("x") < 2 ** 31).toBe(true);
    const keys = new Set<number>();
    for (let i = 0; i < 100_000; i++) keys.add(distinctKey(String(100_000_000 + i)));
    expect(keys.size).toBe(100_000);
  });
});

describe("DistinctCounter", () => {
  it("counts each key once, 0 and negative keys included, across table growth", () => {
    const counter = new DistinctCounter();
    for (let round = 0; round < 2; round++) {
      for (let i = -5_000; i < 5_000; i++) counter.add(i * 7919);
    }
    expect(counter.size).toBe(10_000);
  });

  it("is empty at first", () => {
    expect(new DistinctCounter().size).toBe(0);
  });
});
