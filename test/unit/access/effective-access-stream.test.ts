/**
 * Bulk computation against the per-request evaluator, and the streamed forms against computeEffectiveAccess, on a
 * small seeded synthetic organisation (the benchmark's generator: groups, boundaries, team-wide wildcards, bucket
 * policies naming partners, roles and the public, ACLs, SSE-KMS). Pruning, statement narrowing, shared evaluations,
 * batching, worker threads and the compact grant encoding must change nothing.
 */
import { describe, expect, it } from "vitest";
import { generateInventory, type GeneratorSize } from "../../../bench/access/generate.js";
import {
  collectEffectiveAccess,
  computeEffectiveAccess,
  EffectiveAccessEngine,
  evaluateRequest,
  LEVEL_ACTIONS,
  streamEffectiveAccess,
  type AccessGrant,
  type EffectiveAccessBatch,
} from "../../../services/access/index.js";
import { RequestContextKeys } from "../../../services/access/condition/context.js";
import { GrantDecoder, GrantEncoder } from "../../../services/access/grant-encoding.js";
import { inventoryFrom } from "./fixture.js";

const SIZE: GeneratorSize = { users: 40, roles: 30, buckets: 60, teams: 3, managedPolicies: 12, groups: 5 };
const inventory = generateInventory(11, SIZE);
const expected = computeEffectiveAccess(inventory);

/** principal | bucket | level -> "actions conditional" */
function byPairLevel(grants: readonly AccessGrant[]): Map<string, string> {
  return new Map(grants.map((g) => [`${g.principalArn}|${g.bucketArn}|${g.level}`, `${g.actions.join(",")} ${g.conditional}`]));
}

describe("computeEffectiveAccess on a synthetic organisation", () => {
  it("finds grants of every kind (the comparison below is not vacuous)", () => {
    const kinds = new Set(expected.grants.map((g) => g.principalKind));
    expect([...kinds].sort()).toEqual(["AccountRoot", "ExternalAccount", "Role", "User"]);
    expect(expected.grants.some((g) => g.conditional)).toBe(true);
    expect(expected.grants.some((g) => g.deniedWhen !== undefined)).toBe(true);
    expect(expected.assumes.length).toBeGreaterThan(0);
  });

  it("gives, for every principal, bucket and level action, exactly what evaluateRequest decides on the whole policies", () => {
    const engine = new EffectiveAccessEngine(inventory);
    const model = engine.model;
    const decided = new Map<string, { actions: string[]; conditional: boolean[] }>();
    for (const p of engine.principals()) {
      const keys = new RequestContextKeys(
        { ...p.context, "aws:ResourceAccount": model.accountId, "s3:ResourceAccount": model.accountId },
        false,
        p.contextCompletePrefixes,
      );
      for (const b of model.buckets) {
        for (const la of LEVEL_ACTIONS) {
          const decision = evaluateRequest(
            { principal: p.request, action: la.action, resource: la.object ? `${b.arn}/*` : b.arn, anyObject: la.object, contextKeys: keys },
            {
              identityPolicies: p.identity,
              permissionsBoundary: p.boundary,
              serviceControlPolicies: p.request.accountId === model.accountId ? model.scps : undefined,
              resourceControlPolicies: model.rcps,
              resourceAccountId: model.accountId,
              resourcePolicy: b.policy,
              acl: b.acl,
              blockPublicAccess: b.blockPublicAccess,
              ...(b.kms ? { kms: b.kms } : {}),
              withoutTrace: true,
            },
          );
          if (decision.decision !== "Allow") continue;
          const key = `${p.arn}|${b.arn}|${la.level}`;
          const entry = decided.get(key) ?? { actions: [], conditional: [] };
          entry.actions.push(la.action);
          entry.conditional.push(decision.conditional);
          decided.set(key, entry);
        }
      }
    }
    const fromRequests = new Map([...decided].map(([key, e]) => [key, `${e.actions.join(",")} ${e.conditional.every(Boolean)}`]));
    expect(fromRequests.size).toBeGreaterThan(1000);
    expect(byPairLevel(expected.grants)).toEqual(fromRequests);
  });
});

