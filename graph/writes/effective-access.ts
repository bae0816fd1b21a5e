/**
 * Stores the access engine's result for one account as derived edges: (Principal)-[:CAN_ACCESS]->(Bucket) per access
 * level and (Principal)-[:CAN_ASSUME]->(Role). Each edge carries the `accountId` of the analysis that produced it, and
 * a new analysis replaces all of that account's edges at once.
 *
 * Most audits find access unchanged, so the input's hash is kept on the Account (`effectiveAccessHash`) with the
 * number of edges written (`effectiveAccessEdgeCount`); when both still match, nothing is written. The edge count
 * catches edges lost since (a bucket or principal deleted and re-created by an inventory write).
 *
 * The same write derives the buckets' Macie-style `effectivePublicAccess` and `sharedAccess` from the new edges.
 *
 * An organisation's analysis can hold millions of edges, so the write is cut into transactions of EDGE_CHUNK rows and
 * is not atomic. It is safe to re-run after a crash: the stored hash is cleared first and stamped only after the last
 * chunk, so a write that stopped half-way never matches and the next one replaces everything again.
 */
import type {
  AccessGrant,
  AssumeEdge,
  EffectiveAccess,
  PrincipalKind,
  StatementRef,
} from "../../services/access/effective-access.js";
import type { ConditionBlock } from "../../services/access/policy-document.js";
import { type CypherQuery, cypher } from "../cypher.js";
import { type Graph, type WriteCounters, addCounters } from "../driver.js";
import { createHash } from "node:crypto";
import { canonicalJson } from "../json.js";
import { arnAccountId } from "./inventory.js";

/** Rows per write transaction: large enough to amortise round trips, small enough to bound the server's memory. */
export const EDGE_CHUNK = 20_000;

const KIND_ORDER: readonly PrincipalKind[] = [
  "AccountRoot",
  "User",
  "Group",
  "Role",
  "ExternalAccount",
  "Public",
  "AuthenticatedUsers",
  "Service",
  "Federated",
];

/** The node key graph/MODEL.md gives a principal: `*` for everyone, `service:<name>` for AWS services. */
export function principalKey(kind: PrincipalKind, arn: string): string {
  if (kind === "Public") return "*";
  if (kind === "Service" && !arn.startsWith("service:")) return `service:${arn}`;
  return arn;
}

function principalName(kind: PrincipalKind, key: string): string {
  if (kind === "Public") return "Everyone";
  if (kind === "Service") return key.slice("service:".length);
  if (kind === "ExternalAccount" || kind === "AccountRoot") return arnAccountId(key) ?? key;
  return key.split("/").pop() ?? key;
}

interface EdgeEvidence {
  conditional: boolean;
  conditions: ConditionBlock[];
  via: StatementRef[];
}

/** Duplicate edges (same ends, same level) merge: unconditional if any is, with the union of conditions and sources. */
function mergeEvidence<T extends EdgeEvidence>(a: T, b: T): T {
  return {
    ...a,
    conditional: a.conditional && b.conditional,
    conditions: [...a.conditions, ...b.conditions],
    via: [...a.via, ...b.via],
  };
}

function byKey<T>(items: readonly T[], key: (item: T) => string, merge: (a: T, b: T) => T): [string, T][] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const seen = map.get(k);
    map.set(k, seen === undefined ? item : merge(seen, item));
  }
  return [...map.entries()].sort(([a], [b]) => compare(a, b));
}

/** Code-unit order, independent of locale, so that hashes are stable across machines. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface PrincipalRow {
  arn: string;
  props: { name: string; kind: PrincipalKind; accountId: string | null };
}

export interface EffectiveAccessRows {
  principals: Partial<Record<PrincipalKind, PrincipalRow[]>>;
  grants: { principalArn: string; bucketArn: string; level: string; props: Record<string, unknown> }[];
  assumes: { fromArn: string; toRoleArn: string; props: Record<string, unknown> }[];
  /** Policies the engine could not parse, kept on the Account so that a reader knows the analysis is partial. */
  skippedPoliciesJson: string | null;
}

