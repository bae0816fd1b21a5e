/** Wildcards, ARN-based resource matching (exact and bucket-wide), and policy normalisation errors. */
import { describe, expect, it } from "vitest";
import { compileWildcard } from "../../../services/access/matching/wildcard.js";
import { canMatchUnder, coversAllUnder, compileResources } from "../../../services/access/matching/resource.js";
import { RequestContextKeys } from "../../../services/access/condition/context.js";
import { compilePolicy } from "../../../services/access/policy/normalize.js";
import { InvalidInputError } from "../../../services/errors.js";

describe("IAM wildcards", () => {
  it.each([
    ["s3:get*", "s3:getobject", true],
    ["s3:get?bject", "s3:getobject", true],
    ["s3:get?bject", "s3:getobbject", false],
    ["s3:*object", "s3:putobject", true],
    ["*", "anything", true],
    ["a.b", "axb", false],
    ["arn:aws:s3:::b/*/x", "arn:aws:s3:::b/1/2/x", true],
  ])("%s against %s -> %s", (pattern, value, expected) => {
    expect(compileWildcard(pattern, true)(value)).toBe(expected);
  });
});

describe("bucket-wide resource matching", () => {
  const prefix = "arn:aws:s3:::data/";
  it.each([
    ["arn:aws:s3:::data/*", true, true],
    ["arn:aws:s3:::data/public/*", true, false],
    ["arn:aws:s3:::da*", true, true],
    ["arn:aws:s3:::data", false, false],
    ["arn:aws:s3:::other/*", false, false],
    ["arn:aws:s3:::data/?", true, false],
    ["*", true, true],
  ])("%s: some keys %s, every key %s", (pattern, some, all) => {
    expect(canMatchUnder(pattern, prefix)).toBe(some);
    expect(coversAllUnder(pattern, prefix)).toBe(all);
  });

  it("NotResource inverts: a NotResource on part of the keys still reaches other keys", () => {
    const r = compileResources(["arn:aws:s3:::data/secret/*"], true);
    expect(r.match({ arn: "arn:aws:s3:::data/*", anyObjectUnder: prefix }, new RequestContextKeys())).toEqual({ some: true, all: false });
  });

  it("resolves policy variables in resources", () => {
    const r = compileResources(["arn:aws:s3:::home/${aws:username}/*"], false);
    const keys = new RequestContextKeys({ "aws:username": "bob" });
    expect(r.match({ arn: "arn:aws:s3:::home/bob/notes.txt" }, keys)).toEqual({ some: true, all: true });
    expect(r.match({ arn: "arn:aws:s3:::home/eve/notes.txt" }, keys)).toEqual({ some: false, all: false });
  });
});

describe("compilePolicy", () => {
  it("accepts single values and arrays, JSON text or objects", () => {
    const policy = compilePolicy('{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', "p", "identity");
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0]!.ref).toEqual({ policyId: "p", sid: "0", index: 0, effect: "Allow", source: "identity" });
  });

  it.each([
    ["not JSON", "{"],
    ["no Statement", { Version: "2012-10-17" }],
    ["bad Effect", { Statement: { Effect: "allow", Action: "*", Resource: "*" } }],
    ["both Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "s3:*", Resource: "*" } }],
    ["unknown element", { Statement: { Effect: "Allow", Action: "*", Resource: "*", Actions: "x" } }],
  ])("rejects %s with InvalidInputError", (_name, doc) => {
    expect(() => compilePolicy(doc as never, "p", "identity")).toThrow(InvalidInputError);
  });
});
