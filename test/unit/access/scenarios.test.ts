/**
 * Table-driven scenarios, one small inventory per rule of docs/access-semantics.md (scenarios/*.json). Each pins the
 * decision of explainAccess for given requests, the CAN_ACCESS grants computeEffectiveAccess derives (present or
 * absent, conditional or not), the CAN_ASSUME edges, and role chains.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  computeEffectiveAccess,
  explainAccess,
  reachableRoles,
  type EffectiveAccessOptions,
} from "../../../services/access/index.js";
import type { AccessLevel } from "../../../services/access/effective-access.js";
import { inventoryFrom, type CompactInventory } from "./fixture.js";

interface Scenario {
  description: string;
  inventory: CompactInventory;
  options?: EffectiveAccessOptions;
  checks?: Array<{ principal: string; bucket: string; action: string; key?: string; expect: "Allow" | "ExplicitDeny" | "ImplicitDeny"; conditional?: boolean }>;
  grants?: Array<{ principal: string; bucket: string; level: AccessLevel; conditional?: boolean; actions?: string[]; via?: string[] }>;
  noGrants?: Array<{ principal: string; bucket: string; level?: AccessLevel }>;
  assumes?: Array<{ from: string; to: string; conditional?: boolean }>;
  noAssumes?: Array<{ from: string; to: string }>;
  chains?: Array<{ from: string; reaches: string[] }>;
}

const dir = join(import.meta.dirname, "scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe.each(files)("scenario %s", (file) => {
  const scenario = JSON.parse(readFileSync(join(dir, file), "utf8")) as Scenario;
  const inventory = inventoryFrom(scenario.inventory);
  const access = computeEffectiveAccess(inventory, scenario.options);
  const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;

  it(scenario.description, () => {
    expect(access.skipped ?? []).toEqual([]);
  });

  for (const check of scenario.checks ?? []) {
    it(`${check.principal} ${check.action} ${check.bucket}${check.key ? `/${check.key}` : ""} -> ${check.expect}`, () => {
      const decision = explainAccess(inventory, check.principal, check.bucket, check.action, check.key, scenario.options);
      expect(decision.decision, JSON.stringify(decision.trace, null, 1)).toBe(check.expect);
      if (check.conditional !== undefined) expect(decision.conditional).toBe(check.conditional);
    });
  }

  for (const g of scenario.grants ?? []) {
    it(`grants ${g.principal} ${g.level} on ${g.bucket}`, () => {
      const found = access.grants.find((x) => x.principalArn === g.principal && x.bucketArn === bucketArn(g.bucket) && x.level === g.level);
      expect(found, JSON.stringify(access.grants.filter((x) => x.principalArn === g.principal), null, 1)).toBeDefined();
      if (g.conditional !== undefined) expect(found!.conditional).toBe(g.conditional);
      if (g.actions) expect(found!.actions).toEqual(g.actions);
      if (g.via) expect(found!.via.map((v) => `${v.policyId}#${v.sid}`).sort()).toEqual([...g.via].sort());
    });
  }

  for (const g of scenario.noGrants ?? []) {
    it(`does not grant ${g.principal} ${g.level ?? "any level"} on ${g.bucket}`, () => {
      const found = access.grants.filter((x) => x.principalArn === g.principal && x.bucketArn === bucketArn(g.bucket) && (!g.level || x.level === g.level));
      expect(found).toEqual([]);
    });
  }

  for (const a of scenario.assumes ?? []) {
    it(`${a.from} can assume ${a.to}`, () => {
      const edge = access.assumes.find((e) => e.fromArn === a.from && e.toRoleArn === a.to);
      expect(edge, JSON.stringify(access.assumes, null, 1)).toBeDefined();
      if (a.conditional !== undefined) expect(edge!.conditional).toBe(a.conditional);
    });
  }

  for (const a of scenario.noAssumes ?? []) {
    it(`${a.from} cannot assume ${a.to}`, () => {
      expect(access.assumes.filter((e) => e.fromArn === a.from && e.toRoleArn === a.to)).toEqual([]);
    });
  }

  for (const c of scenario.chains ?? []) {
    it(`${c.from} reaches ${c.reaches.join(", ")} through role chains`, () => {
      expect(reachableRoles(access.assumes, c.from).map((r) => r.roleArn).sort()).toEqual([...c.reaches].sort());
    });
  }
});
