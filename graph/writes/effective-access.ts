/**
 * Stores the access engine's result for one account as derived edges: (Principal)-[:CAN_ACCESS]->(Bucket) per access
 * level and (Principal)-[:CAN_ASSUME]->(Role). Each edge carries the `accountId` of the analysis that produced it.
 *
 * The engine's result arrives whole (EffectiveAccess) or streamed as EffectiveAccessBatches (streamEffectiveAccess, so
 * that an organisation's millions of grants never sit in memory at once); every grant of one principal must be in
 * the same batch, and role assumptions and skipped policies may come in any batch. Each principal's grants
 * are hashed into an (:AccessDigest) node; a principal whose digest is unchanged is left alone, a changed one has its
 * CAN_ACCESS edges of this account deleted and created again, and a principal that no longer has any grant loses its
 * edges and digest. CAN_ASSUME edges and the skipped policies are few and replaced as one group when their hash on the
 * Account (`effectiveAccessHash`) changes. Most audits find access unchanged, and then nothing is written.
 *
 * The same write derives the buckets' Macie-style `effectivePublicAccess` and `sharedAccess` from the edges.
 *
 * The write is cut into transactions of at most EDGE_CHUNK edges and is not atomic. It is safe to re-run after a crash:
 * the Account's `effectiveAccessEdgeCount` is cleared before the first change and stamped after the last, and a write
 * that finds it missing, or different from the edges present (edges lost with a deleted bucket or principal), or an
 * older `effectiveAccessVersion`, deletes all of the account's derived edges and digests and writes everything again.
 */
import type {
  AccessGrant,
  AssumeEdge,
  EffectiveAccess,
  EffectiveAccessBatch,
  PrincipalKind,
  SkippedPolicy,
  StatementRef,
} from "../../services/access/effective-access.js";
import { InvalidInputError } from "../../services/errors.js";
import type { ConditionBlock } from "../../services/access/policy-document.js";
import { type CypherQuery, cypher } from "../cypher.js";
import { type Graph, type WriteCounters, addCounters } from "../driver.js";
import { createHash } from "node:crypto";
import { canonicalJson } from "../json.js";
import { arnAccountId } from "./inventory.js";

/** Edges per write transaction: large enough to amortise round trips, small enough to bound the server's memory. */
export const EDGE_CHUNK = 20_000;

/**
 * The stored shape of derived edges and digests. A write that finds an older version on the Account replaces all of
 * the account's edges (2: per-principal digests; empty conditions stored as null).
 */
export const EFFECTIVE_ACCESS_VERSION = 2;

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

/**
 * Conditions are empty on most of millions of edges: leaving the property out keeps edges small, and readers take a
 * missing one as `[]`.
 */
function jsonOrNull(list: readonly unknown[]): string | null {
  return list.length === 0 ? null : canonicalJson(list);
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

/** The arrays of an EffectiveAccess, whichever of them a caller has at hand. */
export interface EffectiveAccessArrays {
  grants: readonly AccessGrant[];
  assumes: readonly AssumeEdge[];
  skipped?: readonly SkippedPolicy[];
}

/** Normalised, de-duplicated and sorted rows: equal inputs in any order give equal rows, hence equal hashes. */
export function effectiveAccessRows(access: EffectiveAccessArrays): EffectiveAccessRows {
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
      conditionsJson: jsonOrNull(g.conditions),
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
    props: { conditional: e.conditional, conditionsJson: jsonOrNull(e.conditions), viaJson: canonicalJson(e.via) },
  }));
  for (const rows of Object.values(principals)) rows.sort((a, b) => compare(a.arn, b.arn));
  const skipped = [...(access.skipped ?? [])].sort((a, b) => compare(a.policyId, b.policyId));
  return { principals, grants, assumes, skippedPoliciesJson: skipped.length === 0 ? null : canonicalJson(skipped) };
}

