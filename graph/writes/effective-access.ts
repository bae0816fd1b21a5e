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
import { canonicalJson, sha256 } from "../json.js";
import { arnAccountId } from "./inventory.js";

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

export function effectiveAccessHash(rows: EffectiveAccessRows): string {
  return sha256(canonicalJson(rows));
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

/**
 * The replacing write, in order; the first statement returns the principals that had edges, so that those left with
 * no relationship at all (grantees that only a policy named: `*`, other accounts, services) can be deleted after.
 * An audited account's principals always keep their HAS_PRINCIPAL edge, so they are never deleted here.
 */
export function buildEffectiveAccessWrite(accountId: string, rows: EffectiveAccessRows, hash: string): CypherQuery[] {
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
  return [
    {
      cypher: cypher`
        OPTIONAL MATCH (p:Principal)-[r:CAN_ACCESS {accountId: $accountId}]->()
        WITH collect(r) AS access, collect(DISTINCT p.arn) AS fromAccess
        OPTIONAL MATCH (p:Principal)-[r:CAN_ASSUME {accountId: $accountId}]->()
        WITH access, fromAccess, collect(r) AS assume, collect(DISTINCT p.arn) AS fromAssume
        FOREACH (r IN access + assume | DELETE r)
        RETURN fromAccess + [arn IN fromAssume WHERE NOT arn IN fromAccess] AS grantees`,
      params: { accountId },
    },
    ...principalQueries,
    ...(externalAccounts.length === 0
      ? []
      : [
          {
            // Accounts seen only as grantees; an audit of the account later sets external = false.
            cypher: cypher`
              UNWIND $accountIds AS accountId
              MERGE (a:Account {accountId: accountId})
              ON CREATE SET a.external = true`,
            params: { accountIds: externalAccounts },
          },
        ]),
    {
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (p:Principal {arn: row.principalArn})
        MATCH (b:Bucket {arn: row.bucketArn})
        MERGE (p)-[r:CAN_ACCESS {accountId: $accountId, level: row.level}]->(b)
        SET r += row.props`,
      params: { accountId, rows: rows.grants },
    },
    {
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (p:Principal {arn: row.fromArn})
        MATCH (role:Principal {arn: row.toRoleArn})
        WHERE role:Role
        MERGE (p)-[r:CAN_ASSUME {accountId: $accountId}]->(role)
        SET r += row.props`,
      params: { accountId, rows: rows.assumes },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        SET a.effectiveAccessHash = $hash,
            a.effectiveAccessSkippedPoliciesJson = $skippedPoliciesJson,
            a.effectiveAccessEdgeCount = COUNT { ()-[r:CAN_ACCESS {accountId: $accountId}]->() } +
                                         COUNT { ()-[r:CAN_ASSUME {accountId: $accountId}]->() }`,
      params: { accountId, hash, skippedPoliciesJson: rows.skippedPoliciesJson },
    },
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
  const [removal, ...rest] = buildEffectiveAccessWrite(accountId, rows, hash);
  const counters = await graph.writeTransaction(async (tx) => {
    const removed = await tx.run<{ grantees: string[] }>(removal.cypher, removal.params);
    const total = removed.counters;
    for (const query of [...rest, summary, buildGranteeCleanup(removed.rows[0]?.grantees ?? [])]) {
      addCounters(total, (await tx.run(query.cypher, query.params)).counters);
    }
    return total;
  });
  return { skipped: false, counters };
}
