/**
 * One small estate per access rule of docs/access-semantics.md, with the answers AWS gives, written by hand from the
 * rules (never produced by running Sightline's evaluator). Every bucket and principal of scenario `x` is named
 * `sc-x-...`, so that all estates live in one account and one audit without reaching into each other's answers.
 *
 * Limits of the emulator, and how the catalogue deals with them:
 * - moto keeps one account's IAM per audit and the audit collects only its own account, so another account is modelled
 *   by the principals a bucket policy names (their identity side is then "whatever their account allows").
 * - moto has no user permissions boundaries (PutUserPermissionsBoundary fails, CreateUser drops the boundary), so the
 *   boundary scenario covers the role-ARN half of rule 6 only.
 */
import type { ConditionBlock } from "../../../services/access/policy-document.js";
import { renderContent } from "../../../services/aws/seed/content.js";
import type { EstateBucket, EstateObject, ScenarioEstate } from "../../support/scenario-estate.js";

export const ACCOUNT_ID = "123456789012";
export const EXTERNAL_ACCOUNT_ID = "210987654321";
export const PUBLIC = "*";
export const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

export const arn = {
  user: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`,
  role: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`,
  group: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:group/${name}`,
  policy: (name: string) => `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`,
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  objects: (name: string) => `arn:aws:s3:::${name}/*`,
  externalRoot: `arn:aws:iam::${EXTERNAL_ACCOUNT_ID}:root`,
  externalRole: (name: string) => `arn:aws:iam::${EXTERNAL_ACCOUNT_ID}:role/${name}`,
  service: (name: string) => `service:${name}`,
};

/** A policy statement as it must appear in an answer; fields left out are not compared. */
export interface ExpectedStatement {
  policyId?: string;
  sid?: string;
  effect: "Allow" | "Deny";
  source: string;
}

const inlineOf = (ownerArn: string, name: string) => `${ownerArn}#inline/${name}`;
const bucketPolicyOf = (bucket: string) => `${arn.bucket(bucket)}#policy`;
const trustOf = (roleArn: string) => `${roleArn}#trust`;

/** One whoCanAccess answer row: the principal, each role it assumes, and the final grant. */
export interface ExpectedPath {
  /** Principal ARN, then each assumed role's ARN (the bucket is implied). */
  route: readonly string[];
  conditional: boolean;
  conditions?: readonly ConditionBlock[];
  deniedWhen?: readonly ConditionBlock[];
  /** Exactly the statements of the final CAN_ACCESS hop. */
  grantedBy?: readonly ExpectedStatement[];
  /** Statements each CAN_ASSUME hop must include, in route order. */
  assumedVia?: readonly (readonly ExpectedStatement[])[];
  kind?: string;
  accountId?: string;
}

/**
 * The answer restricted to the scenario's own principals plus every principal that is not an IAM principal of the
 * audited account (public, authenticated users, other accounts, services) must be exactly `paths`. The audited
 * account's root is left out of scope: AWS lets it in whatever the bucket says, and the rules below do not turn on it.
 */
export interface WhoCanAccessCheck {
  bucket: string;
  action: string;
  maxHops?: number;
  paths: readonly ExpectedPath[];
  absent: readonly { principal: string; why: string }[];
  /** A known pipeline bug makes this check fail (run with it.fails); says which. */
  knownBug?: string;
}

export interface ExplainCheck {
  principal: string;
  bucket: string;
  action: string;
  decision: "ALLOW" | "EXPLICIT_DENY" | "IMPLICIT_DENY";
  conditional?: boolean;
  conditions?: readonly ConditionBlock[];
  deniedWhen?: readonly ConditionBlock[];
  grantedBy?: readonly ExpectedStatement[];
  deniedBy?: readonly ExpectedStatement[];
  /** Trace steps that must be present: a boundary, Block Public Access or ownership setting that took effect. */
  blockedBy?: readonly { kind: string; source: string }[];
  /** Roles to assume, in order, when the principal is not allowed itself; null when none is needed or none leads. */
  viaRoleChain?: readonly string[] | null;
  knownBug?: string;
}

/**
 * A bucket's Macie-style summary (effectivePublicAccess, sharedAccess) and its posture (POLICY) and exposure (EXPOSURE)
 * findings: exactly these types, with at least these detail fields. The two halves run as separate tests.
 */
export interface BucketCheck {
  bucket: string;
  effectivePublicAccess: "PUBLIC" | "NOT_PUBLIC";
  sharedAccess?: "EXTERNAL" | "INTERNAL" | "NOT_SHARED";
  /** A known pipeline bug breaks the summary half. */
  summaryBug?: string;
  findings: readonly { type: string; detail?: Readonly<Record<string, unknown>> }[];
  /** A known pipeline bug breaks the findings half. */
  findingsBug?: string;
}

/** An exposure finding names exactly these principals (and is conditional or not). */
export interface ExposureCheck {
  bucket: string;
  type: string;
  principals: readonly string[];
  conditional: boolean;
  knownBug?: string;
}

/** sensitiveDataReach(category): the principal is listed with this exposure and reaches exactly these of its buckets. */
export interface ReachCheck {
  category: "PERSONAL";
  principal: string;
  exposure: "PUBLIC" | "EXTERNAL_ACCOUNT" | "INTERNAL";
  buckets: readonly string[];
  knownBug?: string;
}

export interface Scenario {
  id: string;
  /** The rule of access-semantics.md the estate pins, in words. */
  rule: string;
  estate: ScenarioEstate;
  whoCanAccess: readonly WhoCanAccessCheck[];
  explain: readonly ExplainCheck[];
  buckets?: readonly BucketCheck[];
  exposures?: readonly ExposureCheck[];
  reach?: readonly ReachCheck[];
}

const V = "2012-10-17";
const ALL_BPA_OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const ALL_BPA_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const BPA_DISABLED_FINDING = { type: "Policy:IAMUser/S3BlockPublicAccessDisabled" };

/** A CSV of customers with names, emails, phones and SSNs: sensitive personal data for the classifier to find. */
function customersCsv(bucket: string): EstateObject {
  const key = "customers.csv";
  return {
    key,
    body: renderContent({ kind: "table", format: "csv", dataset: "customers-with-ssn", rows: 20 }, `${bucket}/${key}`),
    contentType: "text/csv",
  };
}

const plainBucket = (name: string, extra: Partial<EstateBucket> = {}): EstateBucket => ({
  name,
  publicAccessBlock: ALL_BPA_ON,
  ...extra,
});

const read = (bucket: string, sid = "ReadData") => ({
  Version: V,
  Statement: [{ Sid: sid, Effect: "Allow" as const, Action: "s3:GetObject", Resource: arn.objects(bucket) }],
});

const trustEc2 = { Version: V, Statement: [{ Effect: "Allow" as const, Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };

// ---------------------------------------------------------------------------------------------------------------------

const idAllow = ((): Scenario => {
  const bucket = "sc-idallow-data";
  const reader = arn.user("sc-idallow-reader");
  return {
    id: "idallow",
    rule: "rule 4: a same-account identity policy Allow is enough; nothing else grants",
    estate: {
      users: [{ name: "sc-idallow-reader", inline: { read: read(bucket) } }, { name: "sc-idallow-bystander" }],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [{ route: [reader], conditional: false, kind: "User", grantedBy: [{ policyId: inlineOf(reader, "read"), sid: "ReadData", effect: "Allow", source: "identity" }] }],
        absent: [{ principal: arn.user("sc-idallow-bystander"), why: "no policy grants it anything" }],
      },
      { bucket, action: "s3:ListBucket", paths: [], absent: [{ principal: reader, why: "GetObject on objects does not list keys" }] },
    ],
    explain: [
      { principal: reader, bucket, action: "s3:GetObject", decision: "ALLOW", conditional: false, grantedBy: [{ policyId: inlineOf(reader, "read"), sid: "ReadData", effect: "Allow", source: "identity" }], deniedBy: [] },
      { principal: arn.user("sc-idallow-bystander"), bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], deniedBy: [], viaRoleChain: null },
    ],
  };
})();

const idDeny = ((): Scenario => {
  const bucket = "sc-iddeny-data";
  const user = arn.user("sc-iddeny-user");
  return {
    id: "iddeny",
    rule: "rule 2: an explicit Deny in the user's own inline policy beats its managed policy's Allow",
    estate: {
      policies: [
        { name: "sc-iddeny-read-all", document: { Version: V, Statement: [{ Sid: "ReadAll", Effect: "Allow", Action: "s3:Get*", Resource: arn.objects(bucket) }] } },
      ],
      users: [
        {
          name: "sc-iddeny-user",
          managedPolicies: ["sc-iddeny-read-all"],
          inline: { guard: { Version: V, Statement: [{ Sid: "DenyGetObject", Effect: "Deny", Action: "s3:GetObject", Resource: arn.objects(bucket) }] } },
        },
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      { bucket, action: "s3:GetObject", paths: [], absent: [{ principal: user, why: "its inline Deny on s3:GetObject wins" }] },
      {
        bucket,
        action: "s3:GetObjectVersion",
        paths: [{ route: [user], conditional: false, grantedBy: [{ policyId: arn.policy("sc-iddeny-read-all"), sid: "ReadAll", effect: "Allow", source: "identity" }] }],
        absent: [],
      },
    ],
    explain: [
      {
        principal: user,
        bucket,
        action: "s3:GetObject",
        decision: "EXPLICIT_DENY",
        deniedBy: [{ policyId: inlineOf(user, "guard"), sid: "DenyGetObject", effect: "Deny", source: "identity" }],
      },
    ],
  };
})();

const groupDeny = ((): Scenario => {
  const bucket = "sc-groupdeny-data";
  const readers = arn.group("sc-groupdeny-readers");
  const quarantine = arn.group("sc-groupdeny-quarantine");
  return {
    id: "groupdeny",
    rule: "rule 2: a Deny in one of the user's groups beats an Allow from another group",
    estate: {
      groups: [
        { name: "sc-groupdeny-readers", inline: { read: read(bucket) } },
        {
          name: "sc-groupdeny-quarantine",
          inline: { deny: { Version: V, Statement: [{ Sid: "QuarantineDeny", Effect: "Deny", Action: "s3:*", Resource: [arn.bucket(bucket), arn.objects(bucket)] }] } },
        },
      ],
      users: [
        { name: "sc-groupdeny-alice", groups: ["sc-groupdeny-readers"] },
        { name: "sc-groupdeny-bob", groups: ["sc-groupdeny-readers", "sc-groupdeny-quarantine"] },
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [{ route: [arn.user("sc-groupdeny-alice")], conditional: false, grantedBy: [{ policyId: inlineOf(readers, "read"), sid: "ReadData", effect: "Allow", source: "identity" }] }],
        absent: [{ principal: arn.user("sc-groupdeny-bob"), why: "group sc-groupdeny-quarantine denies s3:*" }],
      },
    ],
    explain: [
      {
        principal: arn.user("sc-groupdeny-bob"),
        bucket,
        action: "s3:GetObject",
        decision: "EXPLICIT_DENY",
        deniedBy: [{ policyId: inlineOf(quarantine, "deny"), sid: "QuarantineDeny", effect: "Deny", source: "identity" }],
      },
    ],
  };
})();

const bucketPolicyOnly = ((): Scenario => {
  const bucket = "sc-bponly-data";
  const analyst = arn.user("sc-bponly-analyst");
  const grant = { policyId: bucketPolicyOf(bucket), sid: "GrantAnalyst", effect: "Allow" as const, source: "bucket-policy" };
  return {
    id: "bponly",
    rule: "rule 4: within the account a bucket policy naming the user is enough without any identity policy",
    estate: {
      users: [{ name: "sc-bponly-analyst" }, { name: "sc-bponly-other" }],
      buckets: [
        plainBucket(bucket, {
          policy: { Version: V, Statement: [{ Sid: "GrantAnalyst", Effect: "Allow", Principal: { AWS: analyst }, Action: "s3:GetObject", Resource: arn.objects(bucket) }] },
        }),
      ],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [{ route: [analyst], conditional: false, grantedBy: [grant] }],
        absent: [{ principal: arn.user("sc-bponly-other"), why: "the bucket policy names only the analyst" }],
      },
    ],
    explain: [{ principal: analyst, bucket, action: "s3:GetObject", decision: "ALLOW", grantedBy: [grant], deniedBy: [] }],
  };
})();

const crossAccount = ((): Scenario => {
  const shared = "sc-xacct-shared";
  const roleShared = "sc-xacct-role";
  const partnerRole = arn.externalRole("sc-xacct-partner-reader");
  const rootGrant = { policyId: bucketPolicyOf(shared), sid: "ShareWithPartner", effect: "Allow" as const, source: "bucket-policy" };
  const roleGrant = { policyId: bucketPolicyOf(roleShared), sid: "ShareWithPartnerRole", effect: "Allow" as const, source: "bucket-policy" };
  const viaRole = "sc-xacct-viarole";
  const access = arn.role("sc-xacct-partner-access");
  const accessTrust = { policyId: `${access}#trust`, sid: "TrustPartner", effect: "Allow" as const, source: "trust" };
  return {
    id: "xacct",
    rule:
      "rules 5 and 13: another account reaches a bucket only through a resource side naming it (a bucket policy, or a " +
      "role's trust policy) while its own account's identity side is its affair; Block Public Access does not touch a " +
      "policy that names a fixed account",
    estate: {
      users: [{ name: "sc-xacct-local" }],
      roles: [
        {
          name: "sc-xacct-partner-access",
          trust: { Version: V, Statement: [{ Sid: "TrustPartner", Effect: "Allow", Principal: { AWS: arn.externalRoot }, Action: "sts:AssumeRole" }] },
          inline: { read: read(viaRole) },
        },
      ],
      buckets: [
        {
          name: shared,
          policy: {
            Version: V,
            Statement: [
              { Sid: "ShareWithPartner", Effect: "Allow", Principal: { AWS: arn.externalRoot }, Action: "s3:GetObject", Resource: arn.objects(shared) },
              { Sid: "PartnerRoleList", Effect: "Allow", Principal: { AWS: partnerRole }, Action: "s3:ListBucket", Resource: arn.bucket(shared) },
            ],
          },
          publicAccessBlock: ALL_BPA_ON,
          objects: [customersCsv(shared)],
        },
        {
          name: roleShared,
          policy: { Version: V, Statement: [{ Sid: "ShareWithPartnerRole", Effect: "Allow", Principal: { AWS: partnerRole }, Action: "s3:GetObject", Resource: arn.objects(roleShared) }] },
          publicAccessBlock: ALL_BPA_ON,
          objects: [customersCsv(roleShared)],
        },
        plainBucket(viaRole, { objects: [customersCsv(viaRole)] }),
      ],
    },
    whoCanAccess: [
      {
        bucket: shared,
        action: "s3:GetObject",
        paths: [
          { route: [arn.externalRoot], conditional: false, kind: "ExternalAccount", accountId: EXTERNAL_ACCOUNT_ID, grantedBy: [rootGrant] },
          // Naming the account root trusts every principal of that account its administrators allow, this role included.
          { route: [partnerRole], conditional: false, kind: "Role", accountId: EXTERNAL_ACCOUNT_ID, grantedBy: [rootGrant] },
        ],
        absent: [
          { principal: arn.user("sc-xacct-local"), why: "the policy names only the other account" },
          { principal: PUBLIC, why: "a fixed account is not public" },
        ],
      },
      {
        bucket: shared,
        action: "s3:ListBucket",
        paths: [{ route: [partnerRole], conditional: false, kind: "Role", accountId: EXTERNAL_ACCOUNT_ID }],
        absent: [{ principal: arn.externalRoot, why: "the account root was given GetObject only" }],
      },
      { bucket: roleShared, action: "s3:GetObject", paths: [{ route: [partnerRole], conditional: false, kind: "Role", accountId: EXTERNAL_ACCOUNT_ID, grantedBy: [roleGrant] }], absent: [] },
      {
        bucket: viaRole,
        action: "s3:GetObject",
        paths: [
          { route: [access], conditional: false },
          // The trust names the other account's root: any principal of that account its administrators allow may assume.
          { route: [arn.externalRoot, access], conditional: false, assumedVia: [[accessTrust]] },
          { route: [partnerRole, access], conditional: false, assumedVia: [[accessTrust]] },
        ],
        absent: [{ principal: arn.user("sc-xacct-local"), why: "the trust policy names only the other account" }],
      },
    ],
    explain: [
      { principal: EXTERNAL_ACCOUNT_ID, bucket: shared, action: "s3:GetObject", decision: "ALLOW", grantedBy: [rootGrant], deniedBy: [] },
      { principal: arn.user("sc-xacct-local"), bucket: shared, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [] },
      // The other account cannot read the bucket itself, but it can as the role that trusts it.
      { principal: arn.externalRoot, bucket: viaRole, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], viaRoleChain: [access] },
      { principal: EXTERNAL_ACCOUNT_ID, bucket: viaRole, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], viaRoleChain: [access] },
    ],
    buckets: [
      {
        bucket: shared,
        effectivePublicAccess: "NOT_PUBLIC",
        sharedAccess: "EXTERNAL",
        findings: [
          { type: "Policy:IAMUser/S3BucketSharedExternally", detail: { accounts: [EXTERNAL_ACCOUNT_ID] } },
          { type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount" },
        ],
      },
      {
        bucket: roleShared,
        effectivePublicAccess: "NOT_PUBLIC",
        sharedAccess: "EXTERNAL",
        findings: [
          { type: "Policy:IAMUser/S3BucketSharedExternally", detail: { accounts: [EXTERNAL_ACCOUNT_ID] } },
          { type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount" },
        ],
      },
      {
        // Not shared as Macie means it (no bucket policy or ACL names another account), but its PII is readable from one.
        bucket: viaRole,
        effectivePublicAccess: "NOT_PUBLIC",
        sharedAccess: "NOT_SHARED",
        findings: [{ type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount" }],
      },
    ],
    exposures: [
      {
        // The partner role reads this bucket only by assuming sc-xacct-partner-access (the trust names its account root).
        bucket: viaRole,
        type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount",
        principals: [arn.externalRoot, partnerRole],
        conditional: false,
      },
      {
        bucket: shared,
        type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount",
        principals: [arn.externalRoot, partnerRole],
        conditional: false,
      },
      {
        bucket: roleShared,
        type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount",
        principals: [partnerRole],
        conditional: false,
      },
    ],
    reach: [
      { category: "PERSONAL", principal: arn.externalRoot, exposure: "EXTERNAL_ACCOUNT", buckets: [shared, viaRole] },
      { category: "PERSONAL", principal: partnerRole, exposure: "EXTERNAL_ACCOUNT", buckets: [roleShared, shared, viaRole] },
    ],
  };
})();

const boundary = ((): Scenario => {
  const bucket = "sc-boundary-data";
  const bounded = arn.role("sc-boundary-identity");
  const named = arn.role("sc-boundary-named");
  const free = arn.role("sc-boundary-free");
  return {
    id: "boundary",
    rule:
      "rule 6: a permissions boundary's implicit deny blocks identity grants and bucket-policy grants that name the " +
      "role ARN; it lets through what both allow",
    estate: {
      policies: [{ name: "sc-boundary-limit", document: { Version: V, Statement: [{ Sid: "ListOnly", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] } }],
      roles: [
        {
          name: "sc-boundary-identity",
          trust: trustEc2,
          boundary: "sc-boundary-limit",
          inline: {
            data: {
              Version: V,
              Statement: [
                { Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: arn.objects(bucket) },
                { Sid: "ListData", Effect: "Allow", Action: "s3:ListBucket", Resource: arn.bucket(bucket) },
              ],
            },
          },
        },
        { name: "sc-boundary-named", trust: trustEc2, boundary: "sc-boundary-limit" },
        { name: "sc-boundary-free", trust: trustEc2 },
      ],
      buckets: [
        plainBucket(bucket, {
          policy: { Version: V, Statement: [{ Sid: "GrantRoles", Effect: "Allow", Principal: { AWS: [named, free] }, Action: "s3:GetObject", Resource: arn.objects(bucket) }] },
        }),
      ],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [
          { route: [free], conditional: false, grantedBy: [{ policyId: bucketPolicyOf(bucket), sid: "GrantRoles", effect: "Allow", source: "bucket-policy" }] },
          // EC2 may assume every role here (trust names the service), so it reaches the bucket as sc-boundary-free.
          { route: [arn.service("ec2.amazonaws.com"), free], conditional: false, kind: "Service" },
        ],
        absent: [
          { principal: bounded, why: "the boundary allows only s3:ListBucket" },
          { principal: named, why: "a bucket policy naming the role ARN is limited by the role's boundary" },
        ],
      },
      {
        bucket,
        action: "s3:ListBucket",
        paths: [
          {
            route: [bounded],
            conditional: false,
            grantedBy: [
              { policyId: inlineOf(bounded, "data"), sid: "ListData", effect: "Allow", source: "identity" },
              { policyId: arn.policy("sc-boundary-limit"), sid: "ListOnly", effect: "Allow", source: "boundary" },
            ],
          },
          { route: [arn.service("ec2.amazonaws.com"), bounded], conditional: false },
        ],
        absent: [],
      },
    ],
    explain: [
      { principal: bounded, bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", blockedBy: [{ kind: "GUARDRAIL", source: "boundary" }] },
      { principal: named, bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", blockedBy: [{ kind: "GUARDRAIL", source: "boundary" }] },
      { principal: free, bucket, action: "s3:GetObject", decision: "ALLOW", grantedBy: [{ policyId: bucketPolicyOf(bucket), sid: "GrantRoles", effect: "Allow", source: "bucket-policy" }] },
      // EC2 is not granted itself; of the roles it may assume, only sc-boundary-free gets through.
      { principal: "ec2.amazonaws.com", bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], viaRoleChain: [free] },
    ],
  };
})();

const notAction = ((): Scenario => {
  const bucket = "sc-notaction-data";
  const user = arn.user("sc-notaction-user");
  const writer = arn.user("sc-notaction-getonly");
  return {
    id: "notaction",
    rule: "rule 12: NotAction inverts the action element, in an Allow and in a Deny",
    estate: {
      users: [
        {
          name: "sc-notaction-user",
          inline: { all: { Version: V, Statement: [{ Sid: "AllButDelete", Effect: "Allow", NotAction: "s3:DeleteObject*", Resource: [arn.bucket(bucket), arn.objects(bucket)] }] } },
        },
        {
          name: "sc-notaction-getonly",
          inline: {
            all: {
              Version: V,
              Statement: [
                { Sid: "Everything", Effect: "Allow", Action: "s3:*", Resource: arn.objects(bucket) },
                { Sid: "DenyAllButGetObject", Effect: "Deny", NotAction: "s3:GetObject", Resource: arn.objects(bucket) },
              ],
            },
          },
        },
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      { bucket, action: "s3:GetObject", paths: [{ route: [user], conditional: false }, { route: [writer], conditional: false }], absent: [] },
      { bucket, action: "s3:PutObject", paths: [{ route: [user], conditional: false }], absent: [{ principal: writer, why: "Deny NotAction s3:GetObject denies PutObject" }] },
      { bucket, action: "s3:GetObjectVersion", paths: [{ route: [user], conditional: false }], absent: [{ principal: writer, why: "Deny NotAction s3:GetObject denies GetObjectVersion" }] },
      { bucket, action: "s3:DeleteObject", paths: [], absent: [{ principal: user, why: "NotAction s3:DeleteObject* leaves deletes out" }] },
      { bucket, action: "s3:ListBucket", paths: [{ route: [user], conditional: false }], absent: [{ principal: writer, why: "its Allow covers object ARNs only" }] },
    ],
    explain: [
      { principal: writer, bucket, action: "s3:PutObject", decision: "EXPLICIT_DENY", deniedBy: [{ policyId: inlineOf(writer, "all"), sid: "DenyAllButGetObject", effect: "Deny", source: "identity" }] },
      { principal: user, bucket, action: "s3:DeleteObjectVersion", decision: "IMPLICIT_DENY", grantedBy: [], deniedBy: [] },
    ],
  };
})();

const notResource = ((): Scenario => {
  const open = "sc-notres-open";
  const secret = "sc-notres-secret";
  const user = arn.user("sc-notres-user");
  const fenced = arn.user("sc-notres-fenced");
  return {
    id: "notres",
    rule: "rule 12: NotResource inverts the resource element, in an Allow and in a Deny",
    estate: {
      users: [
        { name: "sc-notres-user", inline: { read: { Version: V, Statement: [{ Sid: "AllButSecret", Effect: "Allow", Action: "s3:GetObject", NotResource: arn.objects(secret) }] } } },
        {
          name: "sc-notres-fenced",
          inline: {
            read: {
              Version: V,
              Statement: [
                { Sid: "ReadAnything", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
                { Sid: "DenyOutsideOpen", Effect: "Deny", Action: "s3:GetObject", NotResource: arn.objects(open) },
              ],
            },
          },
        },
      ],
      buckets: [plainBucket(open), plainBucket(secret)],
    },
    whoCanAccess: [
      { bucket: open, action: "s3:GetObject", paths: [{ route: [user], conditional: false }, { route: [fenced], conditional: false }], absent: [] },
      {
        bucket: secret,
        action: "s3:GetObject",
        paths: [],
        absent: [
          { principal: user, why: "NotResource excludes the secret bucket's objects" },
          { principal: fenced, why: "Deny with NotResource covers everything outside the open bucket" },
        ],
      },
    ],
    explain: [
      { principal: fenced, bucket: secret, action: "s3:GetObject", decision: "EXPLICIT_DENY", deniedBy: [{ policyId: inlineOf(fenced, "read"), sid: "DenyOutsideOpen", effect: "Deny", source: "identity" }] },
      { principal: user, bucket: secret, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], deniedBy: [] },
    ],
  };
})();

const notPrincipal = ((): Scenario => {
  const bucket = "sc-notprin-data";
  const admin = arn.user("sc-notprin-admin");
  const analyst = arn.user("sc-notprin-analyst");
  return {
    id: "notprin",
    rule: "rule 12: a bucket-policy Deny with NotPrincipal denies everyone but the principals it lists",
    estate: {
      users: [
        { name: "sc-notprin-admin", inline: { read: read(bucket) } },
        { name: "sc-notprin-analyst", inline: { read: read(bucket) } },
      ],
      buckets: [
        plainBucket(bucket, {
          policy: { Version: V, Statement: [{ Sid: "OnlyAdmin", Effect: "Deny", NotPrincipal: { AWS: admin }, Action: "s3:*", Resource: [arn.bucket(bucket), arn.objects(bucket)] }] },
        }),
      ],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [{ route: [admin], conditional: false, grantedBy: [{ policyId: inlineOf(admin, "read"), sid: "ReadData", effect: "Allow", source: "identity" }] }],
        absent: [{ principal: analyst, why: "the bucket policy denies every principal but the admin" }],
      },
    ],
    explain: [
      { principal: analyst, bucket, action: "s3:GetObject", decision: "EXPLICIT_DENY", deniedBy: [{ policyId: bucketPolicyOf(bucket), sid: "OnlyAdmin", effect: "Deny", source: "bucket-policy" }] },
      { principal: admin, bucket, action: "s3:GetObject", decision: "ALLOW", deniedBy: [] },
    ],
  };
})();

const wildcards = ((): Scenario => {
  const bucket = "sc-wild-data-1";
  const star = arn.user("sc-wild-star");
  const qmark = arn.user("sc-wild-qmark");
  const grant = (name: string, action: string, resource: string) => ({
    name,
    inline: { read: { Version: V, Statement: [{ Sid: "Read", Effect: "Allow" as const, Action: action, Resource: resource }] } },
  });
  return {
    id: "wild",
    rule: "rule 12: `*` matches any run of characters and `?` exactly one, in actions and in resources",
    estate: {
      users: [
        grant("sc-wild-star", "s3:Get*", "arn:aws:s3:::sc-wild-data-*/*"),
        grant("sc-wild-qmark", "s3:GetObjec?", "arn:aws:s3:::sc-wild-dat?-1/*"),
        // `?` is not "zero or one": s3:GetObject? needs one more character than s3:GetObject has.
        grant("sc-wild-qlong", "s3:GetObject?", arn.objects(bucket)),
        // Not "sc-wild-data-1?/*": there `?` can match the "/" of a key that starts with "/", which AWS would allow.
        grant("sc-wild-qres", "s3:GetObject", "arn:aws:s3:::sc-wild-dat?/*"),
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [{ route: [qmark], conditional: false }, { route: [star], conditional: false }],
        absent: [
          { principal: arn.user("sc-wild-qlong"), why: "s3:GetObject? needs exactly one more character" },
          { principal: arn.user("sc-wild-qres"), why: "sc-wild-dat? is followed by \"/\" where the bucket name goes on with \"a-1\"" },
        ],
      },
      { bucket, action: "s3:GetObjectVersion", paths: [{ route: [star], conditional: false }], absent: [{ principal: qmark, why: "s3:GetObjec? matches one character, not 'tVersion'" }] },
    ],
    explain: [{ principal: arn.user("sc-wild-qlong"), bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [] }],
  };
})();

const caseInsensitive = ((): Scenario => {
  const bucket = "sc-case-data";
  const lower = arn.user("sc-case-lower");
  return {
    id: "case",
    rule: "rule 12: actions compare case-insensitively; resource ARNs do not",
    estate: {
      users: [
        { name: "sc-case-lower", inline: { read: { Version: V, Statement: [{ Sid: "Read", Effect: "Allow", Action: "S3:getobject", Resource: arn.objects(bucket) }] } } },
        { name: "sc-case-upper-arn", inline: { read: { Version: V, Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::SC-CASE-DATA/*" }] } } },
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "S3:GETOBJECT",
        paths: [{ route: [lower], conditional: false }],
        absent: [{ principal: arn.user("sc-case-upper-arn"), why: "arn:aws:s3:::SC-CASE-DATA/* is another resource" }],
      },
    ],
    explain: [
      { principal: lower, bucket, action: "s3:GETOBJECT", decision: "ALLOW", grantedBy: [{ policyId: inlineOf(lower, "read"), sid: "Read", effect: "Allow", source: "identity" }] },
    ],
  };
})();

const objectArn = ((): Scenario => {
  const bucket = "sc-objarn-data";
  const right = arn.user("sc-objarn-right");
  const grant = (name: string, statements: { Action: string; Resource: string }[]) => ({
    name,
    inline: { p: { Version: V, Statement: statements.map((s, i) => ({ Sid: `S${i}`, Effect: "Allow" as const, ...s })) } },
  });
  return {
    id: "objarn",
    rule: "rule 12: s3:GetObject matches object ARNs, s3:ListBucket the bucket ARN; the other way round grants nothing",
    estate: {
      users: [
        grant("sc-objarn-bucketonly", [{ Action: "s3:GetObject", Resource: arn.bucket(bucket) }]),
        grant("sc-objarn-listobjects", [{ Action: "s3:ListBucket", Resource: arn.objects(bucket) }]),
        grant("sc-objarn-right", [
          { Action: "s3:GetObject", Resource: arn.objects(bucket) },
          { Action: "s3:ListBucket", Resource: arn.bucket(bucket) },
        ]),
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      { bucket, action: "s3:GetObject", paths: [{ route: [right], conditional: false }], absent: [{ principal: arn.user("sc-objarn-bucketonly"), why: "GetObject on arn:aws:s3:::b matches no object" }] },
      { bucket, action: "s3:ListBucket", paths: [{ route: [right], conditional: false }], absent: [{ principal: arn.user("sc-objarn-listobjects"), why: "ListBucket on b/* matches no bucket" }] },
    ],
    explain: [{ principal: arn.user("sc-objarn-bucketonly"), bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [] }],
  };
})();

const aclOwnership = ((): Scenario => {
  const preferred = "sc-acl-preferred";
  const enforced = "sc-acl-enforced";
  return {
    id: "acl",
    rule:
      "rule 8: a public-read bucket ACL lets anyone list the bucket while Object Ownership keeps ACLs on " +
      "(BucketOwnerPreferred); BucketOwnerEnforced disables ACLs. Bucket ACL READ lists keys, it does not read objects",
    estate: {
      buckets: [
        { name: preferred, ownership: "BucketOwnerPreferred", cannedAcl: "public-read", publicAccessBlock: ALL_BPA_OFF },
        { name: enforced, ownership: "BucketOwnerPreferred", cannedAcl: "public-read", ownershipAfterAcl: "BucketOwnerEnforced", publicAccessBlock: ALL_BPA_OFF },
      ],
    },
    whoCanAccess: [
      { bucket: preferred, action: "s3:ListBucket", paths: [{ route: [PUBLIC], conditional: false, kind: "Public", grantedBy: [{ effect: "Allow", source: "acl" }] }, { route: [AUTHENTICATED_USERS], conditional: false, grantedBy: [{ effect: "Allow", source: "acl" }] }], absent: [] },
      { bucket: preferred, action: "s3:GetObject", paths: [], absent: [{ principal: PUBLIC, why: "a bucket ACL READ grant lists keys, it does not read objects" }] },
      { bucket: enforced, action: "s3:ListBucket", paths: [], absent: [{ principal: PUBLIC, why: "BucketOwnerEnforced disables ACLs" }] },
    ],
    explain: [
      { principal: PUBLIC, bucket: preferred, action: "s3:ListBucket", decision: "ALLOW", grantedBy: [{ effect: "Allow", source: "acl" }] },
      { principal: PUBLIC, bucket: enforced, action: "s3:ListBucket", decision: "IMPLICIT_DENY", grantedBy: [], blockedBy: [{ kind: "NOTE", source: "ownership" }] },
    ],
    buckets: [
      { bucket: preferred, effectivePublicAccess: "PUBLIC", findings: [BPA_DISABLED_FINDING, { type: "Policy:IAMUser/S3BucketPublic", detail: { byAcl: true, byPolicy: false } }] },
      { bucket: enforced, effectivePublicAccess: "NOT_PUBLIC", findings: [BPA_DISABLED_FINDING] },
    ],
  };
})();

const blockPublicAccess = ((): Scenario => {
  const open = "sc-bpa-open";
  const hidden = "sc-bpa-hidden";
  const publicRead = (bucket: string) => ({
    Version: V,
    Statement: [{ Sid: "PublicRead", Effect: "Allow" as const, Principal: "*" as const, Action: "s3:GetObject", Resource: arn.objects(bucket) }],
  });
  const grant = (bucket: string) => [{ policyId: bucketPolicyOf(bucket), sid: "PublicRead", effect: "Allow" as const, source: "bucket-policy" }];
  return {
    id: "bpa",
    rule:
      "rule 9: RestrictPublicBuckets (bucket level) removes what a public policy grants to anonymous and other-account " +
      "callers, leaving the owner's account",
    estate: {
      users: [{ name: "sc-bpa-insider" }],
      buckets: [
        { name: open, policy: publicRead(open), publicAccessBlock: ALL_BPA_OFF, objects: [customersCsv(open)] },
        { name: hidden, policy: publicRead(hidden), publicAccessBlock: ALL_BPA_ON, objects: [customersCsv(hidden)] },
      ],
    },
    whoCanAccess: [
      {
        bucket: open,
        action: "s3:GetObject",
        paths: [
          { route: [PUBLIC], conditional: false, kind: "Public", grantedBy: grant(open) },
          { route: [AUTHENTICATED_USERS], conditional: false, grantedBy: grant(open) },
        ],
        absent: [],
      },
      {
        bucket: hidden,
        action: "s3:GetObject",
        paths: [],
        absent: [
          { principal: PUBLIC, why: "RestrictPublicBuckets blocks anonymous callers of a public policy" },
          { principal: AUTHENTICATED_USERS, why: "RestrictPublicBuckets blocks other accounts' callers of a public policy" },
        ],
      },
    ],
    explain: [
      { principal: PUBLIC, bucket: open, action: "s3:GetObject", decision: "ALLOW", grantedBy: grant(open) },
      { principal: PUBLIC, bucket: hidden, action: "s3:GetObject", decision: "IMPLICIT_DENY", blockedBy: [{ kind: "BLOCK_PUBLIC_ACCESS", source: "block-public-access" }] },
      // The owner's account keeps what Principal "*" grants it, even under RestrictPublicBuckets.
      { principal: arn.user("sc-bpa-insider"), bucket: hidden, action: "s3:GetObject", decision: "ALLOW", grantedBy: grant(hidden) },
    ],
    buckets: [
      {
        bucket: open,
        effectivePublicAccess: "PUBLIC",
        findings: [
          BPA_DISABLED_FINDING,
          { type: "Policy:IAMUser/S3BucketPublic", detail: { byPolicy: true, byAcl: false } },
          { type: "Sightline:S3Bucket/PersonalDataReadableByPublic" },
        ],
      },
      { bucket: hidden, effectivePublicAccess: "NOT_PUBLIC", findings: [] },
    ],
    exposures: [{ bucket: open, type: "Sightline:S3Bucket/PersonalDataReadableByPublic", principals: [PUBLIC, AUTHENTICATED_USERS], conditional: false }],
    reach: [{ category: "PERSONAL", principal: PUBLIC, exposure: "PUBLIC", buckets: [open] }],
  };
})();

const publicClassification = ((): Scenario => {
  const office = "sc-pubclass-office";
  const anyIp = "sc-pubclass-anyip";
  const fromIp = (bucket: string, cidr: string) => ({
    Version: V,
    Statement: [
      { Sid: "FromIp", Effect: "Allow" as const, Principal: "*" as const, Action: "s3:GetObject", Resource: arn.objects(bucket), Condition: { IpAddress: { "aws:SourceIp": cidr } } },
    ],
  });
  const conditionalPublic = (cidr: string) => [
    { route: [PUBLIC], conditional: true, conditions: [{ IpAddress: { "aws:SourceIp": cidr } }] },
    { route: [AUTHENTICATED_USERS], conditional: true, conditions: [{ IpAddress: { "aws:SourceIp": cidr } }] },
  ];
  return {
    id: "pubclass",
    rule:
      "rule 9: Principal \"*\" pinned by a fixed aws:SourceIp range (/8 or narrower) is not public; 0.0.0.0/0 is. " +
      "Either way the grant stays, conditional on the source address",
    estate: {
      buckets: [
        { name: office, policy: fromIp(office, "203.0.113.0/24"), publicAccessBlock: ALL_BPA_OFF },
        { name: anyIp, policy: fromIp(anyIp, "0.0.0.0/0"), publicAccessBlock: ALL_BPA_OFF },
      ],
    },
    whoCanAccess: [
      { bucket: office, action: "s3:GetObject", paths: conditionalPublic("203.0.113.0/24"), absent: [] },
      { bucket: anyIp, action: "s3:GetObject", paths: conditionalPublic("0.0.0.0/0"), absent: [] },
    ],
    explain: [
      { principal: PUBLIC, bucket: office, action: "s3:GetObject", decision: "ALLOW", conditional: true, conditions: [{ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }] },
    ],
    buckets: [
      { bucket: office, effectivePublicAccess: "NOT_PUBLIC", findings: [BPA_DISABLED_FINDING] },
      { bucket: anyIp, effectivePublicAccess: "PUBLIC", findings: [BPA_DISABLED_FINDING, { type: "Policy:IAMUser/S3BucketPublic", detail: { byPolicy: true } }] },
    ],
  };
})();

const roleChains = ((): Scenario => {
  const bucket = "sc-chain-data";
  const user = arn.user("sc-chain-user");
  const outsider = arn.user("sc-chain-outsider");
  const a = arn.role("sc-chain-a");
  const b = arn.role("sc-chain-b");
  const d = arn.role("sc-chain-d");
  const trustStatement = (role: string) => ({ policyId: trustOf(role), sid: "Trust", effect: "Allow" as const, source: "trust" });
  const trust = (principal: string) => ({ Version: V, Statement: [{ Sid: "Trust", Effect: "Allow" as const, Principal: { AWS: principal }, Action: "sts:AssumeRole" }] });
  return {
    id: "chain",
    rule:
      "rule 13: a same-account trust policy naming the caller's ARN is enough on its own; one naming the account root " +
      "also needs the caller's identity Allow; chains are transitive; a role whose trust does not name the caller stops it",
    estate: {
      users: [
        { name: "sc-chain-user" },
        {
          name: "sc-chain-outsider",
          inline: { assume: { Version: V, Statement: [{ Sid: "AssumeChainRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/sc-chain-*" }] } },
        },
      ],
      roles: [
        { name: "sc-chain-a", trust: trust(user) },
        { name: "sc-chain-b", trust: trust(a), inline: { read: read(bucket) } },
        { name: "sc-chain-d", trust: trust(`arn:aws:iam::${ACCOUNT_ID}:root`), inline: { read: read(bucket) } },
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [
          { route: [b], conditional: false, grantedBy: [{ policyId: inlineOf(b, "read"), sid: "ReadData", effect: "Allow", source: "identity" }] },
          { route: [d], conditional: false },
          { route: [a, b], conditional: false, assumedVia: [[trustStatement(b)]] },
          {
            route: [outsider, d],
            conditional: false,
            assumedVia: [[trustStatement(d), { policyId: inlineOf(outsider, "assume"), sid: "AssumeChainRoles", effect: "Allow", source: "identity" }]],
          },
          { route: [user, a, b], conditional: false, assumedVia: [[trustStatement(a)], [trustStatement(b)]] },
        ],
        absent: [],
      },
      {
        bucket,
        action: "s3:GetObject",
        maxHops: 1,
        paths: [
          { route: [b], conditional: false },
          { route: [d], conditional: false },
          { route: [a, b], conditional: false },
          { route: [outsider, d], conditional: false },
        ],
        absent: [{ principal: user, why: "it needs two role assumptions" }],
      },
    ],
    explain: [
      { principal: user, bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], viaRoleChain: [a, b] },
      { principal: outsider, bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [], viaRoleChain: [d] },
    ],
  };
})();

const undecidedCondition = ((): Scenario => {
  const bucket = "sc-cond-data";
  const office = arn.user("sc-cond-office");
  const tls = arn.user("sc-cond-tls");
  const tagged = arn.user("sc-cond-tagged");
  const sourceIp = { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } };
  const insecure = { Bool: { "aws:SecureTransport": "false" } };
  const teamData = (name: string, team: string) => ({
    name,
    tags: { team },
    inline: { read: { Version: V, Statement: [{ Sid: "TeamData", Effect: "Allow" as const, Action: "s3:GetObject", Resource: arn.objects(bucket), Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } }] } },
  });
  return {
    id: "cond",
    rule:
      "conditions: a key unknown at analysis time keeps the grant, conditional, with its condition; a conditional Deny " +
      "is kept as such; a key known from the inventory (the principal's tags) is decided",
    estate: {
      users: [
        { name: "sc-cond-office", inline: { read: { Version: V, Statement: [{ Sid: "FromOffice", Effect: "Allow", Action: "s3:GetObject", Resource: arn.objects(bucket), Condition: sourceIp }] } } },
        {
          name: "sc-cond-tls",
          inline: {
            read: {
              Version: V,
              Statement: [
                { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: arn.objects(bucket) },
                { Sid: "DenyInsecure", Effect: "Deny", Action: "s3:*", Resource: arn.objects(bucket), Condition: insecure },
              ],
            },
          },
        },
        teamData("sc-cond-tagged", "data"),
        teamData("sc-cond-untagged", "web"),
      ],
      buckets: [plainBucket(bucket)],
    },
    whoCanAccess: [
      {
        bucket,
        action: "s3:GetObject",
        paths: [
          { route: [office], conditional: true, conditions: [sourceIp], deniedWhen: [] },
          { route: [tagged], conditional: false, conditions: [], deniedWhen: [] },
          // Allowed only while aws:SecureTransport is not false: the Deny's condition is unknown, so the grant is conditional.
          { route: [tls], conditional: true, conditions: [], deniedWhen: [insecure] },
        ],
        absent: [{ principal: arn.user("sc-cond-untagged"), why: "its tag team=web fails aws:PrincipalTag/team = data" }],
      },
    ],
    explain: [
      { principal: office, bucket, action: "s3:GetObject", decision: "ALLOW", conditional: true, conditions: [sourceIp], deniedWhen: [] },
      {
        principal: tls,
        bucket,
        action: "s3:GetObject",
        decision: "ALLOW",
        conditional: true,
        deniedWhen: [insecure],
        deniedBy: [{ policyId: inlineOf(tls, "read"), sid: "DenyInsecure", effect: "Deny", source: "identity" }],
      },
      { principal: arn.user("sc-cond-untagged"), bucket, action: "s3:GetObject", decision: "IMPLICIT_DENY", grantedBy: [] },
    ],
  };
})();

export const SCENARIOS: readonly Scenario[] = [
  idAllow,
  idDeny,
  groupDeny,
  bucketPolicyOnly,
  crossAccount,
  boundary,
  notAction,
  notResource,
  notPrincipal,
  wildcards,
  caseInsensitive,
  objectArn,
  aclOwnership,
  blockPublicAccess,
  publicClassification,
  roleChains,
  undecidedCondition,
];
