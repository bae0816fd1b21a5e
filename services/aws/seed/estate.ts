/**
 * The demo estate of "Acme Analytics" (account 123456789012, moto's default) as data: IAM principals and policies,
 * buckets with their configuration, and every object's content description. seed.ts applies it; README.md and
 * expected.ts state what an audit of it must find. Edit this file and expected.ts together.
 */
import type { PolicyDocument, PolicyStatement } from "../../access/policy-document.js";
import type { ObjectOwnership, PublicAccessBlock } from "../inventory.js";
import type { ContentSpec } from "./content.js";

export const ACCOUNT_ID = "123456789012";
export const PARTNER_ACCOUNT_ID = "210987654321";
export const REGION = "us-east-1";

const arn = {
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  objects: (name: string) => `arn:aws:s3:::${name}/*`,
  role: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`,
  user: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`,
  policy: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`,
};

/**
 * KMS assigns key ids at creation, so buckets name their keys by alias ARN (S3 accepts it) and the collector resolves
 * each alias to its key ARN with DescribeKey.
 */
export const FINANCE_KMS_KEY_ALIAS = "alias/acme-finance";
export const CLOUDTRAIL_KMS_KEY_ALIAS = "alias/acme-cloudtrail";
export const FINANCE_KMS_KEY_ALIAS_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:${FINANCE_KMS_KEY_ALIAS}`;
export const CLOUDTRAIL_KMS_KEY_ALIAS_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:${CLOUDTRAIL_KMS_KEY_ALIAS}`;
/** Any key of the account: identity policies cannot name a key id fixed in advance; key policies narrow it down. */
const ANY_KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/*`;
export const REPLICA_BUCKET_ARN = `arn:aws:s3:::acme-dr-replica-${PARTNER_ACCOUNT_ID}`;

export interface NamedDocument {
  name: string;
  document: PolicyDocument;
}

export interface ManagedPolicySpec extends NamedDocument {
  description: string;
}

export interface GroupSpec {
  name: string;
  managedPolicies: readonly string[];
  inlinePolicies: readonly NamedDocument[];
}

export interface UserSpec {
  name: string;
  path: string;
  groups: readonly string[];
  managedPolicies: readonly string[];
  inlinePolicies: readonly NamedDocument[];
  tags: Readonly<Record<string, string>>;
}

export interface RoleSpec {
  name: string;
  description: string;
  trust: PolicyDocument;
  managedPolicies: readonly string[];
  inlinePolicies: readonly NamedDocument[];
  /** Name of a customer managed policy in this estate. */
  permissionsBoundary?: string;
  tags: Readonly<Record<string, string>>;
}

/** A customer managed KMS key, found again by its alias on a re-seed. */
export interface KmsKeySpec {
  alias: string;
  description: string;
  policy: PolicyDocument;
}

/** An S3 access point with its policy (S3 Control). */
export interface AccessPointSpec {
  name: string;
  bucket: string;
  policy: PolicyDocument;
  publicAccessBlock: PublicAccessBlock;
}

export interface IamEstate {
  /** Customer managed policies, created under arn:aws:iam::123456789012:policy/<name>. */
  policies: readonly ManagedPolicySpec[];
  groups: readonly GroupSpec[];
  /** Created in order, before roles: trust policies name users, and AWS rejects principals that do not exist. */
  users: readonly UserSpec[];
  /** Created in order: a role named in a later role's trust policy comes first. */
  roles: readonly RoleSpec[];
}

export type EncryptionSpec =
  | { type: "NONE" }
  | { type: "AES256" }
  | { type: "aws:kms"; kmsKeyArn: string; bucketKeyEnabled: boolean };

export interface ObjectSpec {
  key: string;
  content: ContentSpec;
  contentType: string;
}

export interface BucketSpec {
  name: string;
  /** One line for the README: why this bucket exists and what it is there to exercise. */
  purpose: string;
  tags: Readonly<Record<string, string>>;
  /** Absent: no ownership controls are set (moto then answers OwnershipControlsNotFoundError). */
  ownership?: ObjectOwnership;
  cannedAcl?: "public-read";
  /** Canned ACL put on every object of the bucket (needs ACLs enabled, i.e. ownership ObjectWriter). */
  objectAcl?: "public-read";
  policy?: PolicyDocument;
  publicAccessBlock?: PublicAccessBlock;
  encryption: EncryptionSpec;
  versioning?: "Enabled" | "Suspended";
  website?: { indexDocument: string; errorDocument: string };
  /**
   * Server access logging. Only the website logs: S3 (and moto) write a log object per request into the target, so
   * every audit of a logged bucket grows acme-access-logs; one small logged bucket keeps that growth small.
   */
  logging?: { targetBucket: string; targetPrefix: string };
  replication?: {
    roleArn: string;
    rules: readonly { id: string; priority: number; destinationBucketArn: string; destinationAccountId: string }[];
  };
  objects: readonly ObjectSpec[];
}

const ALL_BLOCKED: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

const S3_READ_HR: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ReadHrObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: arn.objects("acme-hr") },
    { Sid: "ListHrBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: arn.bucket("acme-hr") },
  ],
};

