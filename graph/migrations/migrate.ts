/**
 * Applies graph/migrations/catalog.ts at start-up. Safe to call from every process, including two starting at once:
 * each schema statement is IF NOT EXISTS and a concurrent creator's "already exists" is tolerated, and the record of a
 * migration is a MERGE on the unique Migration.version, so the second process records nothing new.
 */
import { Neo4jError } from "neo4j-driver";
import { SightlineError } from "../../services/errors.js";
import type { Graph } from "../driver.js";
import { MIGRATIONS, type Migration } from "./catalog.js";

export class MigrationFailedError extends SightlineError {
  readonly code = "MIGRATION_FAILED";
  constructor(
    readonly version: number,
    readonly statement: string,
    cause: string,
  ) {
    super(
      `graph migration ${version} failed on \`${statement}\`: ${cause}`,
      "A uniqueness constraint fails when duplicate nodes already exist: remove the duplicates, then restart.",
    );
  }
}

export interface MigrationReport {
  /** Versions this call applied; empty when the graph was already up to date. */
  applied: number[];
  /** The graph's schema version after this call. */
  version: number;
}

/** Throws when the catalog is not a gap-free sequence 1, 2, 3...: a version must never be reused or skipped. */
export function checkCatalog(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration catalog out of order: position ${i + 1} holds version ${m.version}`);
    }
  });
}

export function pendingMigrations(migrations: readonly Migration[], appliedVersions: readonly number[]): Migration[] {
  const applied = new Set(appliedVersions);
  return migrations.filter((m) => !applied.has(m.version));
}

const ALREADY_EXISTS = /^Neo\.ClientError\.Schema\.\w*AlreadyExists$/;

export async function migrate(
  graph: Graph,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => string = () => new Date().toISOString(),
): Promise<MigrationReport> {
  checkCatalog(migrations);
  const recorded = await graph.read<{ version: number }>("MATCH (m:Migration) RETURN m.version AS version");
  const pending = pendingMigrations(
    migrations,
    recorded.map((r) => r.version),
  );
  for (const migration of pending) {
    for (const statement of migration.statements) {
      try {
        await graph.write(statement);
      } catch (error) {
        if (error instanceof Neo4jError && ALREADY_EXISTS.test(error.code)) continue;
        const cause = error instanceof Error ? error.message : String(error);
        throw new MigrationFailedError(migration.version, statement, cause);
      }
    }
    await graph.write(
      "MERGE (m:Migration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = $appliedAt",
      { version: migration.version, name: migration.name, appliedAt: now() },
    );
  }
  if (pending.length > 0) {
    // New indexes populate in the background; writes that follow should already find them online.
    await graph.write("CALL db.awaitIndexes(300)");
  }
  return { applied: pending.map((m) => m.version), version: migrations.length };
}