/** Normalised, de-duplicated and sorted rows: equal inputs in any order give equal rows, hence equal hashes. */
export function effectiveAccessRows(access: EffectiveAccess): EffectiveAccessRows {
  const principals: EffectiveAccessRows["principals"] = {};
  const seen = new Set<string>();
  const addPrincipal = (kind: PrincipalKind, arn: string): string => {
    const key = principalKey(kind, arn);
    if (!seen.has(key)) {
      seen.add(key);
      (principals[kind] ??= []).push({
        arn: key,
        props: { name: principalName(kind, key), kind, accountId: arnAccountId(key) },
      });
    }
    return key;
  };
  const grants = byKey<AccessGrant>(
    access.grants,
    (g) => `${principalKey(g.principalKind, g.principalArn)} ${g.bucketArn} ${g.level}`,
    (a, b) => ({
      ...mergeEvidence(a, b),
      actions: [...a.actions, ...b.actions],
      deniedWhen: [...(a.deniedWhen ?? []), ...(b.deniedWhen ?? [])],
    }),
  ).map(([, g]) => ({
    principalArn: addPrincipal(g.principalKind, g.principalArn),
    bucketArn: g.bucketArn,
    level: g.level,
    props: {
      actions: [...new Set(g.actions)].sort(),
      conditional: g.conditional,
      conditionsJson: canonicalJson(g.conditions),
      deniedWhenJson: g.deniedWhen === undefined || g.deniedWhen.length === 0 ? null : canonicalJson(g.deniedWhen),
      viaJson: canonicalJson(g.via),
    },
  }));
  const assumes = byKey<AssumeEdge>(
    access.assumes,
    (e) => `${principalKey(e.fromKind, e.fromArn)} ${e.toRoleArn}`,
    mergeEvidence,
  ).map(([, e]) => ({
    fromArn: addPrincipal(e.fromKind, e.fromArn),
    toRoleArn: e.toRoleArn,
    props: { conditional: e.conditional, conditionsJson: canonicalJson(e.conditions), viaJson: canonicalJson(e.via) },
  }));
  for (const rows of Object.values(principals)) rows.sort((a, b) => compare(a.arn, b.arn));
  const skipped = [...(access.skipped ?? [])].sort((a, b) => compare(a.policyId, b.policyId));
  return { principals, grants, assumes, skippedPoliciesJson: skipped.length === 0 ? null : canonicalJson(skipped) };
}

/**
 * The sha256 of `canonicalJson(rows)`, fed row by row: one JSON string of millions of rows would exceed V8's string
 * limit. The text hashed is the same, so hashes stored by earlier versions still match.
 */
export function effectiveAccessHash(rows: EffectiveAccessRows): string {
  const hash = createHash("sha256");
  const list = (name: string, items: readonly unknown[]): void => {
    hash.update(`${JSON.stringify(name)}:[`);
    items.forEach((item, i) => hash.update(i === 0 ? canonicalJson(item) : `,${canonicalJson(item)}`));
    hash.update("],");
  };
  hash.update("{");
  list("assumes", rows.assumes);
  list("grants", rows.grants);
  hash.update(`"principals":${canonicalJson(rows.principals)},`);
  hash.update(`"skippedPoliciesJson":${canonicalJson(rows.skippedPoliciesJson)}}`);
  return hash.digest("hex");
}

export function buildEffectiveAccessCheck(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      RETURN a.effectiveAccessHash AS hash,
             a.effectiveAccessEdgeCount AS storedEdgeCount,
             COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
             COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() } AS edgeCount`,
    params: { accountId },
  };
}

/** Clears the stored hash before anything is replaced, so that a write stopped half-way is never taken as current. */
export function buildEffectiveAccessInvalidation(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      SET a.effectiveAccessHash = null`,
    params: { accountId },
  };
}

/**
 * Deletes up to `limit` of the account's edges of one type (run until it deletes none), returning the principals that
 * had them, so that those left with no relationship at all (grantees that only a policy named: `*`, other accounts,
 * services) can be deleted after. An audited account's principals keep their HAS_PRINCIPAL edge, so never go here.
 */