function readWriteStatements(buckets: readonly string[], actions: readonly string[]): PolicyStatement[] {
  return [
    { Sid: "Objects", Effect: "Allow", Action: [...actions], Resource: buckets.map(arn.objects) },
    { Sid: "Buckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: buckets.map(arn.bucket) },
  ];
}

function readWrite(buckets: readonly string[], actions: readonly string[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: readWriteStatements(buckets, actions) };
}

function assumeRole(principalArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }],
  };
}

function serviceTrust(service: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  };
}

export const IAM_ESTATE: IamEstate = {
  policies: [
    { name: "AcmeHrDataRead", description: "Read employee records in acme-hr", document: S3_READ_HR },
    {
      name: "AcmeEngineeringDataAccess",
      description: "Engineering read/write on the analytics buckets",
      document: readWrite(
        ["acme-data-lake", "acme-ml-training", "acme-app-logs", "acme-versioned-docs"],
        ["s3:GetObject", "s3:PutObject"],
      ),
    },
    {
      name: "AcmeFinanceDataAccess",
      description: "Finance read/write on finance and partner data, with the finance KMS key",
      document: {
        Version: "2012-10-17",
        Statement: [
          ...readWriteStatements(["acme-kms-finance", "acme-partner-share"], ["s3:GetObject", "s3:PutObject"]),
          {
            Sid: "FinanceKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: ANY_KMS_KEY,
          },
        ],
      },
    },
    {
      name: "AcmeAuditorReadOnly",
      description: "Auditors read configuration everywhere and the audit trails",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadConfiguration",
            Effect: "Allow",
            Action: [
              "s3:ListAllMyBuckets",
              "s3:GetBucket*",
              "s3:GetEncryptionConfiguration",
              "s3:GetReplicationConfiguration",
              "iam:Get*",
              "iam:List*",
            ],
            Resource: "*",
          },
          {
            Sid: "ReadTrails",
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: [arn.objects("acme-cloudtrail"), arn.objects("acme-access-logs")],
          },
        ],
      },
    },
    {
      name: "AcmeWebsiteDeploy",
      description: "CI publishes the public website",
      document: readWrite(["acme-public-website"], ["s3:PutObject", "s3:DeleteObject"]),
    },
    {
      name: "AcmeEtlFullS3",
      description: "Over-broad S3 access for the ETL function (held in check by its permissions boundary)",
      document: {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllS3", Effect: "Allow", Action: "s3:*", Resource: "*" }],
      },
    },
    {
      name: "AcmeDataPlatformBoundary",
      description: "Permissions boundary: the data platform may only touch the data lake and the training data",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DataPlatformBuckets",
            Effect: "Allow",
            Action: "s3:*",
            Resource: ["acme-data-lake", "acme-ml-training"].flatMap((b) => [arn.bucket(b), arn.objects(b)]),
          },
          { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
        ],
      },
    },
  ],
  groups: [
    { name: "hr", managedPolicies: ["AcmeHrDataRead"], inlinePolicies: [] },
    { name: "engineering", managedPolicies: ["AcmeEngineeringDataAccess"], inlinePolicies: [] },
    { name: "finance", managedPolicies: ["AcmeFinanceDataAccess"], inlinePolicies: [] },
    { name: "auditors", managedPolicies: ["AcmeAuditorReadOnly"], inlinePolicies: [] },
    {
      name: "contractors",
      managedPolicies: [],
      inlinePolicies: [
        {
          name: "DenyHrData",
          document: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "NoEmployeeRecords",
                Effect: "Deny",
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: arn.objects("acme-hr"),
              },
            ],
          },
        },
      ],
    },
  ],
  users: [
    {
      name: "maria.gonzalez",
      path: "/",
      groups: ["hr"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "People" },
    },
    {
      name: "james.okafor",
      path: "/",
      groups: ["hr"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "People" },
    },
    {
      name: "sam.rivera",
      path: "/",
      groups: ["hr", "contractors"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "People", employment: "contractor" },
    },
    {
      name: "dana.reyes",
      path: "/",
      groups: ["engineering"],
      managedPolicies: [],
      inlinePolicies: [
        {
          name: "AssumeAnalyticsGateway",
          document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn.role("acme-analytics-gateway") }],
          },
        },
      ],
      tags: { department: "Data Science" },
    },
    {
      name: "li.wei",
      path: "/",
      groups: ["engineering"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "Engineering" },
    },
    {
      name: "kofi.mensah",
      path: "/",
      groups: ["engineering", "contractors"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "Engineering", employment: "contractor" },
    },
    {
      name: "priya.nair",
      path: "/",
      groups: ["finance"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "Finance" },
    },
    {
      name: "tom.becker",
      path: "/",
      groups: ["finance"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "Finance" },
    },
    {
      name: "olivia.chen",
      path: "/",
      groups: ["auditors"],
      managedPolicies: [],
      inlinePolicies: [],
      tags: { department: "Security" },
    },
    {
      name: "ci-deployer",
      path: "/service/",
      groups: [],
      managedPolicies: ["AcmeWebsiteDeploy"],
      inlinePolicies: [],
      tags: { purpose: "ci" },
    },
  ],
  roles: [
    {
      name: "acme-analytics-gateway",
      description: "Hop one of the analytics chain: dana.reyes assumes it to reach acme-hr-analytics",
      trust: assumeRole(arn.user("dana.reyes")),
      managedPolicies: [],
      inlinePolicies: [
        {
          name: "AssumeHrAnalytics",
          document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn.role("acme-hr-analytics") }],
          },
        },
      ],
      tags: { team: "analytics" },
    },
    {
      name: "acme-hr-analytics",
      description: "Hop two: reads employee records for people analytics",
      trust: assumeRole(arn.role("acme-analytics-gateway")),
      managedPolicies: [],
      inlinePolicies: [{ name: "ReadHrData", document: S3_READ_HR }],
      tags: { team: "analytics" },
    },
    {
      name: "acme-partner-access",
      description: "Assumed by the partner account to fetch shared exports",
      trust: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT_ID}:root` },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "acme-partner-7f3k2q" } },
          },
        ],
      },
      managedPolicies: [],
      inlinePolicies: [{ name: "ReadPartnerShare", document: readWrite(["acme-partner-share"], ["s3:GetObject"]) }],
      tags: { team: "partnerships" },
    },
    {
      name: "acme-s3-replication",
      description: "S3 replicates acme-replicated-source to the DR account with it",
      trust: serviceTrust("s3.amazonaws.com"),
      managedPolicies: [],
      inlinePolicies: [
        {
          name: "ReplicateToDr",
          document: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                Resource: arn.bucket("acme-replicated-source"),
              },
              {
                Effect: "Allow",
                Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                Resource: arn.objects("acme-replicated-source"),
              },
              {
                Effect: "Allow",
                Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                Resource: `${REPLICA_BUCKET_ARN}/*`,
              },
            ],
          },
        },
      ],
      tags: { team: "platform" },
    },
    {
      name: "acme-etl-lambda",
      description: "ETL function: s3:* on * in its policy, bounded to the data platform buckets",
      trust: serviceTrust("lambda.amazonaws.com"),
      managedPolicies: ["AcmeEtlFullS3"],
      inlinePolicies: [],
      permissionsBoundary: "AcmeDataPlatformBoundary",
      tags: { team: "data-platform" },
    },
    {
      name: "acme-payroll-processor",
      description: "Payroll function; granted acme-hr by the bucket policy only",
      trust: serviceTrust("lambda.amazonaws.com"),
      managedPolicies: [],
      inlinePolicies: [
        {
          name: "PayrollLogs",
          document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" }],
          },
        },
      ],
      tags: { team: "people-systems" },
    },
  ],
};

function tags(team: string, classification: string): Record<string, string> {
  return { team, "data-classification": classification, environment: "production" };
}

const CSV = "text/csv";
const JSONL = "application/x-ndjson";
const JSON_TYPE = "application/json";
const TEXT = "text/plain";
const GZIP = "application/gzip";
const ZIP = "application/zip";

function days(year: number, month: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${year}-${String(month).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`,
  );
}

/** Every day of Q1 2024: the data lake's partitions. */
const Q1_2024 = [...days(2024, 1, 31), ...days(2024, 2, 29), ...days(2024, 3, 31)];
const MARCH_2024 = days(2024, 3, 30);

