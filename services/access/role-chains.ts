/**
 * Role chains: CAN_ASSUME edges are one hop; a role session can assume further roles, so reachability is their
 * transitive closure. Paths are kept (shortest first) so that a query can show how a principal reaches a role.
 */
import type { AssumeEdge } from "./effective-access.js";

export interface RoleChain {
  roleArn: string;
  /** The edges from the starting principal to `roleArn`, in order. */
  path: AssumeEdge[];
  /** True when any hop is conditional. */
  conditional: boolean;
}

/** Every role `fromArn` can reach through one or more assumptions (breadth-first: shortest path per role). */
export function reachableRoles(assumes: readonly AssumeEdge[], fromArn: string, maxHops = 10): RoleChain[] {
  const outgoing = new Map<string, AssumeEdge[]>();
  for (const e of assumes) outgoing.set(e.fromArn, [...(outgoing.get(e.fromArn) ?? []), e]);
  const reached = new Map<string, RoleChain>();
  let frontier: Array<{ arn: string; path: AssumeEdge[] }> = [{ arn: fromArn, path: [] }];
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: typeof frontier = [];
    for (const { arn, path } of frontier) {
      for (const edge of outgoing.get(arn) ?? []) {
        if (edge.toRoleArn === fromArn || reached.has(edge.toRoleArn)) continue;
        const chain = [...path, edge];
        reached.set(edge.toRoleArn, { roleArn: edge.toRoleArn, path: chain, conditional: chain.some((e) => e.conditional) });
        next.push({ arn: edge.toRoleArn, path: chain });
      }
    }
    frontier = next;
  }
  return [...reached.values()];
}
