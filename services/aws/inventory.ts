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
  /**
   * Object ACLs read with GetObjectAcl (see ObjectAclSurvey). Null when they cannot matter (Object Ownership
   * BucketOwnerEnforced disables ACLs) or were not read; absent in inventories built before they were collected.
   */
  objectAcls?: ObjectAclSurvey | null;
}

/** One object's ACL, kept when it grants anyone other than the bucket owner (public groups or other accounts). */
export interface ObjectAclFacts {
  key: string;
  acl: Acl;
  /** Any grant to AllUsers or AuthenticatedUsers (what Block Public Access calls a public ACL). */
  public: boolean;
}

/**
 * What GetObjectAcl showed for a bounded sample of a bucket's objects: the first `limit` keys in ListObjectsV2 order
 * (S3 lists keys in UTF-8 binary order), so that a re-audit of an unchanged bucket reads the same sample.
 * Macie reports publicly accessible object counts; `publicObjectCount` is that count over the sample.
 */
export interface ObjectAclSurvey {
  /** Objects whose ACL was read. */
  objectsChecked: number;
  /** True when the sample is the whole bucket (it held no more than `limit` objects). */
  complete: boolean;
  limit: number;
  /** Checked objects with a public grant (see ObjectAclFacts.public). */
  publicObjectCount: number;
  /** Checked objects whose ACL grants anyone beyond the bucket owner, in key order. */
  objects: ObjectAclFacts[];
  /** GetObjectAcl or listing failures (AccessDenied, NoSuchKey after a delete, throttling after retries). */
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

/** A KMS grant (ListGrants): like a key policy statement, it can allow kms:Decrypt to a grantee principal. */
export interface KmsGrant {
  grantId: string;
  granteePrincipal: string;
  retiringPrincipal: string | null;
  operations: string[];
  /** EncryptionContextEquals / EncryptionContextSubset, when the grant has constraints. */
  constraints: Record<string, Record<string, string>> | null;
}

/**
 * A KMS key that SSE-KMS bucket default encryption names (DescribeKey, GetKeyPolicy "default", ListGrants). The
 * fields after keyPolicy are absent in inventories built by hand or before they were collected.
 */
export interface KmsKeyFacts {
  /** The key ARN (bucket encryption that names an alias or key id is resolved to it, see `references`). */
  arn: string;
  /** Null when the key policy could not be read: the engine then does not assume the key blocks. */
  keyPolicy: PolicyDocument | null;
  keyId?: string;
  /** AWS (aws/s3 managed key) or CUSTOMER. */
  keyManager?: "AWS" | "CUSTOMER";
  /** Enabled, Disabled, PendingDeletion... a key that is not Enabled cannot decrypt for anyone. */
  keyState?: string;
  /** The policy text as KMS returned it, kept so that findings can quote it. */
  policyJson?: string | null;
  grants?: KmsGrant[];
  /** How buckets named the key when not by its ARN (alias ARN, alias/name, key id). */
  references?: string[];
  errors?: CollectionError[];
}

/** An S3 access point (S3 Control ListAccessPoints, GetAccessPointPolicy, GetAccessPoint). */
export interface AccessPointFacts {
  name: string;
  arn: string;
  bucket: string;
  /** The account that owns the bucket, when S3 reports it (cross-account access points). */
  bucketAccountId: string | null;
  networkOrigin: "Internet" | "VPC";
  vpcId: string | null;
  policy: PolicyDocument | null;
  policyJson: string | null;
  publicAccessBlock: PublicAccessBlock | null;
  errors: CollectionError[];
}

export type OrganizationPolicyType = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

/** One level between the organization root and the account: the root, each OU, then the account itself. */
export interface OrganizationLevel {
  id: string;
  type: "ROOT" | "ORGANIZATIONAL_UNIT" | "ACCOUNT";
  /** Ids of the policies attached at this level (ListTargetsForPolicy), SCPs and RCPs alike. */
  policyIds: string[];
}

export interface OrganizationPolicy {
  id: string;
  arn: string;
  name: string;
  type: OrganizationPolicyType;
  awsManaged: boolean;
  document: PolicyDocument;
}

/**
 * The account's organization, as far as the caller may read it. Organizations answers only the management account
 * and delegated administrators; any other caller gets AccessDenied, which is a normal state (NOT_ACCESSIBLE), not a
 * failed audit: SCPs and RCPs are then not applied and the reason says so.
 */
export type OrganizationFacts =
  | { status: "NOT_IN_ORGANIZATION" }
  | { status: "NOT_ACCESSIBLE"; reason: CollectionError }
  | {
      status: "COLLECTED";
      organizationId: string;
      managementAccountId: string;
      /** Root first, the account last. */
      path: OrganizationLevel[];
      /** Policies attached somewhere on `path`. */
      policies: OrganizationPolicy[];
      /**
       * The policy types that bound this account: enabled at the root and read completely (every level listed, every
       * policy described). A type missing here is not applied, rather than applied with a hole (a level without its
       * policies would deny everything).
       */
      appliedPolicyTypes: OrganizationPolicyType[];
      errors: CollectionError[];
    };

/** One account's inventory, minus object listings (those stream per bucket, see listObjects). */
export interface AccountInventory {
  accountId: string;
  region: string;
  collectedAt: string;
  accountPublicAccessBlock: PublicAccessBlock | null;
  buckets: BucketFacts[];
  iam: IamFacts;
  kmsKeys: KmsKeyFacts[];
  /** Absent in inventories built before access points were collected. */
  accessPoints?: AccessPointFacts[];
  /** Absent in inventories built before the organization was collected. */
  organization?: OrganizationFacts;
  errors: CollectionError[];
}
