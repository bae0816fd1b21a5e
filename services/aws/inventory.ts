/**
 * What the collectors read from one AWS account: the raw facts, before any judgement. Collectors (services/aws)
 * produce these; graph/ stores them; services/access and services/findings reason over them.
 * Names follow the S3 and IAM APIs so that a reader can map each field to the call it came from.
 */
import type { PolicyDocument } from "../access/policy-document.js";

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";

export interface AclGrant {
  grantee:
    | { type: "CanonicalUser"; id: string; displayName?: string }
    | { type: "Group"; uri: string }
    | { type: "AmazonCustomerByEmail"; email: string };
  permission: "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP" | "FULL_CONTROL";
}

export interface Acl {
  ownerCanonicalId: string | null;
  grants: AclGrant[];
}

export interface DefaultEncryption {
  /** NONE when the bucket has no default encryption configuration. */
  type: "NONE" | "AES256" | "aws:kms" | "aws:kms:dsse";
  kmsKeyArn?: string;
  bucketKeyEnabled?: boolean;
}

export interface ReplicationRule {
  id: string | null;
  status: "Enabled" | "Disabled";
  destinationBucketArn: string;
  /** The destination account when the rule names one (cross-account replication). */
  destinationAccountId: string | null;
}

/** An AWS call that failed for this resource. Recorded, never fatal to a run. */
export interface CollectionError {
  operation: string;
  code: string;
  message: string;
  resource?: string;
}

export interface BucketFacts {
  name: string;
  arn: string;
  region: string;
  createdAt: string | null;
  policy: PolicyDocument | null;
  /** The policy text as AWS returned it, kept so that findings can quote it. */
  policyJson: string | null;
  acl: Acl | null;
  publicAccessBlock: PublicAccessBlock | null;
  ownership: ObjectOwnership | null;
  encryption: DefaultEncryption;
  versioning: "Enabled" | "Suspended" | "Disabled";
  replication: ReplicationRule[];
  tags: Record<string, string>;
  websiteEnabled: boolean;
  loggingTargetBucket: string | null;
  /** Errors met while collecting this bucket, e.g. AccessDenied on GetBucketPolicy. */
  errors: CollectionError[];
}

export interface ObjectFacts {
  bucket: string;
  key: string;
  size: number;
  storageClass: string;
  etag: string;
  lastModified: string;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface IamUser {
  arn: string;
  name: string;
  id: string;
  path: string;
  groupNames: string[];
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: Record<string, string>;
}

export interface IamGroup {
  arn: string;
  name: string;
  id: string;
  path: string;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
}

export interface IamRole {
  arn: string;
  name: string;
  id: string;
  path: string;
  trustPolicy: PolicyDocument;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn: string | null;
  tags: Record<string, string>;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** The default version's document. */
  document: PolicyDocument;
  awsManaged: boolean;
}

export interface IamFacts {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  policies: ManagedPolicy[];
}

export interface KmsKeyFacts {
  arn: string;
  keyPolicy: PolicyDocument | null;
}

/** One account's inventory, minus object listings (those stream per bucket, see listObjects). */
export interface AccountInventory {
  accountId: string;
  region: string;
  collectedAt: string;
  accountPublicAccessBlock: PublicAccessBlock | null;
  buckets: BucketFacts[];
  iam: IamFacts;
  kmsKeys: KmsKeyFacts[];
  errors: CollectionError[];
}
