/**
 * What one authorization request looks like to the engine: who asks (RequestPrincipal), for what (action, resource,
 * context keys), and every policy that applies (EvaluationContext). Built by callers from an AccountInventory
 * (see effective-access/) or by hand in tests and explainAccess.
 */
import type { Acl, ObjectAclFacts, ObjectOwnership, PublicAccessBlock } from "../../aws/inventory.js";
import type { ContextInput, RequestContextKeys } from "../condition/context.js";
import type { CompiledPolicy } from "../policy/normalize.js";

export type RequestPrincipalKind =
  /** An IAM user of `accountId`. */
  | "User"
  /** A session of the IAM role `arn` (`sessionArn` when the session name is known). */
  | "Role"
  /** The root user of `accountId`; for another account, whatever that account's administrators allow. */
  | "AccountRoot"
  /** Any signed-in principal of an account not otherwise named (ACL group AuthenticatedUsers, Principal "*"). */
  | "AuthenticatedUser"
  /** An unsigned request. */
  | "Anonymous"
  /** An AWS service principal such as cloudtrail.amazonaws.com (`arn` holds the service name). */
  | "Service"
  /** A web-identity or SAML federated caller (`arn` holds the provider, e.g. cognito-identity.amazonaws.com). */
  | "Federated";

export interface RequestPrincipal {
  kind: RequestPrincipalKind;
  arn: string;
  /** Null for Anonymous, Service, Federated and AuthenticatedUser. */
  accountId: string | null;
  sessionArn?: string;
  /** The canonical user ID of the principal's account, when known (ACL grants name accounts this way). */
  canonicalId?: string;
}

export interface AccessRequest {
  principal: RequestPrincipal;
  action: string;
  /** An exact ARN, e.g. arn:aws:s3:::bucket/key, or arn:aws:s3:::bucket/* together with `anyObject`. */
  resource: string;
  /** Ask about any object in the bucket (no key given): Allows on part of the keys count, Denies must cover all. */
  anyObject?: boolean;
  context?: ContextInput;
  /** A prebuilt context (bulk evaluation reuses one per principal); wins over `context`. */
  contextKeys?: RequestContextKeys;
  /** When true, keys absent from `context` are absent; when false (default) they are unknown. */
  contextComplete?: boolean;
  /** Lower-cased key prefixes fully described by `context` (e.g. "aws:principaltag/"). */
  contextCompletePrefixes?: string[];
}

/** SSE-KMS: reading needs kms:Decrypt, writing kms:GenerateDataKey, on the key, under its key policy. */
export interface KmsKeyContext {
  keyArn: string;
  /**
   * The key policy, followed by one statement per KMS grant (see kms-grants.ts). Null when the key policy could not
   * be collected: the key is then not assumed to block.
   */
  keyPolicy: CompiledPolicy | null;
  /** DescribeKey's KeyState when known: a key that is not "Enabled" (Disabled, PendingDeletion...) decrypts for nobody. */
  keyState?: string;
}

export interface AclContext {
  bucketAcl: Acl | null;
  /** The object's ACL when asking about one object; unknown (null) for bucket-wide questions. */
  objectAcl?: Acl | null;
  /**
   * The surveyed object ACLs that grant beyond the bucket owner (BucketFacts.objectAcls.objects), for bucket-wide
   * questions: a grant in one of them is access to part of the bucket.
   */
  objectAcls?: readonly ObjectAclFacts[];
  ownership: ObjectOwnership | null;
  /** Canonical user ID -> account ID, for grants that name accounts. */
  canonicalAccounts?: Readonly<Record<string, string>>;
}

export interface EvaluationContext {
  /** "unrestricted" for an account root, or for principals of other accounts whose policies are not collected. */
  identityPolicies: CompiledPolicy[] | "unrestricted";
  permissionsBoundary?: CompiledPolicy | null;
  sessionPolicy?: CompiledPolicy | null;
  /** SCPs from the root to the principal's account, one array per level; omit when they do not apply. */
  serviceControlPolicies?: CompiledPolicy[][];
  /** RCPs from the root to the resource's account, one array per level; omit when they do not apply. */
  resourceControlPolicies?: CompiledPolicy[][];
  resourceAccountId: string;
  /** Bucket policy, trust policy or key policy. */
  resourcePolicy?: CompiledPolicy | null;
  /**
   * Whether the whole bucket policy is public (rule 9), when `resourcePolicy` holds only part of it (bulk evaluation
   * narrows it to the statements of one action); computed from `resourcePolicy` when omitted.
   */
  resourcePolicyIsPublic?: boolean;
  /**
   * Identity grants alone are not enough in the resource's own account (KMS key policies, role trust policies):
   * the resource policy must name the principal or delegate to its account.
   */
  resourcePolicyRequired?: boolean;
  acl?: AclContext;
  /** Effective Block Public Access: the OR of the bucket's and the account's settings. */
  blockPublicAccess?: PublicAccessBlock | null;
  kms?: KmsKeyContext;
  /** Identity statements for kms:Decrypt / kms:GenerateDataKey when `identityPolicies` was narrowed to S3 ones. */
  kmsIdentityPolicies?: CompiledPolicy[] | "unrestricted";
  /** Skip building human-readable trace messages (bulk computation). */
  withoutTrace?: boolean;
}
