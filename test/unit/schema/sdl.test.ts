/** schema/schema.graphql is the API's published contract: it must be exactly what the code builds. */
import "reflect-metadata";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { SDL_PATH, printSightlineSdl } from "../../../schema/print-sdl.js";

describe("committed SDL", () => {
  it("matches the schema built from the code (regenerate with `npx tsx schema/print-sdl.ts --write`)", async () => {
    const committed = await readFile(SDL_PATH, "utf8");
    expect(await printSightlineSdl()).toBe(committed);
  });

  it("exposes the issue-2 operations", async () => {
    const sdl = await printSightlineSdl();
    for (const operation of [
      "buckets(",
      "bucket(name: String!): Bucket!",
      "findings(",
      "principals(",
      "whoCanAccess(",
      "sensitiveDataReach(",
      "principalReach(",
      "chokePoints(",
      "auditRun(id: ID!): AuditRun!",
      "startAudit(input: StartAuditInput): AuditRunRef!",
    ]) {
      expect(sdl).toContain(`  ${operation}`);
    }
  });
});
