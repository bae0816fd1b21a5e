import { describe, expect, it } from "vitest";
import { DEFAULTS, loadConfig } from "../../../cli/config.js";
import { ConfigError } from "../../../services/errors.js";

describe("loadConfig", () => {
  it("uses the documented defaults when the environment is empty", () => {
    const config = loadConfig({});
    expect(config.neo4j).toEqual({ uri: DEFAULTS.NEO4J_URI, user: "neo4j", password: "sightline-dev-password", database: "neo4j" });
    expect(config.temporal).toEqual({ address: "127.0.0.1:7233", namespace: "default", taskQueue: "sightline-audit" });
    expect(config.api).toEqual({ host: "127.0.0.1", port: 4000 });
    expect(config.aws).toEqual({ region: "us-east-1", endpointUrl: undefined });
  });

  it("reads every variable, and an empty AWS_ENDPOINT_URL means real AWS", () => {
    const config = loadConfig({
      NEO4J_URI: "neo4j+s://graph.example:7687",
      NEO4J_PASSWORD: "pw",
      TEMPORAL_ADDRESS: "temporal:7233",
      SIGHTLINE_TASK_QUEUE: "q",
      SIGHTLINE_API_PORT: "8080",
      AWS_REGION: "eu-west-1",
      AWS_ENDPOINT_URL: "",
    });
    expect(config.neo4j.uri).toBe("neo4j+s://graph.example:7687");
    expect(config.neo4j.password).toBe("pw");
    expect(config.temporal.address).toBe("temporal:7233");
    expect(config.temporal.taskQueue).toBe("q");
    expect(config.api.port).toBe(8080);
    expect(config.aws).toEqual({ region: "eu-west-1", endpointUrl: undefined });
  });

  it("rejects a bad port, URI or endpoint with an error naming the variable", () => {
    expect(() => loadConfig({ SIGHTLINE_API_PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ SIGHTLINE_API_PORT: "70000" })).toThrow(/SIGHTLINE_API_PORT/);
    expect(() => loadConfig({ NEO4J_URI: "http://localhost:7474" })).toThrow(/NEO4J_URI/);
    expect(() => loadConfig({ AWS_ENDPOINT_URL: "localhost:5000" })).toThrow(/AWS_ENDPOINT_URL/);
  });
});
