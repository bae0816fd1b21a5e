/** The pure functions that turn query rows into API answers: paths and hops, reach ranking, choke points, pages. */
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { toAccessPath, type AccessPathRow } from "../../../../graph/queries/access-paths.js";
import { rankChokePoints } from "../../../../graph/queries/choke-points.js";
import { decodeCursor, runPage } from "../../../../graph/queries/pagination.js";
import { exposureOf, rankReach } from "../../../../graph/queries/sensitive-data-reach.js";
import { plain } from "../../../../graph/queries/values.js";
import { scriptedReader } from "../fakes.js";

const via = (policyId: string) => JSON.stringify([{ policyId, sid: "S", index: 0, effect: "Allow", source: "identity" }]);
const node = (arn: string, kind = "Role") => ({ arn, kind, name: arn.split("/").at(-1)! });

function row(chain: string[], bucket: string, opts: { accountId?: string; kind?: string; assumeConditional?: boolean } = {}): AccessPathRow {
  return {
    principal: { ...node(chain[0]!, opts.kind ?? "User"), accountId: opts.accountId ?? "111111111111" },
    bucket: { arn: `arn:aws:s3:::${bucket}`, name: bucket, accountId: "111111111111" },
    grant: { level: "READ", actions: ["s3:GetObject"], conditional: false, conditionsJson: "[]", viaJson: via("grant-policy") },
    chain: chain.map((arn, i) => node(arn, i === 0 ? (opts.kind ?? "User") : "Role")),
    assumes: chain.slice(1).map((to) => ({
      conditional: opts.assumeConditional ?? false,
      conditionsJson: opts.assumeConditional ? JSON.stringify([{ Bool: { "aws:MultiFactorAuthPresent": "true" } }]) : "[]",
      viaJson: via(`${to}#trust`),
    })),
  };
}

describe("toAccessPath", () => {
  it("gives one hop per edge, assumptions first, and ORs their conditions", () => {
    const path = toAccessPath(row(["u/alice", "r/admin", "r/reader"], "pay", { assumeConditional: true }));
    expect(path.path.map((n) => n.arn)).toEqual(["u/alice", "r/admin", "r/reader", "arn:aws:s3:::pay"]);
    expect(path.hops.map((h) => [h.kind, h.from, h.to, h.via[0]!.policyId])).toEqual([
      ["CAN_ASSUME", "u/alice", "r/admin", "r/admin#trust"],
      ["CAN_ASSUME", "r/admin", "r/reader", "r/reader#trust"],
      ["CAN_ACCESS", "r/reader", "arn:aws:s3:::pay", "grant-policy"],
    ]);
    expect(path.conditional).toBe(true);
    expect(path.conditions).toEqual([
      { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    ]);
  });

  it("treats a corrupt via or conditions property as empty rather than failing the query", () => {
    const r = row(["u/bob"], "pay");
    r.grant.viaJson = "{not json";
    r.grant.conditionsJson = null;
    expect(toAccessPath(r).hops).toEqual([{ from: "u/bob", to: "arn:aws:s3:::pay", kind: "CAN_ACCESS", conditional: false, via: [] }]);
  });
});

describe("rankReach", () => {
  it("classifies exposure by kind, then by account", () => {
    expect(exposureOf({ kind: "Public", accountId: null }, "1")).toBe("PUBLIC");
    expect(exposureOf({ kind: "AuthenticatedUsers", accountId: null }, "1")).toBe("PUBLIC");
    expect(exposureOf({ kind: "ExternalAccount", accountId: "2" }, "1")).toBe("EXTERNAL_ACCOUNT");
    expect(exposureOf({ kind: "Role", accountId: "2" }, "1")).toBe("EXTERNAL_ACCOUNT");
    expect(exposureOf({ kind: "Role", accountId: "1" }, "1")).toBe("INTERNAL");
  });

  it("ranks public, then external, then by findings reached; counts each bucket once per principal", () => {
    const counts = (findingCount: number) => ({ findingCount, objectCount: findingCount, occurrences: findingCount * 10 });
    const ranked = rankReach([
      { ...row(["u/alice"], "small"), ...counts(1) },
      { ...row(["u/bob"], "big"), ...counts(5) },
      { ...row(["u/bob", "r/x"], "big"), ...counts(5) },
      { ...row(["*"], "small", { kind: "Public" }), ...counts(1) },
      { ...row(["ext/root"], "small", { kind: "Role", accountId: "999999999999" }), ...counts(1) },
    ]);
    expect(ranked.map((e) => [e.principal.arn, e.exposure, e.findingCount, e.buckets[0]!.accessPaths.length])).toEqual([
      ["*", "PUBLIC", 1, 1],
      ["ext/root", "EXTERNAL_ACCOUNT", 1, 1],
      ["u/bob", "INTERNAL", 5, 2],
      ["u/alice", "INTERNAL", 1, 1],
    ]);
  });
});

describe("rankChokePoints", () => {
  it("counts assumed roles (not the starting principal) and every cited policy, once per path", () => {
    const path = (chain: string[], bucketArn: string) => ({
      bucketArn,
      chain: chain.map((arn) => node(arn)),
      assumeVia: chain.slice(1).map((to) => via(`${to}#trust`)),
      grantVia: via("read-policy"),
    });
    const points = rankChokePoints(
      [path(["u/a", "r/hub"], "b1"), path(["u/b", "r/hub"], "b2"), path(["r/hub"], "b1"), path(["u/c", "r/other"], "b1")],
      3,
    );
    expect(points).toEqual([
      { kind: "POLICY", id: "read-policy", name: null, pathCount: 4, principalCount: 4, bucketCount: 2 },
      { kind: "ROLE", id: "r/hub", name: "hub", pathCount: 2, principalCount: 2, bucketCount: 2 },
      { kind: "POLICY", id: "r/hub#trust", name: null, pathCount: 2, principalCount: 2, bucketCount: 2 },
    ]);
  });
});

describe("runPage and plain", () => {
  it("drops the look-ahead node and issues a cursor for the last node returned", async () => {
    const reader = scriptedReader(() => [{ totalCount: neo4j.int(7), nodes: [{ name: "a" }, { name: "b" }, { name: "c" }] }]);
    const page = await runPage(reader, { cypher: "Q", params: { first: 2 } }, (n: { name: string }) => n.name, (n: { name: string }) => n);
    expect(page.totalCount).toBe(7);
    expect(page.nodes).toEqual([{ name: "a" }, { name: "b" }]);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!)).toBe("b");
  });

  it("converts driver integers and temporal values wherever they sit", () => {
    const when = new neo4j.types.DateTime(2026, 1, 2, 3, 4, 5, 0, 0);
    expect(plain({ a: [neo4j.int(3), { b: neo4j.int(-1) }], when, none: undefined })).toEqual({
      a: [3, { b: -1 }],
      when: "2026-01-02T03:04:05Z",
      none: null,
    });
  });
});