describe("shared evaluations", () => {
  it("are not shared between principals a bucket policy tells apart by ARN", () => {
    const acct = "111111111111";
    const trust = { Statement: { Effect: "Allow" as const, Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" } };
    const access = computeEffectiveAccess(
      inventoryFrom({
        accountId: acct,
        policies: [{ name: "read-data", document: { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" } } }],
        roles: [
          { name: "reader", trust, attached: ["read-data"] },
          { name: "writer", trust, attached: ["read-data"] },
          { name: "other", trust, attached: ["read-data"] },
        ],
        buckets: [
          {
            name: "data",
            policy: { Statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${acct}:role/writer` }, Action: "s3:PutObject", Resource: "arn:aws:s3:::data/*" } },
          },
        ],
      }),
    );
    const levels = (role: string): string[] =>
      access.grants.filter((g) => g.principalArn === `arn:aws:iam::${acct}:role/${role}`).map((g) => `${g.level} ${g.actions.join(",")}`);
    expect(levels("reader")).toEqual(["READ s3:GetObject"]);
    expect(levels("writer")).toEqual(["READ s3:GetObject", "WRITE s3:PutObject"]);
    expect(levels("other")).toEqual(["READ s3:GetObject"]);
  });
});

describe("streamEffectiveAccess", () => {
  it("in the calling thread, yields computeEffectiveAccess's result in batches of whole principals", async () => {
    const batches: EffectiveAccessBatch[] = [];
    for await (const batch of streamEffectiveAccess(inventory, {}, { workers: 0, principalsPerBatch: 7 })) batches.push(batch);
    expect(batches.length).toBe(Math.ceil(new EffectiveAccessEngine(inventory).principals().length / 7) + 1);
    expect(batches.flatMap((b) => b.grants)).toEqual(expected.grants);
    expect(batches.at(-1)!.assumes).toEqual(expected.assumes);
    expect(batches.slice(0, -1).every((b) => b.assumes.length === 0)).toBe(true);
    const batchOf = new Map<string, number>();
    batches.forEach((b, i) =>
      b.grants.forEach((g) => {
        expect(batchOf.get(g.principalArn) ?? i).toBe(i);
        batchOf.set(g.principalArn, i);
      }),
    );
  });

  it("with two worker threads, yields the same batches in the same order", async () => {
    const inThread: EffectiveAccessBatch[] = [];
    for await (const batch of streamEffectiveAccess(inventory, {}, { workers: 0, principalsPerBatch: 16 })) inThread.push(batch);
    const inWorkers: EffectiveAccessBatch[] = [];
    for await (const batch of streamEffectiveAccess(inventory, {}, { workers: 2, principalsPerBatch: 16 })) inWorkers.push(batch);
    expect(inWorkers).toEqual(inThread);
  }, 60_000);

  it("carries skipped policies in the first batch only", async () => {
    const broken = generateInventory(11, SIZE);
    broken.iam.users[0]!.attachedPolicyArns.push("arn:aws:iam::111111111111:policy/not-collected");
    const batches: EffectiveAccessBatch[] = [];
    for await (const batch of streamEffectiveAccess(broken, {}, { workers: 0, principalsPerBatch: 50 })) batches.push(batch);
    expect(batches[0]!.skipped).toEqual([
      { policyId: "arn:aws:iam::111111111111:policy/not-collected", reason: "attached managed policy was not collected; its statements are not evaluated" },
    ]);
    expect(batches.slice(1).flatMap((b) => b.skipped)).toEqual([]);
    expect((await collectEffectiveAccess(streamEffectiveAccess(broken, {}, { workers: 0 }))).skipped).toEqual(batches[0]!.skipped);
  });
});

describe("grant encoding between threads", () => {
  it("round-trips grants exactly, sending each statement ref once and sharing it again on arrival", () => {
    const bucketArns = inventory.buckets.map((b) => b.arn);
    const encoder = new GrantEncoder(bucketArns);
    const decoder = new GrantDecoder(bucketArns);
    const half = Math.floor(expected.grants.length / 2);
    const first = encoder.encode(expected.grants.slice(0, half));
    const second = encoder.encode(expected.grants.slice(half));
    const refs = new Set(expected.grants.flatMap((g) => g.via));
    expect(first.refs.length + second.refs.length).toBe(refs.size);
    decoder.receive(first);
    decoder.receive(second);
    const decoded = [...decoder.decode(first), ...decoder.decode(second)];
    expect(decoded).toEqual(expected.grants);
    const viaObjects = new Set(decoded.flatMap((g) => g.via));
    expect(viaObjects.size).toBe(refs.size);
  });
});
