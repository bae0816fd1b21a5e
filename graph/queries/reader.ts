/**
 * The read side of the graph as the query modules see it. graph/driver.ts's `Graph` satisfies this; tests and the
 * API depend only on this interface so that they never open a driver themselves.
 */
export interface GraphReader {
  /** Runs a read-only, parameterised Cypher query and returns each record as a plain object keyed by column. */
  read<T>(cypher: string, params: Record<string, unknown>): Promise<T[]>;
}

/** A query ready to run: pure builders return these so that tests can pin the exact Cypher and parameters. */
export interface CypherQuery {
  cypher: string;
  params: Record<string, unknown>;
}
