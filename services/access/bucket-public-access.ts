/**
 * Macie-style bucket public access: whether anonymous callers can read or write (after Block Public Access, ACL
 * ownership and the policy are applied), whether the policy and ACL are public as written, and whether the bucket
 * is shared with other accounts.
 */
import type { BucketFacts, PublicAccessBlock } from "../aws/inventory.js";
import { aclIsPublic, aclsEnabled, grantAccount } from "./acl.js";
import { LEVEL_ACTIONS } from "./access-levels.js";
import { parseArn } from "./arn.js";
import { effectiveBlockPublicAccess } from "./block-public-access.js";
import type { StatementRef } from "./effective-access.js";
import { evaluateRequest } from "./evaluate/decision.js";
import { compilePolicy, type CompiledPolicy } from "./policy/normalize.js";
import { classifyPublicPolicy } from "./public-policy.js";

export interface BucketPublicAccess {
  effective: "PUBLIC" | "NOT_PUBLIC" | "UNKNOWN";
  allowsPublicRead: boolean;
  allowsPublicWrite: boolean;
  policyPublic: boolean;
  aclPublic: boolean;
  sharedAccess: "EXTERNAL" | "INTERNAL" | "NOT_SHARED";
  externalAccounts: string[];
}

export interface BucketPublicAccessOptions {
  /** The bucket owner's account (S3 ARNs do not carry it); needed to tell other accounts apart. */
  accountId?: string;
  /** Accounts of the owner's organization: sharing with them is INTERNAL. */
  organizationAccountIds?: readonly string[];
  canonicalAccounts?: Readonly<Record<string, string>>;
}

const COLLECTION_OPERATIONS = new Set(["GetBucketPolicy", "GetBucketAcl", "GetPublicAccessBlock", "GetBucketOwnershipControls"]);

function refKey(ref: StatementRef): string {
  return `${ref.policyId}|${ref.index}`;
}

export function bucketPublicAccess(bucket: BucketFacts, accountBpa: PublicAccessBlock | null, options: BucketPublicAccessOptions = {}): BucketPublicAccess {
  let policy: CompiledPolicy | null = null;
  let unknown = bucket.errors.some((e) => COLLECTION_OPERATIONS.has(e.operation));
  if (bucket.policy) {
    try {
      policy = compilePolicy(bucket.policy, `${bucket.arn}#policy`, "bucket-policy");
    } catch {
      unknown = true;
    }
  }
  const classification = classifyPublicPolicy(policy);
  const publicRefs = new Set(classification.publicStatements.map(refKey));
  const bpa = effectiveBlockPublicAccess(bucket.publicAccessBlock, accountBpa);
  const ownerAccount = options.accountId ?? "";
  let allowsPublicRead = false;
  let allowsPublicWrite = false;
  for (const la of LEVEL_ACTIONS) {
    const decision = evaluateRequest(
      { principal: { kind: "Anonymous", arn: "*", accountId: null }, action: la.action, resource: la.object ? `${bucket.arn}/*` : bucket.arn, anyObject: la.object },
      {
        identityPolicies: [],
        resourceAccountId: ownerAccount,
        resourcePolicy: policy,
        acl: { bucketAcl: bucket.acl, ownership: bucket.ownership, ...(bucket.objectAcls ? { objectAcls: bucket.objectAcls.objects } : {}) },
        blockPublicAccess: bpa,
        withoutTrace: true,
      },
    );
    const viaPublic = decision.decision === "Allow" && decision.grantedBy.some((r) => r.source === "acl" || publicRefs.has(refKey(r)));
    if (!viaPublic) continue;
    if (la.level === "READ" || la.level === "LIST") allowsPublicRead = true;
    else allowsPublicWrite = true;
  }

  const external = new Set<string>();
  for (const s of policy?.statements ?? []) {
    if (s.effect !== "Allow" || !s.principals) continue;
    for (const account of s.principals.accounts) if (account !== ownerAccount) external.add(account);
    for (const arn of s.principals.arns) {
      const account = parseArn(arn)?.accountId;
      if (account && account !== ownerAccount) external.add(account);
    }
  }
  if (bucket.acl && aclsEnabled(bucket.ownership)) {
    for (const grant of bucket.acl.grants) {
      if (grant.grantee.type !== "CanonicalUser" || grant.grantee.id === bucket.acl.ownerCanonicalId) continue;
      external.add(grantAccount(grant, bucket.acl, ownerAccount, options.canonicalAccounts) ?? `canonical:${grant.grantee.id}`);
    }
  }
  const externalAccounts = [...external].sort();
  const org = new Set(options.organizationAccountIds ?? []);
  const sharedAccess = externalAccounts.length === 0 ? "NOT_SHARED" : externalAccounts.every((a) => org.has(a)) ? "INTERNAL" : "EXTERNAL";
  const isPublic = allowsPublicRead || allowsPublicWrite;
  return {
    effective: isPublic ? "PUBLIC" : unknown ? "UNKNOWN" : "NOT_PUBLIC",
    allowsPublicRead,
    allowsPublicWrite,
    policyPublic: classification.isPublic,
    aclPublic: aclIsPublic(bucket.acl, bucket.ownership),
    sharedAccess,
    externalAccounts,
  };
}