export function buildEdgeRemoval(accountId: string, type: "CAN_ACCESS" | "CAN_ASSUME", limit: number): CypherQuery {
  return {
    cypher: cypher`
      MATCH (p:Principal)-[r:${type} {accountId: $accountId}]->()
      WITH p, r LIMIT $limit
      DELETE r
      RETURN p.arn AS arn, count(r) AS deleted`,
    params: { accountId, limit },
  };
}

function buildPrincipalWrites(rows: EffectiveAccessRows): CypherQuery[] {
  const principalQueries = KIND_ORDER.flatMap((kind) => {
    const principals = rows.principals[kind];
    if (principals === undefined) return [];
    return [
      {
        cypher: cypher`
          UNWIND $rows AS row
          MERGE (p:Principal {arn: row.arn})
          ON CREATE SET p:${kind}, p += row.props`,
        params: { rows: principals },
      },
    ];
  });
  const externalAccounts = (rows.principals.ExternalAccount ?? []).flatMap((p) => p.props.accountId ?? []);
  if (externalAccounts.length === 0) return principalQueries;
  return [
    ...principalQueries,
    {
      // Accounts seen only as grantees; an audit of the account later sets external = false.
      cypher: cypher`
        UNWIND $accountIds AS accountId
        MERGE (a:Account {accountId: accountId})
        ON CREATE SET a.external = true`,
      params: { accountIds: externalAccounts },
    },
  ];
}

/**
 * CREATE, not MERGE: the rows are de-duplicated and the account's old edges are gone, so MERGE would only add a
 * search, and Neo4j plans it as a seek on the CAN_ACCESS(accountId) index filtered by both ends, which scans every
 * edge of the account written so far (quadratic in the number of edges).
 */
export function buildGrantEdges(accountId: string, grants: EffectiveAccessRows["grants"]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MATCH (p:Principal {arn: row.principalArn})
      MATCH (b:Bucket {arn: row.bucketArn})
      CREATE (p)-[r:CAN_ACCESS {accountId: $accountId, level: row.level}]->(b)
      SET r += row.props`,
    params: { accountId, rows: grants },
  };
}

export function buildAssumeEdges(accountId: string, assumes: EffectiveAccessRows["assumes"]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MATCH (p:Principal {arn: row.fromArn})
      MATCH (role:Principal {arn: row.toRoleArn})
      WHERE role:Role
      CREATE (p)-[r:CAN_ASSUME {accountId: $accountId}]->(role)
      SET r += row.props`,
    params: { accountId, rows: assumes },
  };
}

/** The last statement: only a write that got this far is recognised as current by the next one. */
export function buildEffectiveAccessStamp(accountId: string, hash: string, skippedPoliciesJson: string | null): CypherQuery {
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      SET a.effectiveAccessHash = $hash,
          a.effectiveAccessSkippedPoliciesJson = $skippedPoliciesJson,
          a.effectiveAccessEdgeCount = COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
                                       COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() }`,
    params: { accountId, hash, skippedPoliciesJson },
  };
}

/**
 * The replacing write's statements, in order, with every edge in one statement: writeEffectiveAccess runs the
 * removals until they delete nothing and cuts the two edge statements into chunks of EDGE_CHUNK rows.
 */
export function buildEffectiveAccessWrite(accountId: string, rows: EffectiveAccessRows, hash: string): CypherQuery[] {
  return [
    buildEffectiveAccessInvalidation(accountId),
    buildEdgeRemoval(accountId, "CAN_ACCESS", EDGE_CHUNK),
    buildEdgeRemoval(accountId, "CAN_ASSUME", EDGE_CHUNK),
    ...buildPrincipalWrites(rows),
    buildGrantEdges(accountId, rows.grants),
    buildAssumeEdges(accountId, rows.assumes),
    buildEffectiveAccessStamp(accountId, hash, rows.skippedPoliciesJson),
  ];
}

export function buildGranteeCleanup(arns: readonly string[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $arns AS arn
      MATCH (p:Principal {arn: arn})
      WHERE NOT EXISTS { (p)--() }
      DELETE p`,
    params: { arns: [...arns] },
  };
}

