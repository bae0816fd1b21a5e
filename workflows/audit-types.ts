/**
 * Inputs, outputs and progress of the audit workflow. Kept free of imports so that the workflow sandbox, activities,
 * the client and the API all share them without pulling I/O code into the workflow bundle.
 */

export interface AuditInput {
  /** Objects per bucket to classify at most in one run (sampling); undefined = all changed objects. */
  maxObjectsPerBucket?: number;
  /** Buckets to audit; undefined = every bucket in the account. */
  buckets?: string[];
  /** Classify object contents (true) or only inventory and access (false). */
  classify?: boolean;
}

export type AuditPhase = "STARTING" | "COLLECTING" | "INVENTORYING" | "CLASSIFYING" | "FINISHING" | "DONE" | "FAILED";

export interface AuditStats {
  accountId: string | null;
  buckets: number;
  bucketsWithErrors: number;
  principals: number;
  objects: number;
  bytes: number;
  objectsClassified: number;
  objectsUnchanged: number;
  objectsUnclassifiable: number;
  sensitiveObjects: number;
  accessGrants: number;
  postureFindings: number;
  errors: number;
}

export interface AuditProgress {
  phase: AuditPhase;
  bucketsTotal: number;
  bucketsDone: number;
  currentBuckets: string[];
  stats: AuditStats;
}

export interface CollectedAccount {
  accountId: string;
  buckets: Array<{ name: string; errorCodes: string[] }>;
  principals: number;
  accessGrants: number;
  postureFindings: number;
  errors: number;
}

export interface BucketInventoryResult {
  objects: number;
  bytes: number;
}

export interface BucketClassificationResult {
  classified: number;
  unclassifiable: number;
  sensitiveObjects: number;
  errors: number;
}

export const AUDIT_WORKFLOW_TYPE = "auditAccount";
export const PROGRESS_QUERY = "progress";

export function emptyStats(): AuditStats {
  return {
    accountId: null,
    buckets: 0,
    bucketsWithErrors: 0,
    principals: 0,
    objects: 0,
    bytes: 0,
    objectsClassified: 0,
    objectsUnchanged: 0,
    objectsUnclassifiable: 0,
    sensitiveObjects: 0,
    accessGrants: 0,
    postureFindings: 0,
    errors: 0,
  };
}
