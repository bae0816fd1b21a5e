/**
 * What an audit of the demo estate must find, stated independently of estate.ts so that a test comparing the two can
 * fail. End-to-end tests import these answers; README.md explains them in prose. Counts and ARNs are exact.
 */
import type { ObjectOwnership, PublicAccessBlock } from "../inventory.js";

export const EXPECTED_ACCOUNT_ID = "123456789012";
export const EXPECTED_PARTNER_ACCOUNT_ID = "210987654321";
export const EXPECTED_BUCKET_COUNT = 14;
/**
 * Objects the seed puts. acme-access-logs also grows by itself: S3 (and moto, which emulates it) writes server access
 * log objects there for requests to the four logged buckets, so count seeded keys, not listings, when asserting.
 */
export const EXPECTED_OBJECT_COUNT = 397;
/** The seed never touches the account-level Block Public Access: null on a fresh moto. */
export const EXPECTED_ACCOUNT_PUBLIC_ACCESS_BLOCK: PublicAccessBlock | null = null;

const iam = (kind: "user" | "group" | "role" | "policy", name: string) =>
  `arn:aws:iam::${EXPECTED_ACCOUNT_ID}:${kind}/${name}`;
const ALL: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export interface ExpectedBucket {
  /** Seeded objects (see EXPECTED_OBJECT_COUNT about acme-access-logs). */
  objectCount: number;
  encryption: "NONE" | "AES256" | "aws:kms";
  /** The alias default encryption names; the collector resolves it to the key's ARN (KMS picks key ids). */
  kmsKeyAlias?: string;
  versioning: "Enabled" | "Suspended" | "Disabled";
  /** null: no ownership controls configured (moto reports OwnershipControlsNotFoundError). */
  ownership: ObjectOwnership | null;
  publicAccessBlock: PublicAccessBlock | null;
  hasPolicy: boolean;
  websiteEnabled: boolean;
  loggingTargetBucket: string | null;
  replicationDestinationAccountId: string | null;
  /** Effective public access (account BPA absent): who on the internet can do what, and through which mechanism. */
  public: null | { via: "bucket-policy" | "acl"; what: string };
  dataClassificationTag: "public" | "internal" | "confidential" | "restricted";
}

export const EXPECTED_BUCKETS: Readonly<Record<string, ExpectedBucket>> = {
  "acme-public-website": {
    objectCount: 7,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: null,
    hasPolicy: true,
    websiteEnabled: true,
    loggingTargetBucket: "acme-access-logs",
    replicationDestinationAccountId: null,
    public: { via: "bucket-policy", what: "anyone can s3:GetObject every object (statement PublicRead, Principal *)" },
    dataClassificationTag: "public",
  },
  "acme-public-acl": {
    objectCount: 4,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "ObjectWriter",
    publicAccessBlock: null,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: { via: "acl", what: "AllUsers has READ on the bucket ACL (list) and on every object ACL (read)" },
    dataClassificationTag: "public",
  },
  "acme-partner-share": {
    objectCount: 4,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: true,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "confidential",
  },
  "acme-replicated-source": {
    objectCount: 4,
    encryption: "AES256",
    versioning: "Enabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: EXPECTED_PARTNER_ACCOUNT_ID,
    public: null,
    dataClassificationTag: "confidential",
  },
  "acme-versioned-docs": {
    objectCount: 6,
    encryption: "AES256",
    versioning: "Enabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: true,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    // The policy grants Principal * GetObject on public/*, but RestrictPublicBuckets neutralises it.
    public: null,
    dataClassificationTag: "internal",
  },
  "acme-unencrypted-legacy": {
    objectCount: 6,
    encryption: "NONE",
    versioning: "Disabled",
    ownership: "BucketOwnerPreferred",
    publicAccessBlock: null,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "restricted",
  },
  "acme-kms-finance": {
    objectCount: 8,
    encryption: "aws:kms",
    kmsKeyAlias: "alias/acme-finance",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "restricted",
  },
  "acme-access-logs": {
    objectCount: 30,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: true,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "internal",
  },
  "acme-data-lake": {
    objectCount: 185,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    },
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "internal",
  },
  "acme-hr": {
    objectCount: 7,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: true,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "restricted",
  },
  "acme-backups": {
    objectCount: 6,
    encryption: "AES256",
    versioning: "Enabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "restricted",
  },
  "acme-app-logs": {
    objectCount: 60,
    encryption: "AES256",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: null,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "internal",
  },
  "acme-ml-training": {
    objectCount: 40,
    encryption: "AES256",
    versioning: "Suspended",
    ownership: null,
    publicAccessBlock: null,
    hasPolicy: false,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "internal",
  },
  "acme-cloudtrail": {
    objectCount: 30,
    encryption: "aws:kms",
    kmsKeyAlias: "alias/acme-cloudtrail",
    versioning: "Disabled",
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL,
    hasPolicy: true,
    websiteEnabled: false,
    loggingTargetBucket: null,
    replicationDestinationAccountId: null,
    public: null,
    dataClassificationTag: "internal",
  },
};