/**
 * Macie's bucket-level summary of access: PUBLIC when everyone (or any AWS user) may reach the bucket without
 * conditions, UNKNOWN when only conditionally or when the bucket's settings could not be read; EXTERNAL when a
 * principal of another account may reach it. Written only where the value changes.
 */
export function buildBucketAccessSummary(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
      WITH b,
           EXISTS { (p:Principal)-[r:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND NOT r.conditional } AS isPublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] } AS maybePublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.accountId IS NOT NULL AND p.accountId <> $accountId } AS isShared
      WITH b,
           CASE WHEN isPublic THEN 'PUBLIC' WHEN maybePublic OR b.errorCode IS NOT NULL THEN 'UNKNOWN' ELSE 'NOT_PUBLIC' END AS publicAccess,
           CASE WHEN isShared THEN 'EXTERNAL' ELSE 'NOT_SHARED' END AS sharedAccess
      WHERE b.effectivePublicAccess IS NULL OR b.effectivePublicAccess <> publicAccess
         OR b.sharedAccess IS NULL OR b.sharedAccess <> sharedAccess
      SET b.effectivePublicAccess = publicAccess, b.sharedAccess = sharedAccess`,
    params: { accountId },
  };
}

/** One transaction per chunk: the driver may retry a chunk, and a retried transaction starts from nothing. */
async function writeInChunks<Row>(
  graph: Graph,
  total: WriteCounters,
  rows: readonly Row[],
  build: (chunk: Row[]) => CypherQuery,
): Promise<void> {
  for (let start = 0; start < rows.length; start += EDGE_CHUNK) {
    const query = build(rows.slice(start, start + EDGE_CHUNK));
    addCounters(total, (await graph.write(query.cypher, query.params)).counters);
  }
}

export interface EffectiveAccessWriteSummary {
  /** True when the input matched the stored hash and edge count, so the edges were left as they were. */
  skipped: boolean;
  counters: WriteCounters;
}

export async function writeEffectiveAccess(
  graph: Graph,
  accountId: string,
  access: EffectiveAccess,
): Promise<EffectiveAccessWriteSummary> {
  const rows = effectiveAccessRows(access);
  const hash = effectiveAccessHash(rows);
  const check = buildEffectiveAccessCheck(accountId);
  const [stored] = await graph.read<{ hash: string | null; storedEdgeCount: number | null; edgeCount: number }>(
    check.cypher,
    check.params,
  );
  const summary = buildBucketAccessSummary(accountId);
  if (stored !== undefined && stored.hash === hash && stored.storedEdgeCount === stored.edgeCount) {
    const { counters } = await graph.write(summary.cypher, summary.params);
    return { skipped: true, counters };
  }
  const invalidation = buildEffectiveAccessInvalidation(accountId);
  const { counters } = await graph.write(invalidation.cypher, invalidation.params);
  const grantees = new Set<string>();
  for (const type of ["CAN_ACCESS", "CAN_ASSUME"] as const) {
    const removal = buildEdgeRemoval(accountId, type, EDGE_CHUNK);
    for (;;) {
      const removed = await graph.write<{ arn: string; deleted: number }>(removal.cypher, removal.params);
      addCounters(counters, removed.counters);
      for (const { arn } of removed.rows) grantees.add(arn);
      if (removed.counters.relationshipsDeleted < EDGE_CHUNK) break;
    }
  }
  addCounters(counters, await graph.writeAll(buildPrincipalWrites(rows)));
  await writeInChunks(graph, counters, rows.grants, (chunk) => buildGrantEdges(accountId, chunk));
  await writeInChunks(graph, counters, rows.assumes, (chunk) => buildAssumeEdges(accountId, chunk));
  const stamp = buildEffectiveAccessStamp(accountId, hash, rows.skippedPoliciesJson);
  addCounters(counters, await graph.writeAll([stamp, summary, buildGranteeCleanup([...grantees])]));
  return { skipped: false, counters };
}
