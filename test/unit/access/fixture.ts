/**
 * Builds a full AccountInventory from the compact scenario form used by the JSON scenarios: names instead of ARNs,
 * defaults for every fact a scenario does not care about.
 */
import type {
  AccountInventory,
  Acl,
  BucketFacts,
  KmsKeyFacts,
  ObjectOwnership,
  PublicAccessBlock,
} from "../../../services/aws/inventory.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";

export interface CompactInventory {
  accountId: string;
  accountBpa?: PublicAccessBlock;
  policies?: Array<{ name: string; document: PolicyDocument }>;
  groups?: Array<{ name: string; attached?: string[]; inline?: Record<string, PolicyDocument> }>;
  users?: Array<{ name: string; groups?: string[]; attached?: string[]; inline?: Record<string, PolicyDocument>; boundary?: string; tags?: Record<string, string> }>;
  roles?: Array<{ name: string; trust: PolicyDocument; attached?: string[]; inline?: Record<string, PolicyDocument>; boundary?: string; tags?: Record<string, string> }>;
  buckets?: Array<{ name: string; policy?: PolicyDocument; acl?: Acl; bpa?: PublicAccessBlock; ownership?: ObjectOwnership | null; kmsKeyArn?: string }>;
  kmsKeys?: KmsKeyFacts[];
}

function inline(map: Record<string, PolicyDocument> | undefined): Array<{ name: string; document: PolicyDocument }> {
  return Object.entries(map ?? {}).map(([name, document]) => ({ name, document }));
}

/** Managed policies may be named by bare name in scenarios; AWS-managed ARNs pass through. */
function policyArn(accountId: string, nameOrArn: string): string {
  return nameOrArn.startsWith("arn:") ? nameOrArn : `arn:aws:iam::${accountId}:policy/${nameOrArn}`;
}

export function inventoryFrom(c: CompactInventory): AccountInventory {
  const acct = c.accountId;
  const buckets: BucketFacts[] = (c.buckets ?? []).map((b) => ({
    name: b.name,
    arn: `arn:aws:s3:::${b.name}`,
    region: "us-east-1",
    createdAt: null,
    policy: b.policy ?? null,
    policyJson: b.policy ? JSON.stringify(b.policy) : null,
    acl: b.acl ?? { ownerCanonicalId: "owner-canonical", grants: [{ grantee: { type: "CanonicalUser", id: "owner-canonical" }, permission: "FULL_CONTROL" }] },
    publicAccessBlock: b.bpa ?? null,
    ownership: b.ownership === undefined ? "BucketOwnerEnforced" : b.ownership,
    encryption: b.kmsKeyArn ? { type: "aws:kms", kmsKeyArn: b.kmsKeyArn } : { type: "AES256" },
    versioning: "Disabled",
    replication: [],
    tags: {},
    websiteEnabled: false,
    loggingTargetBucket: null,
    errors: [],
  }));
  return {
    accountId: acct,
    region: "us-east-1",
    collectedAt: "2026-01-01T00:00:00Z",
    accountPublicAccessBlock: c.accountBpa ?? null,
    buckets,
    iam: {
      policies: (c.policies ?? []).map((p) => ({ arn: policyArn(acct, p.name), name: p.name, document: p.document, awsManaged: false })),
      groups: (c.groups ?? []).map((g) => ({
        arn: `arn:aws:iam::${acct}:group/${g.name}`,
        name: g.name,
        id: `AGPA${g.name.toUpperCase()}`,
        path: "/",
        attachedPolicyArns: (g.attached ?? []).map((a) => policyArn(acct, a)),
        inlinePolicies: inline(g.inline),
      })),
      users: (c.users ?? []).map((u) => ({
        arn: `arn:aws:iam::${acct}:user/${u.name}`,
        name: u.name,
        id: `AIDA${u.name.toUpperCase()}`,
        path: "/",
        groupNames: u.groups ?? [],
        attachedPolicyArns: (u.attached ?? []).map((a) => policyArn(acct, a)),
        inlinePolicies: inline(u.inline),
        permissionsBoundaryArn: u.boundary ? policyArn(acct, u.boundary) : null,
        tags: u.tags ?? {},
      })),
      roles: (c.roles ?? []).map((r) => ({
        arn: `arn:aws:iam::${acct}:role/${r.name}`,
        name: r.name,
        id: `AROA${r.name.toUpperCase()}`,
        path: "/",
        trustPolicy: r.trust,
        attachedPolicyArns: (r.attached ?? []).map((a) => policyArn(acct, a)),
        inlinePolicies: inline(r.inline),
        permissionsBoundaryArn: r.boundary ? policyArn(acct, r.boundary) : null,
        tags: r.tags ?? {},
      })),
    },
    kmsKeys: c.kmsKeys ?? [],
    errors: [],
  };
}