function text(key: string, body: string, contentType = TEXT): ObjectSpec {
  return { key, content: { kind: "text", text: body }, contentType };
}

function table(key: string, dataset: Extract<ContentSpec, { kind: "table" }>["dataset"], rows: number): ObjectSpec {
  const format = key.endsWith(".jsonl") ? "jsonl" : key.endsWith(".json") ? "json" : "csv";
  return {
    key,
    content: { kind: "table", format, dataset, rows },
    contentType: format === "csv" ? CSV : format === "json" ? JSON_TYPE : JSONL,
  };
}

function gzTable(key: string, dataset: Extract<ContentSpec, { kind: "table" }>["dataset"], rows: number): ObjectSpec {
  const inner = table(key.replace(/\.gz$/, ""), dataset, rows);
  return { key, content: { kind: "gzip", inner: inner.content }, contentType: GZIP };
}

const LOGS_POLICY_SERVICE = "logging.s3.amazonaws.com";

export const BUCKETS: readonly BucketSpec[] = [
  {
    name: "acme-public-website",
    purpose: "Static marketing site: website hosting and a public-read bucket policy; a careers export leaked onto it",
    tags: tags("marketing", "public"),
    ownership: "BucketOwnerEnforced",
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PublicRead",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: arn.objects("acme-public-website"),
        },
      ],
    },
    encryption: { type: "AES256" },
    website: { indexDocument: "index.html", errorDocument: "error.html" },
    logging: { targetBucket: "acme-access-logs", targetPrefix: "acme-public-website/" },
    objects: [
      text(
        "index.html",
        "<!doctype html><html><head><title>Acme Analytics</title></head><body><h1>Insight, on schedule.</h1></body></html>\n",
        "text/html",
      ),
      text("error.html", "<!doctype html><html><body><h1>Page not found</h1></body></html>\n", "text/html"),
      text(
        "about.html",
        "<!doctype html><html><body><h1>About Acme Analytics</h1><p>Founded 2013 in Austin, Texas.</p></body></html>\n",
        "text/html",
      ),
      text(
        "assets/site.css",
        "body { font-family: sans-serif; margin: 0 auto; max-width: 60rem; }\nh1 { color: #1b4f72; }\n",
        "text/css",
      ),
      text("robots.txt", "User-agent: *\nAllow: /\n"),
      table("pricing/products.json", "products", 6),
      table("careers/applicants-2024.csv", "applicants", 40),
    ],
  },
  {
    name: "acme-public-acl",
    purpose: "Press kit shared the old way: ACLs enabled (ObjectWriter) and public-read bucket and object ACLs",
    tags: tags("marketing", "public"),
    ownership: "ObjectWriter",
    cannedAcl: "public-read",
    objectAcl: "public-read",
    encryption: { type: "AES256" },
    objects: [
      text("press-kit/boilerplate.txt", "Acme Analytics helps 1,200 teams turn raw events into scheduled reports.\n"),
      text("press-kit/fact-sheet.txt", "Headquarters: Austin, TX. Employees: 180. Customers: 1,200.\n"),
      text(
        "press-kit/logo-usage.txt",
        "Use the blue logo on light backgrounds; keep clear space of one letter height.\n",
      ),
      table("press-kit/media-contacts.csv", "media-contacts", 12),
    ],
  },
  {
    name: "acme-partner-share",
    purpose: "Exports for partner account 210987654321: bucket policy grants it GetObject and ListBucket",
    tags: tags("partnerships", "confidential"),
    ownership: "BucketOwnerEnforced",
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PartnerReadObjects",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT_ID}:root` },
          Action: "s3:GetObject",
          Resource: arn.objects("acme-partner-share"),
        },
        {
          Sid: "PartnerListBucket",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT_ID}:root` },
          Action: "s3:ListBucket",
          Resource: arn.bucket("acme-partner-share"),
        },
      ],
    },
    publicAccessBlock: ALL_BLOCKED,
    encryption: { type: "AES256" },
    objects: [
      text("README.txt", "Shared exports for our reseller partner. Refreshed quarterly.\n"),
      table("exports/orders-2024-q1.csv", "orders", 80),
      table("exports/payments-2024-q1.csv", "payments", 30),
      table("exports/customers-shared.jsonl", "customers", 25),
    ],
  },
  {
    name: "acme-replicated-source",
    purpose: "Versioned bucket replicated to a bucket in account 210987654321 (disaster recovery)",
    tags: tags("platform", "confidential"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    encryption: { type: "AES256" },
    versioning: "Enabled",
    replication: {
      roleArn: arn.role("acme-s3-replication"),
      rules: [
        {
          id: "dr-to-partner-account",
          priority: 1,
          destinationBucketArn: REPLICA_BUCKET_ARN,
          destinationAccountId: PARTNER_ACCOUNT_ID,
        },
      ],
    },
    objects: [
      text(
        "contracts/msa-template.txt",
        "Master Services Agreement (template). Term: 12 months. Governing law: Texas.\n",
      ),
      text("contracts/dpa-template.txt", "Data Processing Addendum (template). Sub-processors listed in Annex 3.\n"),
      table("customer-master/customers.csv", "customers", 60),
      table("customer-master/plans.json", "products", 6),
    ],
  },
  {
    name: "acme-versioned-docs",
    purpose: "Internal docs, versioned; a public bucket policy on public/* neutralised by Block Public Access",
    tags: tags("engineering", "internal"),
    ownership: "BucketOwnerEnforced",
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PublicBrochures",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::acme-versioned-docs/public/*",
        },
      ],
    },
    publicAccessBlock: ALL_BLOCKED,
    encryption: { type: "AES256" },
    versioning: "Enabled",
    objects: [
      text("public/brochure.txt", "Acme Analytics: scheduled reporting for growing teams.\n"),
      text(
        "docs/architecture.txt",
        "Events land in acme-data-lake, nightly jobs build aggregates, reports render on schedule.\n",
      ),
      text("docs/oncall.txt", "On-call rotates weekly. Escalate to the platform lead after 30 minutes.\n"),
      text("docs/style-guide.txt", "Prefer short sentences. Name metrics in snake_case.\n"),
      table("docs/service-catalog.json", "metrics", 5),
      { key: "runbooks/db-failover.txt", content: { kind: "runbook-with-credentials" }, contentType: TEXT },
    ],
  },
  {
    name: "acme-unencrypted-legacy",
    purpose: "Legacy exports from 2015-2016: no default encryption, no Block Public Access, SSNs and card numbers",
    tags: tags("finance", "restricted"),
    ownership: "BucketOwnerPreferred",
    encryption: { type: "NONE" },
    objects: [
      table("legacy/customers-2015.csv", "customers-with-ssn", 50),
      table("legacy/card-batch-2016.csv", "payments", 25),
      ...[2013, 2014, 2015, 2016].map((y) => table(`legacy/orders-${y}.csv`, "orders", 40)),
    ],
  },
  {
    name: "acme-kms-finance",
    purpose: "Finance data under SSE-KMS with a customer managed key; chargebacks carry card numbers",
    tags: tags("finance", "restricted"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    encryption: { type: "aws:kms", kmsKeyArn: FINANCE_KMS_KEY_ALIAS_ARN, bucketKeyEnabled: true },
    objects: [
      ...["01", "02", "03", "04", "05", "06"].map((m) => table(`invoices/2024-${m}.csv`, "invoices", 30)),
      table("cards/chargebacks-2024-02.csv", "payments", 20),
      table("ledger/summary-2024-q1.json", "invoices", 10),
    ],
  },
  {
    name: "acme-access-logs",
    purpose: "S3 server access log target; its bucket policy lets the logging service write",
    tags: tags("security", "internal"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "S3ServerAccessLogsPolicy",
          Effect: "Allow",
          Principal: { Service: LOGS_POLICY_SERVICE },
          Action: "s3:PutObject",
          Resource: arn.objects("acme-access-logs"),
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } },
        },
      ],
    },
    encryption: { type: "AES256" },
    objects: MARCH_2024.map((d) => ({
      key: `acme-app-logs/${d}-00-00-00-${d.replace(/-/g, "").slice(2)}AB`,
      content: { kind: "log", dataset: "s3-access", date: d, lines: 20 } as const,
      contentType: TEXT,
    })),
  },
  {
    name: "acme-data-lake",
    purpose: "Analytics lake: a partition per day of Q1 2024 (events JSONL, metrics CSV) plus a few CRM exports",
    tags: tags("data-platform", "internal"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    },
    encryption: { type: "AES256" },
    objects: [
      ...Q1_2024.map((d) => table(`events/dt=${d}/events.jsonl`, "events", 30)),
      ...Q1_2024.map((d) => table(`metrics/dt=${d}/metrics.csv`, "metrics", 10)),
      table("exports/crm/customers-2024-03.csv", "customers", 80),
      gzTable("exports/crm/customers-2024-03.csv.gz", "customers", 80),
      table("raw/signups/signups-2024-02.jsonl", "signups", 40),
    ],
  },
  {
    name: "acme-hr",
    purpose: "Employee records: readable by the hr group, the hr-analytics role (and its chain) and the payroll role",
    tags: tags("people", "restricted"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PayrollProcessorRead",
          Effect: "Allow",
          Principal: { AWS: arn.role("acme-payroll-processor") },
          Action: "s3:GetObject",
          Resource: arn.objects("acme-hr"),
        },
      ],
    },
    encryption: { type: "AES256" },
    objects: [
      table("employees/roster-2024.csv", "employees", 60),
      table("employees/roster-2024.jsonl", "employees", 60),
      table("payroll/payroll-2024-03.csv", "payroll", 60),
      table("benefits/enrollment-2024.json", "employees", 15),
      text("handbook/handbook.txt", "Acme Analytics employee handbook. Core hours are 10:00 to 15:00 Central.\n"),
      text("reviews/process-2024.txt", "Reviews run twice a year. Calibration happens per department.\n"),
      text("reviews/template.txt", "Strengths:\nGrowth areas:\nGoals for next half:\n"),
    ],
  },
  {
    name: "acme-backups",
    purpose: "Nightly backups as gzip and zip archives, versioned; two archives hold PII and one a leaked .env",
    tags: tags("platform", "restricted"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    encryption: { type: "AES256" },
    versioning: "Enabled",
    objects: [
      gzTable("db/customers-2024-06-01.csv.gz", "customers", 120),
      gzTable("db/orders-2024-06-01.csv.gz", "orders", 150),
      gzTable("db/products-2024-06-01.json.gz", "products", 6),
      {
        key: "exports/hr-export-2024-05.zip",
        contentType: ZIP,
        content: {
          kind: "zip",
          entries: [
            { name: "roster.csv", content: { kind: "table", format: "csv", dataset: "employees", rows: 40 } },
            {
              name: "notes.txt",
              content: { kind: "text", text: "Export requested by People Ops for the May audit.\n" },
            },
          ],
        },
      },
      {
        key: "exports/config-backup-2024-05.zip",
        contentType: ZIP,
        content: {
          kind: "zip",
          entries: [
            {
              name: "settings.json",
              content: {
                kind: "text",
                text: '{"retentionDays":30,"region":"us-east-1","features":["alerts","exports"]}\n',
              },
            },
            { name: "metrics.csv", content: { kind: "table", format: "csv", dataset: "metrics", rows: 20 } },
          ],
        },
      },
      {
        key: "secrets/app-env-backup.zip",
        contentType: ZIP,
        content: { kind: "zip", entries: [{ name: "app/.env", content: { kind: "env-file-with-credentials" } }] },
      },
    ],
  },
  {
    name: "acme-app-logs",
    purpose: "Application logs for March 2024; two files leak an AWS key pair, one leaks user emails",
    tags: tags("engineering", "internal"),
    ownership: "BucketOwnerEnforced",
    encryption: { type: "AES256" },
    objects: [
      ...MARCH_2024.map(
        (d): ObjectSpec => ({
          key: `api/${d}/api.log`,
          content: {
            kind: "log",
            dataset: "api",
            date: d,
            lines: 40,
            ...(d === "2024-03-07"
              ? { leak: "aws-credentials" as const }
              : d === "2024-03-21"
                ? { leak: "user-emails" as const }
                : {}),
          },
          contentType: TEXT,
        }),
      ),
      ...MARCH_2024.map(
        (d): ObjectSpec => ({
          key: `worker/${d}/worker.log`,
          content: {
            kind: "log",
            dataset: "worker",
            date: d,
            lines: 30,
            ...(d === "2024-03-15" ? { leak: "aws-credentials" as const } : {}),
          },
          contentType: TEXT,
        }),
      ),
    ],
  },
  {
    name: "acme-ml-training",
    purpose:
      "Review texts for a sentiment model, versioning suspended, no ownership controls; two shards hold contact details",
    tags: tags("data-science", "internal"),
    encryption: { type: "AES256" },
    versioning: "Suspended",
    objects: Array.from({ length: 40 }, (_, i): ObjectSpec => {
      const shard = String(i).padStart(3, "0");
      return {
        key: `datasets/reviews/shard-${shard}.jsonl`,
        content: {
          kind: "reviews",
          records: 50,
          ...(i === 17 || i === 31 ? { leak: "contact-details" as const } : {}),
        },
        contentType: JSONL,
      };
    }),
  },
  {
    name: "acme-cloudtrail",
    purpose: "CloudTrail log files (gzip JSON) under SSE-KMS; the bucket policy admits the CloudTrail service",
    tags: tags("security", "internal"),
    ownership: "BucketOwnerEnforced",
    publicAccessBlock: ALL_BLOCKED,
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AWSCloudTrailAclCheck",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: arn.bucket("acme-cloudtrail"),
        },
        {
          Sid: "AWSCloudTrailWrite",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::acme-cloudtrail/AWSLogs/${ACCOUNT_ID}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT_ID } },
        },
      ],
    },
    encryption: { type: "aws:kms", kmsKeyArn: CLOUDTRAIL_KMS_KEY_ALIAS_ARN, bucketKeyEnabled: false },
    objects: MARCH_2024.map(
      (d): ObjectSpec => ({
        key: `AWSLogs/${ACCOUNT_ID}/CloudTrail/${REGION}/${d.replace(/-/g, "/")}/${ACCOUNT_ID}_CloudTrail_${REGION}_${d.replace(/-/g, "")}T0000Z_acme.json.gz`,
        content: { kind: "gzip", inner: { kind: "cloudtrail", date: d, records: 25 } },
        contentType: GZIP,
      }),
    ),
  },
];

/** The root of the account may administer its keys, and IAM policies may grant their use (KMS's default policy). */
const ENABLE_IAM_POLICIES: PolicyStatement = {
  Sid: "EnableIamUserPermissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
  Action: "kms:*",
  Resource: "*",
};

export const KMS_KEYS: readonly KmsKeySpec[] = [
  {
    alias: FINANCE_KMS_KEY_ALIAS,
    description: "Finance data in acme-kms-finance",
    policy: {
      Version: "2012-10-17",
      Statement: [
        ENABLE_IAM_POLICIES,
        {
          // Separation of duties: tom.becker approves payments; his finance IAM grant must not let him read the data.
          Sid: "DenyDecryptToPaymentApprover",
          Effect: "Deny",
          Principal: { AWS: arn.user("tom.becker") },
          Action: "kms:Decrypt",
          Resource: "*",
        },
      ],
    },
  },
  {
    alias: CLOUDTRAIL_KMS_KEY_ALIAS,
    description: "CloudTrail log files in acme-cloudtrail",
    policy: {
      Version: "2012-10-17",
      Statement: [
        ENABLE_IAM_POLICIES,
        {
          Sid: "AllowCloudTrailToEncryptLogs",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          Condition: {
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT_ID}:trail/*` },
          },
        },
        {
          // The auditors' IAM policy grants the log objects; the key policy grants the key to the auditor by name.
          Sid: "AllowAuditorToDecryptLogs",
          Effect: "Allow",
          Principal: { AWS: arn.user("olivia.chen") },
          Action: "kms:Decrypt",
          Resource: "*",
        },
      ],
    },
  },
];

export const ACCESS_POINTS: readonly AccessPointSpec[] = [
  {
    name: "acme-data-lake-analytics",
    bucket: "acme-data-lake",
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AnalyticsGatewayReadsExports",
          Effect: "Allow",
          Principal: { AWS: arn.role("acme-analytics-gateway") },
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:${REGION}:${ACCOUNT_ID}:accesspoint/acme-data-lake-analytics/object/exports/*`,
        },
      ],
    },
    publicAccessBlock: ALL_BLOCKED,
  },
];
