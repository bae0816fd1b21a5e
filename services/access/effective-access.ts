/**
 * The derived facts the access engine produces from an AccountInventory, and that graph/ stores as
 * (Principal)-[:CAN_ASSUME]->(Role) and (Principal)-[:CAN_ACCESS]->(Bucket) edges.
 */
import type { ConditionBlock } from "./policy-document.js";

export type PrincipalKind =
  | "User"
  | "Role"
  | "Group"
  | "AccountRoot"
  | "ExternalAccount"
  | "Public"
  | "AuthenticatedUsers"
  | "Service"
  | "Federated";

export type AccessLevel = "READ" | "WRITE" | "LIST" | "PERMISSIONS";

/** A statement that contributes to an edge: which policy, which statement in it. */
export interface StatementRef {
  /** Policy ARN for managed policies; "<ownerArn>#inline/<name>" for inline; "<bucketArn>#policy"; "<roleArn>#trust". */
  policyId: string;
  /** Sid when present, else the statement index as a string. */
  sid: string;
  index: number;
  effect: "Allow" | "Deny";
  /** Source kind: identity policy, bucket policy, ACL grant, trust policy, key policy (KMS grants too), access point policy... */
  source: "identity" | "bucket-policy" | "access-point-policy" | "acl" | "trust" | "key-policy" | "boundary" | "scp" | "rcp";
}

export interface AccessGrant {
  principalArn: string;
  principalKind: PrincipalKind;
  bucketArn: string;
  level: AccessLevel;
  /** The concrete S3 actions granted at this level, e.g. ["s3:GetObject", "s3:GetObjectVersion"]. */
  actions: string[];
  /** True when the grant depends on conditions whose context is unknown at analysis time. */
  conditional: boolean;
  conditions: ConditionBlock[];
  via: StatementRef[];
  /** Conditions of Deny statements that remove this access whenever they hold (their statements are in `via`). */
  deniedWhen?: ConditionBlock[];
}

export interface AssumeEdge {
  fromArn: string;
  fromKind: PrincipalKind;
  toRoleArn: string;
  conditional: boolean;
  conditions: ConditionBlock[];
  via: StatementRef[];
}

/** A policy the engine could not parse: recorded and left out of the analysis, never fatal. */
export interface SkippedPolicy {
  policyId: string;
  reason: string;
}

export interface EffectiveAccess {
  grants: AccessGrant[];
  assumes: AssumeEdge[];
  skipped?: SkippedPolicy[];
}

/**
 * One chunk of a streamed computation (streamEffectiveAccess). Concatenating the arrays of every batch gives
 * computeEffectiveAccess's result. Guarantees for writers:
 * - all the grants of one principal are in one batch, and each (principal, bucket, level) appears once;
 * - batches come in the same order for the same inventory, whatever the number of worker threads, so a running
 *   hash over them is stable;
 * - `skipped` is filled in the first batch only, `assumes` in the last batch only.
 * Grants may share their `actions`, `conditions` and `via` arrays and their StatementRef and ConditionBlock objects
 * with other grants: treat them as read-only.
 */
export interface EffectiveAccessBatch {
  grants: AccessGrant[];
  assumes: AssumeEdge[];
  skipped: SkippedPolicy[];
}