export const EXPECTED_PUBLIC_BUCKETS = ["acme-public-acl", "acme-public-website"] as const;

/**
 * The object ACL survey (GetObjectAcl on every object while ACLs are enabled): buckets with Object Ownership other
 * than BucketOwnerEnforced, with how many objects were checked and how many carry a public grant. Only
 * acme-public-acl's objects have one (canned ACL public-read: AllUsers READ).
 */
export const EXPECTED_OBJECT_ACL_SURVEYS: Readonly<
  Record<string, { objectsChecked: number; publicObjectCount: number }>
> = {
  "acme-public-acl": { objectsChecked: 4, publicObjectCount: 4 },
  "acme-unencrypted-legacy": { objectsChecked: 6, publicObjectCount: 0 },
  "acme-ml-training": { objectsChecked: 40, publicObjectCount: 0 },
};

/**
 * What the access engine derives for anonymous callers ("*") on acme-public-acl (access-semantics.md rules 8 and 14),
 * levels in the engine's order: READ (s3:GetObject, s3:GetObjectVersion) from the surveyed object ACLs, and LIST from
 * the bucket ACL's AllUsers READ. The READ edge cites the object ACL grant once, on the first surveyed object carrying
 * it (listing order).
 */
export const EXPECTED_PUBLIC_ACL_ANONYMOUS_ACCESS = {
  bucket: "acme-public-acl",
  levels: ["READ", "LIST"],
  readVia: { policyId: "arn:aws:s3:::acme-public-acl/press-kit/boilerplate.txt#object-acl", sid: "AllUsers:READ", source: "acl" },
  listVia: { policyId: "arn:aws:s3:::acme-public-acl#acl", sid: "AllUsers:READ", source: "acl" },
} as const;

export interface ExpectedKmsKey {
  alias: string;
  /** Buckets whose default encryption names it. */
  buckets: readonly string[];
  /** Sids of the key policy, in order. */
  keyPolicySids: readonly string[];
}

export const EXPECTED_KMS_KEYS: readonly ExpectedKmsKey[] = [
  {
    alias: "alias/acme-cloudtrail",
    buckets: ["acme-cloudtrail"],
    keyPolicySids: ["EnableIamUserPermissions", "AllowCloudTrailToEncryptLogs", "AllowAuditorToDecryptLogs"],
  },
  {
    alias: "alias/acme-finance",
    buckets: ["acme-kms-finance"],
    keyPolicySids: ["EnableIamUserPermissions", "DenyDecryptToPaymentApprover"],
  },
];

/**
 * Who can s3:GetObject in acme-kms-finance (SSE-KMS: kms:Decrypt on alias/acme-finance is needed too), the account
 * root aside. tom.becker's IAM grant equals priya.nair's, but the key policy denies him kms:Decrypt.
 */
export const EXPECTED_KMS_FINANCE_READERS: readonly string[] = [iam("user", "priya.nair")];
export const EXPECTED_KMS_FINANCE_NON_READERS: readonly { principalArn: string; why: string }[] = [
  {
    principalArn: iam("user", "tom.becker"),
    why:
      "group finance allows s3:GetObject and kms:Decrypt, but the key policy statement DenyDecryptToPaymentApprover " +
      "denies kms:Decrypt",
  },
];
/** tom.becker keeps WRITE: the key policy denies only kms:Decrypt, not kms:GenerateDataKey. */
export const EXPECTED_KMS_FINANCE_WRITERS: readonly string[] = [iam("user", "priya.nair"), iam("user", "tom.becker")];