/**
 * The sha256 of `canonicalJson(rows)`, fed row by row: one JSON string of millions of rows would exceed V8's string
 * limit. writeEffectiveAccess stores it for the rows without grants (assumes, their principals, skipped policies).
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


/** Every grant of one principal, normalised, with the digest stored for it. */
export interface PrincipalGrants {
  principal: PrincipalRow;
  grants: EffectiveAccessRows["grants"];
  digest: string;
}

/**
 * One batch's grants by principal, in principal order. The digest hashes the principal's normalised grant rows, so it
 * changes exactly when one of its edges (or an edge's property) would.
 */
export function principalGrants(batch: readonly AccessGrant[]): PrincipalGrants[] {
  const rows = effectiveAccessRows({ grants: batch, assumes: [] });
  const principals = new Map(Object.values(rows.principals).flatMap((list) => list.map((p) => [p.arn, p] as const)));
  const groups: PrincipalGrants[] = [];
  for (const grant of rows.grants) {
    const last = groups.at(-1);
    if (last !== undefined && last.principal.arn === grant.principalArn) last.grants.push(grant);
    else groups.push({ principal: principals.get(grant.principalArn)!, grants: [grant], digest: "" });
  }
  for (const group of groups) group.digest = createHash("sha256").update(canonicalJson(group.grants)).digest("hex");
  return groups;
}

export function buildEffectiveAccessCheck(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      RETURN a.effectiveAccessHash AS hash,
             a.effectiveAccessVersion AS version,
             a.effectiveAccessEdgeCount AS storedEdgeCount,
             COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
             COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() } AS edgeCount`,
    params: { accountId },
  };
}

export function buildAccessDigestRead(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (d:AccessDigest {accountId: $accountId})
      RETURN d.principalArn AS arn, d.digest AS digest, d.edgeCount AS edgeCount`,
    params: { accountId },
  };
}

/** Clears the stamp before anything is replaced, so that a write stopped half-way is never taken as current. */
export function buildEffectiveAccessInvalidation(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      SET a.effectiveAccessEdgeCount = null`,
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

export function buildAllDigestsRemoval(accountId: string): CypherQuery {
  return {
    cypher: cypher`
      MATCH (d:AccessDigest {accountId: $accountId})
      DELETE d`,
    params: { accountId },
  };
}

/** The account's CAN_ACCESS edges from these principals; the caller keeps each call under EDGE_CHUNK edges. */
export function buildPrincipalGrantRemoval(accountId: string, arns: readonly string[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $arns AS arn
      MATCH (:Principal {arn: arn})-[r:CAN_ACCESS]->(:Bucket)
      WHERE r.accountId = $accountId
      DELETE r`,
    params: { accountId, arns: [...arns] },
  };
}

export function buildDigestWrite(accountId: string, digests: readonly { arn: string; digest: string; edgeCount: number }[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MERGE (d:AccessDigest {digestId: $accountId + ' ' + row.arn})
      SET d.accountId = $accountId, d.principalArn = row.arn, d.digest = row.digest, d.edgeCount = row.edgeCount`,
    params: { accountId, rows: digests.map((d) => ({ arn: d.arn, digest: d.digest, edgeCount: d.edgeCount })) },
  };
}

export function buildDigestRemoval(accountId: string, arns: readonly string[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $arns AS arn
      MATCH (d:AccessDigest {digestId: $accountId + ' ' + arn})
      DELETE d`,
    params: { accountId, arns: [...arns] },
  };
}

