/**
 * The one place Sightline reads its environment. Every process (cli, api, worker) calls loadConfig() once in its
 * composition root and passes the typed result down; nothing else reads process.env.
 */
import { ConfigError } from "../services/errors.js";

export interface SightlineConfig {
  neo4j: { uri: string; user: string; password: string; database: string };
  temporal: { address: string; namespace: string; taskQueue: string };
  api: { host: string; port: number };
  aws: {
    region: string;
    /** Set locally to moto's address; unset against real AWS (the SDK's default credential chain is used then). */
    endpointUrl: string | undefined;
  };
  /** Secret key for HMAC fingerprints of sensitive values: raw values are never stored, only these keyed hashes. */
  fingerprintKey: string;
  /** Whether revealSamples may return sensitive values unmasked (SIGHTLINE_ALLOW_CLEAR_SAMPLES=1). */
  allowClearSamples: boolean;
  logLevel: string;
}

export const DEFAULTS = {
  NEO4J_URI: "bolt://127.0.0.1:7687",
  NEO4J_USER: "neo4j",
  NEO4J_PASSWORD: "sightline-dev-password",
  NEO4J_DATABASE: "neo4j",
  TEMPORAL_ADDRESS: "127.0.0.1:7233",
  TEMPORAL_NAMESPACE: "default",
  SIGHTLINE_TASK_QUEUE: "sightline-audit",
  SIGHTLINE_API_HOST: "127.0.0.1",
  SIGHTLINE_API_PORT: "4000",
  AWS_REGION: "us-east-1",
  SIGHTLINE_FINGERPRINT_KEY: "sightline-dev-fingerprint-key-change-me",
  SIGHTLINE_LOG_LEVEL: "info",
} as const;

type Env = Record<string, string | undefined>;

function read(env: Env, name: keyof typeof DEFAULTS): string {
  const value = env[name];
  return value === undefined || value === "" ? DEFAULTS[name] : value;
}

function port(env: Env, name: keyof typeof DEFAULTS): number {
  const raw = read(env, name);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new ConfigError(name, `must be a TCP port number (1-65535), got "${raw}"`);
  }
  return n;
}

export function loadConfig(env: Env = process.env): SightlineConfig {
  const neo4jUri = read(env, "NEO4J_URI");
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(neo4jUri)) {
    throw new ConfigError("NEO4J_URI", `must start with bolt:// or neo4j:// (optionally +s/+ssc), got "${neo4jUri}"`);
  }
  const endpointUrl = env.AWS_ENDPOINT_URL && env.AWS_ENDPOINT_URL !== "" ? env.AWS_ENDPOINT_URL : undefined;
  if (endpointUrl !== undefined && !/^https?:\/\//.test(endpointUrl)) {
    throw new ConfigError("AWS_ENDPOINT_URL", `must be an http(s) URL, got "${endpointUrl}"`);
  }
  return {
    neo4j: {
      uri: neo4jUri,
      user: read(env, "NEO4J_USER"),
      password: read(env, "NEO4J_PASSWORD"),
      database: read(env, "NEO4J_DATABASE"),
    },
    temporal: {
      address: read(env, "TEMPORAL_ADDRESS"),
      namespace: read(env, "TEMPORAL_NAMESPACE"),
      taskQueue: read(env, "SIGHTLINE_TASK_QUEUE"),
    },
    api: { host: read(env, "SIGHTLINE_API_HOST"), port: port(env, "SIGHTLINE_API_PORT") },
    aws: { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULTS.AWS_REGION, endpointUrl },
    fingerprintKey: read(env, "SIGHTLINE_FINGERPRINT_KEY"),
    allowClearSamples: env.SIGHTLINE_ALLOW_CLEAR_SAMPLES === "1",
    logLevel: read(env, "SIGHTLINE_LOG_LEVEL"),
  };
}
