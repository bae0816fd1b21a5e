/**
 * S3 Block Public Access. The effective setting is the OR of the bucket's and the account's. IgnorePublicAcls and
 * RestrictPublicBuckets change evaluation (see evaluate/decision.ts and acl.ts); BlockPublicAcls and
 * BlockPublicPolicy only refuse future changes, so they are posture, not evaluation.
 */
import type { PublicAccessBlock } from "../aws/inventory.js";

export function effectiveBlockPublicAccess(bucket: PublicAccessBlock | null, account: PublicAccessBlock | null): PublicAccessBlock {
  return {
    blockPublicAcls: Boolean(bucket?.blockPublicAcls || account?.blockPublicAcls),
    ignorePublicAcls: Boolean(bucket?.ignorePublicAcls || account?.ignorePublicAcls),
    blockPublicPolicy: Boolean(bucket?.blockPublicPolicy || account?.blockPublicPolicy),
    restrictPublicBuckets: Boolean(bucket?.restrictPublicBuckets || account?.restrictPublicBuckets),
  };
}