export interface ExpectedAccessPoint {
  name: string;
  bucket: string;
  networkOrigin: "Internet" | "VPC";
  policySids: readonly string[];
  publicAccessBlock: PublicAccessBlock;
}

export const EXPECTED_ACCESS_POINTS: readonly ExpectedAccessPoint[] = [
  {
    name: "acme-data-lake-analytics",
    bucket: "acme-data-lake",
    networkOrigin: "Internet",
    policySids: ["AnalyticsGatewayReadsExports"],
    publicAccessBlock: ALL,
  },
];

/** The demo account is in no organization: no SCPs or RCPs apply (moto: AWSOrganizationsNotInUseException). */
export const EXPECTED_ORGANIZATION_STATUS = "NOT_IN_ORGANIZATION";

export const EXPECTED_IAM = {
  users: 10,
  groups: 5,
  roles: 6,
  /** Customer managed only: the estate attaches no AWS managed policy (moto does not load them by default). */
  customerManagedPolicies: 7,
  awsManagedPolicies: 0,
  roleChain: [iam("user", "dana.reyes"), iam("role", "acme-analytics-gateway"), iam("role", "acme-hr-analytics")],
  /** Trust policy principal (Principal.AWS) of each role in the chain. */
  chainTrust: {
    "acme-analytics-gateway": iam("user", "dana.reyes"),
    "acme-hr-analytics": iam("role", "acme-analytics-gateway"),
  },
  boundedRole: iam("role", "acme-etl-lambda"),
  boundaryArn: iam("policy", "AcmeDataPlatformBoundary"),
  externallyTrustedRole: iam("role", "acme-partner-access"),
  externalTrustCondition: { StringEquals: { "sts:ExternalId": "acme-partner-7f3k2q" } },
  explicitDeny: {
    group: iam("group", "contractors"),
    policy: "DenyHrData",
    actions: ["s3:GetObject", "s3:GetObjectVersion"],
    resource: "arn:aws:s3:::acme-hr/*",
  },
} as const;

export type ReadPath = "group" | "identity" | "role-chain" | "bucket-policy";

export interface ExpectedReader {
  principalArn: string;
  via: ReadPath;
  /** Human explanation: which policy, which hop. */
  how: string;
}

/** Everyone who can s3:GetObject in acme-hr (the account root, implicitly all-powerful, aside). */
export const EXPECTED_ACME_HR_READERS: readonly ExpectedReader[] = [
  { principalArn: iam("user", "maria.gonzalez"), via: "group", how: "group hr -> AcmeHrDataRead" },
  { principalArn: iam("user", "james.okafor"), via: "group", how: "group hr -> AcmeHrDataRead" },
  { principalArn: iam("role", "acme-hr-analytics"), via: "identity", how: "inline policy ReadHrData" },
  {
    principalArn: iam("role", "acme-analytics-gateway"),
    via: "role-chain",
    how: "assumes acme-hr-analytics (one hop)",
  },
  {
    principalArn: iam("user", "dana.reyes"),
    via: "role-chain",
    how: "assumes acme-analytics-gateway, then acme-hr-analytics (two hops)",
  },
  {
    principalArn: iam("role", "acme-payroll-processor"),
    via: "bucket-policy",
    how: "acme-hr bucket policy statement PayrollProcessorRead",
  },
];

/** The group whose policy carries the hr members' grant, for engines that report group-level edges too. */
export const EXPECTED_ACME_HR_GRANTING_GROUPS: readonly string[] = [iam("group", "hr")];

/** Principals that look like they might read acme-hr but must NOT be reported as readers. */
export const EXPECTED_ACME_HR_NON_READERS: readonly { principalArn: string; why: string }[] = [
  {
    principalArn: iam("user", "sam.rivera"),
    why: "in group hr, but also in contractors whose DenyHrData explicitly denies s3:GetObject",
  },
  {
    principalArn: iam("role", "acme-etl-lambda"),
    why: "AcmeEtlFullS3 allows s3:* on *, but the AcmeDataPlatformBoundary boundary excludes acme-hr",
  },
  {
    principalArn: iam("user", "kofi.mensah"),
    why: "engineering grants nothing on acme-hr (and contractors denies it)",
  },
  {
    principalArn: iam("user", "olivia.chen"),
    why: "auditors may read bucket configuration (s3:GetBucket*), not objects",
  },
];

