/**
 * Macie's policy findings, computed from one account's inventory: which buckets are public, shared or replicated
 * outside the account, unencrypted by default, or without Block Public Access. Pure: inventory in, findings out.
 * A public grant that Block Public Access neutralises (IgnorePublicAcls, RestrictPublicBuckets) raises no
 * S3BucketPublic finding, because AWS would not honour it.
 */
import { aclIsPublic, isPublicGrant } from "../access/acl.js";
import { isAccountId, parseArn } from "../access/arn.js";
import { effectiveBlockPublicAccess } from "../access/block-public-access.js";
import { classifyPublicPolicy } from "../access/public-policy.js";
import type { PolicyDocument, PolicyStatement, PrincipalElement } from "../access/policy-document.js";
import type { AccountInventory, BucketFacts, PublicAccessBlock } from "../aws/inventory.js";
import type { Severity } from "../classify/types.js";

/** The Block Public Access settings in force; the access engine owns the rule (the OR of account and bucket). */
export { effectiveBlockPublicAccess };

export interface PostureFinding {
  bucketArn: string;
  type: PostureFindingType;
  severity: Severity;
  detail: Record<string, unknown>;
}

export type PostureFindingType =
  | "Policy:IAMUser/S3BlockPublicAccessDisabled"
  | "Policy:IAMUser/S3BucketEncryptionDisabled"
  | "Policy:IAMUser/S3BucketPublic"
  | "Policy:IAMUser/S3BucketReplicatedExternally"
  | "Policy:IAMUser/S3BucketSharedExternally"
  | "Policy:IAMUser/S3BucketSharedWithCloudFront";

function statements(policy: PolicyDocument | null): PolicyStatement[] {
  if (!policy) return [];
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function awsPrincipals(principal: PrincipalElement | undefined): string[] {
  if (principal === undefined || principal === "*") return [];
  return list(principal.AWS);
}

/** The account an AWS principal value names: "123456789012", "arn:aws:iam::123456789012:root", a user or role ARN. */
export function principalAccount(value: string): string | null {
  if (isAccountId(value)) return value;
  const arn = parseArn(value);
  return arn && (arn.service === "iam" || arn.service === "sts") && isAccountId(arn.accountId) ? arn.accountId : null;
}

const CLOUDFRONT_OAI = /^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity /;

function sharedWithCloudFront(policy: PolicyDocument | null): boolean {
  return statements(policy).some(
    (s) =>
      s.Effect === "Allow" &&
      s.Principal !== undefined &&
      s.Principal !== "*" &&
      (list(s.Principal.Service).includes("cloudfront.amazonaws.com") || list(s.Principal.AWS).some((p) => CLOUDFRONT_OAI.test(p))),
  );
}

export function externalAccountsInPolicy(policy: PolicyDocument | null, ownAccountId: string): string[] {
  const accounts = new Set<string>();
  for (const s of statements(policy)) {
    if (s.Effect !== "Allow") continue;
    for (const p of awsPrincipals(s.Principal)) {
      const account = principalAccount(p);
      if (account && account !== ownAccountId) accounts.add(account);
    }
  }
  return [...accounts].sort();
}

export function bucketPostureFindings(bucket: BucketFacts, accountId: string, accountBpa: PublicAccessBlock | null): PostureFinding[] {
  const findings: PostureFinding[] = [];
  const bpa = effectiveBlockPublicAccess(bucket.publicAccessBlock, accountBpa);
  const add = (type: PostureFindingType, severity: Severity, detail: Record<string, unknown>) =>
    findings.push({ bucketArn: bucket.arn, type, severity, detail });

  if (!bpa.blockPublicAcls && !bpa.ignorePublicAcls && !bpa.blockPublicPolicy && !bpa.restrictPublicBuckets) {
    add("Policy:IAMUser/S3BlockPublicAccessDisabled", "HIGH", { account: accountBpa, bucket: bucket.publicAccessBlock });
  }
  if (bucket.encryption.type === "NONE") {
    add("Policy:IAMUser/S3BucketEncryptionDisabled", "LOW", { encryption: bucket.encryption });
  }

  const policyPublic = classifyPublicPolicy(bucket.policy);
  const publicByPolicy = policyPublic.isPublic && !bpa.restrictPublicBuckets;
  const publicByAcl = aclIsPublic(bucket.acl, bucket.ownership) && !bpa.ignorePublicAcls;
  if (publicByPolicy || publicByAcl) {
    add("Policy:IAMUser/S3BucketPublic", "HIGH", {
      byPolicy: publicByPolicy,
      byAcl: publicByAcl,
      statements: policyPublic.publicStatements,
      aclGrants: publicByAcl ? (bucket.acl?.grants ?? []).filter(isPublicGrant) : [],
    });
  }

  const external = externalAccountsInPolicy(bucket.policy, accountId);
  if (external.length > 0) add("Policy:IAMUser/S3BucketSharedExternally", "HIGH", { accounts: external });

  const replicatedTo = [
    ...new Set(
      bucket.replication
        .filter((r) => r.status === "Enabled" && r.destinationAccountId !== null && r.destinationAccountId !== accountId)
        .map((r) => r.destinationAccountId as string),
    ),
  ].sort();
  if (replicatedTo.length > 0) add("Policy:IAMUser/S3BucketReplicatedExternally", "HIGH", { accounts: replicatedTo });

  if (sharedWithCloudFront(bucket.policy)) add("Policy:IAMUser/S3BucketSharedWithCloudFront", "MEDIUM", {});
  return findings;
}

export function computePostureFindings(inventory: AccountInventory): PostureFinding[] {
  return inventory.buckets.flatMap((b) => bucketPostureFindings(b, inventory.accountId, inventory.accountPublicAccessBlock));
}