function buildPrincipalWrites(principals: EffectiveAccessRows["principals"]): CypherQuery[] {
  const principalQueries = KIND_ORDER.flatMap((kind) => {
    const rows = principals[kind];
    if (rows === undefined || rows.length === 0) return [];
    return [
      {
        cypher: cypher`
          UNWIND $rows AS row
          MERGE (p:Principal {arn: row.arn})
          ON CREATE SET p:${kind}, p += row.props`,
        params: { rows },
      },
    ];
  });
  const externalAccounts = (principals.ExternalAccount ?? []).flatMap((p) => p.props.accountId ?? []);
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
 * CREATE, not MERGE: the rows are de-duplicated and the principals' old edges are gone, so MERGE would only add a
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
          a.effectiveAccessVersion = $version,
          a.effectiveAccessSkippedPoliciesJson = $skippedPoliciesJson,
          a.effectiveAccessEdgeCount = COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
                                       COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() }`,
    params: { accountId, hash, version: EFFECTIVE_ACCESS_VERSION, skippedPoliciesJson },
  };
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
           // A conditional public grant is public exactly when AWS's classification calls the policy public.
           EXISTS { (p:Principal)-[r:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND (NOT r.conditional OR b.policyIsPublic = true) } AS isPublic,
           EXISTS { (p:Principal)-[:CAN_ACCESS]->(b) WHERE p.kind IN ['Public', 'AuthenticatedUsers'] AND b.policyIsPublic IS NULL } AS maybePublic,
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

/**
 * What writeEffectiveAccess takes: the engine's whole result, or its stream (services/access streamEffectiveAccess):
 * batches in which every grant of one principal stays in one batch, with `assumes` and `skipped` in any batch.
 */
export type EffectiveAccessSource = EffectiveAccess | Iterable<EffectiveAccessBatch> | AsyncIterable<EffectiveAccessBatch>;

async function* batchesOf(source: EffectiveAccessSource): AsyncGenerator<EffectiveAccessBatch> {
  if ("grants" in source) {
    yield { grants: source.grants, assumes: source.assumes, skipped: source.skipped ?? [] };
    return;
  }
  yield* source as AsyncIterable<EffectiveAccessBatch>;
}

/** Consecutive runs of `items` whose weights add up to at most `limit` (an item heavier than that goes alone). */
function chunksByWeight<T>(items: readonly T[], weight: (item: T) => number, limit: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const w = Math.max(1, weight(item));
    if (current.length > 0 && total + w > limit) {
      chunks.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += w;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface EffectiveAccessWriteSummary {
  /** True when every digest and the assume hash matched, so the edges were left as they were. */
  skipped: boolean;
  counters: WriteCounters;
  /** Principals whose CAN_ACCESS edges were written again (changed or new), and those whose edges were removed. */
  principalsWritten: number;
  principalsRemoved: number;
}

interface StoredDigest {
  digest: string;
  edgeCount: number;
}

function noCounters(): WriteCounters {
  return { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0 };
}

export async function writeEffectiveAccess(
  graph: Graph,
  accountId: string,
  source: EffectiveAccessSource,
): Promise<EffectiveAccessWriteSummary> {
  const counters = noCounters();
  const run = async <Row = Record<string, unknown>>(query: CypherQuery): Promise<Row[]> => {
    const result = await graph.write<Row>(query.cypher, query.params);
    addCounters(counters, result.counters);
    return result.rows;
  };
  const check = buildEffectiveAccessCheck(accountId);
  const [stored] = await graph.read<{ hash: string | null; version: number | null; storedEdgeCount: number | null; edgeCount: number }>(
    check.cypher,
    check.params,
  );
  const current =
    stored !== undefined &&
    stored.version === EFFECTIVE_ACCESS_VERSION &&
    stored.storedEdgeCount !== null &&
    stored.storedEdgeCount === stored.edgeCount;
  const digests = new Map<string, StoredDigest>();
  if (current) {
    const read = buildAccessDigestRead(accountId);
    for (const row of await graph.read<{ arn: string } & StoredDigest>(read.cypher, read.params)) digests.set(row.arn, row);
  }
  const grantees = new Set<string>();
  const removeAll = async (type: "CAN_ACCESS" | "CAN_ASSUME"): Promise<void> => {
    const removal = buildEdgeRemoval(accountId, type, EDGE_CHUNK);
    for (;;) {
      const before = counters.relationshipsDeleted;
      for (const { arn } of await run<{ arn: string }>(removal)) grantees.add(arn);
      if (counters.relationshipsDeleted - before < EDGE_CHUNK) break;
    }
  };
  let invalidated = false;
  const invalidate = async (): Promise<void> => {
    if (invalidated) return;
    invalidated = true;
    await run(buildEffectiveAccessInvalidation(accountId));
    if (current) return;
    await removeAll("CAN_ACCESS");
    await removeAll("CAN_ASSUME");
    await run(buildAllDigestsRemoval(accountId));
  };
  if (!current) await invalidate();

  const assumes: AssumeEdge[] = [];
  const skipped: SkippedPolicy[] = [];
  const seen = new Set<string>();
  let principalsWritten = 0;
  for await (const batch of batchesOf(source)) {
    assumes.push(...batch.assumes);
    skipped.push(...batch.skipped);
    const changed: PrincipalGrants[] = [];
    for (const group of principalGrants(batch.grants)) {
      const arn = group.principal.arn;
      if (seen.has(arn)) {
        throw new InvalidInputError(
          "grants",
          `the grants of ${arn} came in more than one batch`,
          "Stream every grant of a principal in the same batch: a principal's digest covers all of its grants.",
        );
      }
      seen.add(arn);
      if (digests.get(arn)?.digest !== group.digest) changed.push(group);
    }
    if (changed.length === 0) continue;
    await invalidate();
    principalsWritten += changed.length;
    const stale = changed.filter((g) => digests.has(g.principal.arn));
    for (const chunk of chunksByWeight(stale, (g) => digests.get(g.principal.arn)!.edgeCount, EDGE_CHUNK)) {
      await run(buildPrincipalGrantRemoval(accountId, chunk.map((g) => g.principal.arn)));
    }
    const principals: EffectiveAccessRows["principals"] = {};
    for (const { principal } of changed) (principals[principal.props.kind] ??= []).push(principal);
    for (const query of buildPrincipalWrites(principals)) await run(query);
    const rows = changed.flatMap((g) => g.grants);
    for (let start = 0; start < rows.length; start += EDGE_CHUNK) {
      await run(buildGrantEdges(accountId, rows.slice(start, start + EDGE_CHUNK)));
    }
    for (let start = 0; start < changed.length; start += EDGE_CHUNK) {
      const digestRows = changed
        .slice(start, start + EDGE_CHUNK)
        .map((g) => ({ arn: g.principal.arn, digest: g.digest, edgeCount: g.grants.length }));
      await run(buildDigestWrite(accountId, digestRows));
    }
  }

  const vanished = [...digests].filter(([arn]) => !seen.has(arn));
  if (vanished.length > 0) {
    await invalidate();
    for (const chunk of chunksByWeight(vanished, ([, d]) => d.edgeCount, EDGE_CHUNK)) {
      const arns = chunk.map(([arn]) => arn);
      await run(buildPrincipalGrantRemoval(accountId, arns));
      await run(buildDigestRemoval(accountId, arns));
      for (const arn of arns) grantees.add(arn);
    }
  }

  // Role assumptions and skipped policies come last: a stream may deliver them with its final batch.
  const groupRows = effectiveAccessRows({ grants: [], assumes, skipped });
  const groupHash = effectiveAccessHash(groupRows);
  if (!current || stored?.hash !== groupHash) {
    await invalidate();
    if (current) await removeAll("CAN_ASSUME");
    for (const query of buildPrincipalWrites(groupRows.principals)) await run(query);
    for (let start = 0; start < groupRows.assumes.length; start += EDGE_CHUNK) {
      await run(buildAssumeEdges(accountId, groupRows.assumes.slice(start, start + EDGE_CHUNK)));
    }
  }

  if (invalidated) {
    await run(buildEffectiveAccessStamp(accountId, groupHash, groupRows.skippedPoliciesJson));
    if (grantees.size > 0) await run(buildGranteeCleanup([...grantees]));
  }
  await run(buildBucketAccessSummary(accountId));
  return { skipped: !invalidated, counters, principalsWritten, principalsRemoved: vanished.length };
}