export type SensitiveType =
  | "USA_SOCIAL_SECURITY_NUMBER"
  | "CREDIT_CARD_NUMBER"
  | "EMAIL_ADDRESS"
  | "PHONE_NUMBER"
  | "AWS_CREDENTIALS";

export interface ExpectedSensitiveObject {
  bucket: string;
  key: string;
  types: readonly SensitiveType[];
  /** Person names are present too (Macie's NAME); not asserted by type because name detection is fuzzy. */
  containsNames: boolean;
}

const E = "EMAIL_ADDRESS";
const P = "PHONE_NUMBER";
const S = "USA_SOCIAL_SECURITY_NUMBER";
const C = "CREDIT_CARD_NUMBER";
const K = "AWS_CREDENTIALS";

/** Every object holding sensitive data; all other objects in the estate are clean. */
export const EXPECTED_SENSITIVE_OBJECTS: readonly ExpectedSensitiveObject[] = [
  { bucket: "acme-public-website", key: "careers/applicants-2024.csv", types: [E, P], containsNames: true },
  { bucket: "acme-public-acl", key: "press-kit/media-contacts.csv", types: [E, P], containsNames: true },
  { bucket: "acme-partner-share", key: "exports/payments-2024-q1.csv", types: [C], containsNames: true },
  { bucket: "acme-partner-share", key: "exports/customers-shared.jsonl", types: [E, P], containsNames: true },
  { bucket: "acme-replicated-source", key: "customer-master/customers.csv", types: [E, P], containsNames: true },
  { bucket: "acme-versioned-docs", key: "runbooks/db-failover.txt", types: [K], containsNames: false },
  { bucket: "acme-unencrypted-legacy", key: "legacy/customers-2015.csv", types: [E, P, S], containsNames: true },
  { bucket: "acme-unencrypted-legacy", key: "legacy/card-batch-2016.csv", types: [C], containsNames: true },
  { bucket: "acme-kms-finance", key: "cards/chargebacks-2024-02.csv", types: [C], containsNames: true },
  { bucket: "acme-data-lake", key: "exports/crm/customers-2024-03.csv", types: [E, P], containsNames: true },
  { bucket: "acme-data-lake", key: "exports/crm/customers-2024-03.csv.gz", types: [E, P], containsNames: true },
  { bucket: "acme-data-lake", key: "raw/signups/signups-2024-02.jsonl", types: [E], containsNames: false },
  { bucket: "acme-hr", key: "employees/roster-2024.csv", types: [E, P, S], containsNames: true },
  { bucket: "acme-hr", key: "employees/roster-2024.jsonl", types: [E, P, S], containsNames: true },
  { bucket: "acme-hr", key: "payroll/payroll-2024-03.csv", types: [S], containsNames: true },
  { bucket: "acme-hr", key: "benefits/enrollment-2024.json", types: [E, P, S], containsNames: true },
  { bucket: "acme-backups", key: "db/customers-2024-06-01.csv.gz", types: [E, P], containsNames: true },
  { bucket: "acme-backups", key: "exports/hr-export-2024-05.zip", types: [E, P, S], containsNames: true },
  { bucket: "acme-backups", key: "secrets/app-env-backup.zip", types: [K], containsNames: false },
  { bucket: "acme-app-logs", key: "api/2024-03-07/api.log", types: [K], containsNames: false },
  { bucket: "acme-app-logs", key: "worker/2024-03-15/worker.log", types: [K], containsNames: false },
  { bucket: "acme-app-logs", key: "api/2024-03-21/api.log", types: [E], containsNames: false },
  { bucket: "acme-ml-training", key: "datasets/reviews/shard-017.jsonl", types: [E, P], containsNames: false },
  { bucket: "acme-ml-training", key: "datasets/reviews/shard-031.jsonl", types: [E, P], containsNames: false },
];
