/**
 * Driver lifecycle for Sightline's Neo4j graph. One Graph per process, created in the composition root with
 * connectGraph() and closed on shutdown. Every read and write goes through a managed transaction, which the driver
 * retries on transient failures (deadlocks between concurrent MERGEs, leader switches) for up to
 * maxTransactionRetryTime.
 *
 * Values cross the boundary as plain JavaScript: whole numbers in parameters are sent as Cypher INTEGERs (a JS number
 * would be stored as a FLOAT), and on read Integers become numbers, nodes and relationships become their property
 * maps, and temporal values become ISO-8601 strings.
 */
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type QueryStatistics,
  Neo4jError,
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isRelationship,
  isTime,
} from "neo4j-driver";
import { ConfigError, ServiceUnavailableError } from "../services/errors.js";
import type { CypherParams, CypherQuery } from "./cypher.js";

export interface GraphSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** What a write changed, summed over its statements (Neo4j's own counters). */
export interface WriteCounters {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
  labelsAdded: number;
}

export interface WriteResult<Row> {
  rows: Row[];
  counters: WriteCounters;
}

/** Runs statements inside one transaction; Graph.writeTransaction hands one to its work function. */
export interface GraphTransaction {
  run<Row = Record<string, unknown>>(cypher: string, params?: CypherParams): Promise<WriteResult<Row>>;
}

export interface Graph {
  readonly uri: string;
  readonly database: string;
  read<Row = Record<string, unknown>>(cypher: string, params?: CypherParams): Promise<Row[]>;
  write<Row = Record<string, unknown>>(cypher: string, params?: CypherParams): Promise<WriteResult<Row>>;
  /** Runs several built queries in one write transaction, in order; the transaction commits only if all succeed. */
  writeAll(queries: readonly CypherQuery[]): Promise<WriteCounters>;
  /**
   * Runs `work` in one write transaction. The driver may call `work` again after a transient failure, so it must not
   * have side effects outside the transaction.
   */
  writeTransaction<T>(work: (tx: GraphTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const AUTH_FAILURE_CODES = new Set([
  "Neo.ClientError.Security.Unauthorized",
  "Neo.ClientError.Security.AuthenticationRateLimit",
]);

export async function connectGraph(settings: GraphSettings): Promise<Graph> {
  const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    disableLosslessIntegers: true,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 30_000,
    userAgent: "sightline",
  });
  try {
    await driver.verifyConnectivity({ database: settings.database });
  } catch (error) {
    await driver.close();
    throw connectionError(settings, error);
  }
  return new DriverGraph(driver, settings.uri, settings.database);
}

/** Maps a failed connectivity check to a typed error that names the address and the fix. */
export function connectionError(settings: GraphSettings, error: unknown): Error {
  const code = error instanceof Neo4jError ? error.code : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (AUTH_FAILURE_CODES.has(code)) {
    return new ConfigError(
      "NEO4J_PASSWORD",
      `was rejected by Neo4j at ${settings.uri} for user "${settings.user}" (${detail}); ` +
        "set NEO4J_USER and NEO4J_PASSWORD to the server's credentials",
    );
  }
  if (code === "Neo.ClientError.Database.DatabaseNotFound") {
    return new ConfigError(
      "NEO4J_DATABASE",
      `names database "${settings.database}", which Neo4j at ${settings.uri} does not have (${detail})`,
    );
  }
  return new ServiceUnavailableError(
    "neo4j",
    `cannot connect to ${settings.uri} (${detail})`,
    "Start the local stack with `sightline stack up`, or set NEO4J_URI to the address of a running Neo4j 5.26+.",
  );
}

class DriverGraph implements Graph {
  constructor(
    private readonly driver: Driver,
    readonly uri: string,
    readonly database: string,
  ) {}

  async read<Row>(cypher: string, params: CypherParams = {}): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(cypher, toCypherValue(params) as CypherParams));
      return rowsOf<Row>(result);
    } finally {
      await session.close();
    }
  }

  write<Row>(cypher: string, params: CypherParams = {}): Promise<WriteResult<Row>> {
    return this.writeTransaction((tx) => tx.run<Row>(cypher, params));
  }

  writeAll(queries: readonly CypherQuery[]): Promise<WriteCounters> {
    return this.writeTransaction(async (tx) => {
      const total = emptyCounters();
      for (const query of queries) addCounters(total, (await tx.run(query.cypher, query.params)).counters);
      return total;
    });
  }

  async writeTransaction<T>(work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => work(wrapTransaction(tx)));
    } finally {
      await session.close();
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

function wrapTransaction(tx: ManagedTransaction): GraphTransaction {
  return {
    async run<Row>(cypher: string, params: CypherParams = {}): Promise<WriteResult<Row>> {
      const result = await tx.run(cypher, toCypherValue(params) as CypherParams);
      return { rows: rowsOf<Row>(result), counters: countersOf(result.summary.counters.updates()) };
    },
  };
}

function rowsOf<Row>(result: QueryResult): Row[] {
  return result.records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const key of record.keys) row[String(key)] = fromCypherValue(record.get(key));
    return row as Row;
  });
}

function emptyCounters(): WriteCounters {
  return {
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
    labelsAdded: 0,
  };
}

function countersOf(updates: ReturnType<QueryStatistics["updates"]>): WriteCounters {
  return {
    nodesCreated: updates.nodesCreated,
    nodesDeleted: updates.nodesDeleted,
    relationshipsCreated: updates.relationshipsCreated,
    relationshipsDeleted: updates.relationshipsDeleted,
    propertiesSet: updates.propertiesSet,
    labelsAdded: updates.labelsAdded,
  };
}

export function addCounters(total: WriteCounters, more: WriteCounters): WriteCounters {
  for (const key of Object.keys(total) as (keyof WriteCounters)[]) total[key] += more[key];
  return total;
}

/** Parameters: whole numbers become Cypher INTEGERs; arrays and plain objects are converted element by element. */
export function toCypherValue(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherValue);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherValue(v)]));
  }
  return value;
}

/** Results: Integers become numbers, graph entities their properties, temporal values ISO-8601 strings. */
export function fromCypherValue(value: unknown): unknown {
  // Strings, numbers, booleans, lists and maps make up nearly all of a result (sensitiveDataReach returns ~1,000 path
  // rows): they skip the driver's type tests, each of which reads a marker property of the value.
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromCypherValue);
  if (Object.getPrototypeOf(value) === Object.prototype) return entriesFromCypher(value);
  if (isInt(value)) return value.toNumber();
  if (isNode(value) || isRelationship(value)) return fromCypherValue(value.properties);
  if (
    isDateTime(value) ||
    isDate(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  return entriesFromCypher(value);
}

function entriesFromCypher(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fromCypherValue(v);
  return out;
}
