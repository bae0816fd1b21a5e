import neo4j, { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { connectionError, fromCypherValue, toCypherValue } from "../../../graph/driver.js";
import { ConfigError, ServiceUnavailableError } from "../../../services/errors.js";

const settings = { uri: "bolt://db.example:7687", user: "neo4j", password: "x", database: "neo4j" };

function neo4jError(code: string, message: string): Neo4jError {
  return new Neo4jError(message, code as never, "50N42", "error: general processing exception");
}

describe("toCypherValue", () => {
  it("sends whole numbers as Cypher INTEGERs, nested in lists and maps, and leaves other values alone", () => {
    const converted = toCypherValue({ size: 42, ratio: 0.5, tags: ["a"], rows: [{ count: 3, ok: true, none: null }] });
    expect(converted).toEqual({
      size: neo4j.int(42),
      ratio: 0.5,
      tags: ["a"],
      rows: [{ count: neo4j.int(3), ok: true, none: null }],
    });
  });

  it("keeps numbers beyond 2^53 as floats rather than sending a wrong integer", () => {
    expect(toCypherValue(2 ** 60)).toBe(2 ** 60);
  });
});

describe("fromCypherValue", () => {
  it("turns Integers into numbers inside lists and maps", () => {
    expect(fromCypherValue({ n: neo4j.int(7), list: [neo4j.int(1), "x"] })).toEqual({ n: 7, list: [1, "x"] });
  });

  it("turns temporal values into ISO-8601 strings", () => {
    const date = new neo4j.types.Date(2026, 11, 26);
    expect(fromCypherValue(date)).toBe("2026-11-26");
  });

  it("turns a node into its property map", () => {
    const node = new neo4j.types.Node(neo4j.int(1), ["Bucket"], { name: "b", objectCount: neo4j.int(3) }, "4:x:1");
    expect(fromCypherValue(node)).toEqual({ name: "b", objectCount: 3 });
  });

  it("converts driver values nested in plain lists and maps, and returns strings, booleans and null as they are", () => {
    const row = { rows: [[{ at: new neo4j.types.Date(2026, 11, 26), n: neo4j.int(2) }, "x", true, null]], none: null };
    expect(fromCypherValue(row)).toEqual({ rows: [[{ at: "2026-11-26", n: 2 }, "x", true, null]], none: null });
  });
});

describe("connectionError", () => {
  it("names the address and the fix when Neo4j cannot be reached", () => {
    const error = connectionError(settings, neo4jError("ServiceUnavailable", "connect ECONNREFUSED"));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe("neo4j is unavailable: cannot connect to bolt://db.example:7687 (connect ECONNREFUSED)");
    expect((error as ServiceUnavailableError).hint).toContain("NEO4J_URI");
  });

  it("reports rejected credentials as a configuration error naming the user", () => {
    const error = connectionError(settings, neo4jError("Neo.ClientError.Security.Unauthorized", "unauthorized"));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'NEO4J_PASSWORD was rejected by Neo4j at bolt://db.example:7687 for user "neo4j" (unauthorized); set NEO4J_USER and NEO4J_PASSWORD to the server\'s credentials',
    );
  });

  it("reports a missing database as a configuration error", () => {
    const error = connectionError(settings, neo4jError("Neo.ClientError.Database.DatabaseNotFound", "no such db"));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("NEO4J_DATABASE");
  });
});
