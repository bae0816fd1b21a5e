/**
 * Pins what the local stack promises the rest of the suite: each service answers a real request at the address
 * cli/config.ts reads from the environment (stack/test-all.sh exports `stack/stack.sh env`), with the credentials it
 * advertises, and Neo4j enforces authentication.
 */
import { CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { Connection } from "@temporalio/client";
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";

const config = loadConfig();

describe("local stack: Neo4j", () => {
  it("answers a Bolt query as Neo4j 5.26 with the configured credentials", async () => {
    const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password));
    try {
      const { records, summary } = await driver.executeQuery("RETURN 1 AS one", {}, { database: config.neo4j.database });
      expect(records.map((r) => r.get("one").toNumber())).toEqual([1]);
      expect(summary.server.agent).toMatch(/^Neo4j\/5\.26\./);
    } finally {
      await driver.close();
    }
  });

  it("rejects a wrong password", async () => {
    const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, "not-the-password"));
    try {
      await expect(driver.executeQuery("RETURN 1")).rejects.toMatchObject({
        code: "Neo.ClientError.Security.Unauthorized",
      });
    } finally {
      await driver.close();
    }
  });
});

describe("local stack: Temporal", () => {
  it("reports the frontend as SERVING and has the configured namespace", async () => {
    const connection = await Connection.connect({ address: config.temporal.address });
    try {
      const health = await connection.healthService.check({});
      // grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING
      expect(health.status).toBe(1);
      const ns = await connection.workflowService.describeNamespace({ namespace: config.temporal.namespace });
      expect(ns.namespaceInfo?.name).toBe(config.temporal.namespace);
    } finally {
      await connection.close();
    }
  });
});

describe("local stack: moto (S3)", () => {
  it("creates, lists and deletes a bucket at the configured endpoint", async () => {
    expect(config.aws.endpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const s3 = new S3Client({ region: config.aws.region, endpoint: config.aws.endpointUrl, forcePathStyle: true });
    const bucket = `sightline-stack-test-${process.pid}-${Date.now()}`;
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const listed = await s3.send(new ListBucketsCommand({}));
      expect(listed.Buckets?.map((b) => b.Name)).toContain(bucket);
    } finally {
      await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
      s3.destroy();
    }
  });
});
