/**
 * Pure mapping from S3 and S3 Control API responses to inventory facts. No I/O here: the collectors in buckets.ts and
 * account.ts make the calls and hand the outcomes over, which keeps every rule below testable without AWS.
 */
import type {
  GetBucketAclCommandOutput,
  GetBucketEncryptionCommandOutput,
  GetBucketLocationCommandOutput,
  GetBucketLoggingCommandOutput,
  GetBucketOwnershipControlsCommandOutput,
  GetBucketPolicyCommandOutput,
  GetBucketReplicationCommandOutput,
  GetBucketTaggingCommandOutput,
  GetBucketVersioningCommandOutput,
  GetBucketWebsiteCommandOutput,
  Grant,
  PublicAccessBlockConfiguration,
  _Object,
} from "@aws-sdk/client-s3";
import type { Outcome } from "./aws-error.js";
import type {
  Acl,
  AclGrant,
  BucketFacts,
  CollectionError,
  DefaultEncryption,
  ObjectFacts,
  ObjectOwnership,
  PublicAccessBlock,
  ReplicationRule,
} from "./inventory.js";
import { parsePolicyDocument } from "./policy-json.js";

/** The partition an ARN lives in, from the region name (China and GovCloud are separate partitions). */
export function partitionOf(region: string): "aws" | "aws-cn" | "aws-us-gov" {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function bucketArn(name: string, region: string): string {
  return `arn:${partitionOf(region)}:s3:::${name}`;
}

/**
 * GetBucketLocation answers null/"" for us-east-1 and the legacy "EU" for eu-west-1; every other region by name.
 */
export function regionFromLocation(location: string | undefined | null): string {
  if (location === undefined || location === null || location === "") return "us-east-1";
  if (location === "EU") return "eu-west-1";
  return location;
}

/** A missing flag in a PublicAccessBlockConfiguration means false (AWS documents each default as false). */
export function toPublicAccessBlock(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock | null {
  if (config === undefined) return null;
  return {
    blockPublicAcls: config.BlockPublicAcls === true,
    ignorePublicAcls: config.IgnorePublicAcls === true,
    blockPublicPolicy: config.BlockPublicPolicy === true,
    restrictPublicBuckets: config.RestrictPublicBuckets === true,
  };
}

const ACL_PERMISSIONS: ReadonlySet<string> = new Set(["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"]);

/** One ACL grant, or null when the grantee or permission is of a shape S3 does not document. */
export function toAclGrant(grant: Grant): AclGrant | null {
  const permission = grant.Permission;
  const grantee = grant.Grantee;
  if (permission === undefined || !ACL_PERMISSIONS.has(permission) || grantee === undefined) return null;
  const perm = permission as AclGrant["permission"];
  switch (grantee.Type) {
    case "CanonicalUser":
      if (grantee.ID === undefined) return null;
      return {
        grantee: {
          type: "CanonicalUser",
          id: grantee.ID,
          ...(grantee.DisplayName === undefined ? {} : { displayName: grantee.DisplayName }),
        },
        permission: perm,
      };
    case "Group":
      return grantee.URI === undefined ? null : { grantee: { type: "Group", uri: grantee.URI }, permission: perm };
    case "AmazonCustomerByEmail":
      return grantee.EmailAddress === undefined
        ? null
        : { grantee: { type: "AmazonCustomerByEmail", email: grantee.EmailAddress }, permission: perm };
    default:
      return null;
  }
}

export function toAcl(output: Pick<GetBucketAclCommandOutput, "Owner" | "Grants">): Acl {
  return {
    ownerCanonicalId: output.Owner?.ID ?? null,
    grants: (output.Grants ?? []).map(toAclGrant).filter((g): g is AclGrant => g !== null),
  };
}

const OWNERSHIP_VALUES: ReadonlySet<string> = new Set(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]);

export function toOwnership(
  output: Pick<GetBucketOwnershipControlsCommandOutput, "OwnershipControls">,
): ObjectOwnership | null {
  const value = output.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  return value !== undefined && OWNERSHIP_VALUES.has(value) ? (value as ObjectOwnership) : null;
}

/**
 * The bucket's default encryption. An algorithm this contract does not know yet (S3 adds some) is reported as an
 * error on the bucket and mapped to the nearest known type, so that the bucket is never shown as unencrypted.
 */
export function toDefaultEncryption(
  output: Pick<GetBucketEncryptionCommandOutput, "ServerSideEncryptionConfiguration">,
): { encryption: DefaultEncryption; unknownAlgorithm: string | null } {
  const rule = output.ServerSideEncryptionConfiguration?.Rules?.[0];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (byDefault?.SSEAlgorithm === undefined) return { encryption: { type: "NONE" }, unknownAlgorithm: null };
  const algorithm: string = byDefault.SSEAlgorithm;
  const known = algorithm === "AES256" || algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
  const type: DefaultEncryption["type"] = known
    ? (algorithm as DefaultEncryption["type"])
    : algorithm.startsWith("aws:kms")
      ? "aws:kms"
      : "AES256";
  const encryption: DefaultEncryption = { type };
  if (type !== "AES256" && byDefault.KMSMasterKeyID !== undefined) encryption.kmsKeyArn = byDefault.KMSMasterKeyID;
  if (rule?.BucketKeyEnabled !== undefined) encryption.bucketKeyEnabled = rule.BucketKeyEnabled;
  return { encryption, unknownAlgorithm: known ? null : algorithm };
}

export function toVersioning(output: Pick<GetBucketVersioningCommandOutput, "Status">): BucketFacts["versioning"] {
  return output.Status === "Enabled" || output.Status === "Suspended" ? output.Status : "Disabled";
}

export function toReplicationRules(
  output: Pick<GetBucketReplicationCommandOutput, "ReplicationConfiguration">,
): ReplicationRule[] {
  return (output.ReplicationConfiguration?.Rules ?? []).flatMap((rule): ReplicationRule[] => {
    const destination = rule.Destination?.Bucket;
    if (destination === undefined) return [];
    return [
      {
        id: rule.ID ?? null,
        status: rule.Status === "Enabled" ? "Enabled" : "Disabled",
        destinationBucketArn: destination,
        destinationAccountId: rule.Destination?.Account ?? null,
      },
    ];
  });
}

export function toTags(output: Pick<GetBucketTaggingCommandOutput, "TagSet">): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of output.TagSet ?? []) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
  }
  return tags;
}

export function toLoggingTarget(output: Pick<GetBucketLoggingCommandOutput, "LoggingEnabled">): string | null {
  return output.LoggingEnabled?.TargetBucket ?? null;
}

/** S3 wraps ETags in double quotes; the facts carry the bare value so that it compares with an MD5 hex digest. */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? "").replace(/^"(.*)"$/, "$1");
}

export function toObjectFacts(bucket: string, object: _Object): ObjectFacts | null {
  if (object.Key === undefined) return null;
  return {
    bucket,
    key: object.Key,
    size: object.Size ?? 0,
    storageClass: object.StorageClass ?? "STANDARD",
    etag: unquoteEtag(object.ETag),
    lastModified: object.LastModified?.toISOString() ?? "",
  };
}

/** Everything collectBucket read, one outcome per S3 call. */
export interface BucketResponses {
  name: string;
  createdAt: string | null;
  /** Used when GetBucketLocation itself failed: the region the collector was asked to sweep. */
  fallbackRegion: string;
  location: Outcome<Pick<GetBucketLocationCommandOutput, "LocationConstraint">>;
  policy: Outcome<Pick<GetBucketPolicyCommandOutput, "Policy">>;
  acl: Outcome<Pick<GetBucketAclCommandOutput, "Owner" | "Grants">>;
  publicAccessBlock: Outcome<{ PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration }>;
  ownership: Outcome<Pick<GetBucketOwnershipControlsCommandOutput, "OwnershipControls">>;
  encryption: Outcome<Pick<GetBucketEncryptionCommandOutput, "ServerSideEncryptionConfiguration">>;
  versioning: Outcome<Pick<GetBucketVersioningCommandOutput, "Status">>;
  replication: Outcome<Pick<GetBucketReplicationCommandOutput, "ReplicationConfiguration">>;
  tags: Outcome<Pick<GetBucketTaggingCommandOutput, "TagSet">>;
  website: Outcome<Pick<GetBucketWebsiteCommandOutput, "IndexDocument" | "RedirectAllRequestsTo">>;
  logging: Outcome<Pick<GetBucketLoggingCommandOutput, "LoggingEnabled">>;
}

function valueOf<T>(outcome: Outcome<T>, errors: CollectionError[]): T | undefined {
  if (outcome.kind === "failed") errors.push(outcome.error);
  return outcome.kind === "ok" ? outcome.value : undefined;
}

/**
 * Folds the outcomes into BucketFacts. A failed call leaves its field at the "unknown" value (null, empty, NONE,
 * Disabled) and adds a CollectionError, so that a consumer can tell "not configured" from "could not read".
 */
export function toBucketFacts(r: BucketResponses): BucketFacts {
  const errors: CollectionError[] = [];
  const location = valueOf(r.location, errors);
  const region = location === undefined ? r.fallbackRegion : regionFromLocation(location.LocationConstraint);
  const arn = bucketArn(r.name, region);

  const policyText = valueOf(r.policy, errors)?.Policy ?? null;
  let policy = null;
  if (policyText !== null) {
    try {
      policy = parsePolicyDocument(policyText);
    } catch (error) {
      errors.push({
        operation: "s3:GetBucketPolicy",
        code: "MalformedPolicyDocument",
        message: (error as Error).message,
        resource: arn,
      });
    }
  }

  const aclOutput = valueOf(r.acl, errors);
  const pab = valueOf(r.publicAccessBlock, errors);
  const ownershipOutput = valueOf(r.ownership, errors);
  const encryptionOutput = valueOf(r.encryption, errors);
  let encryption: DefaultEncryption = { type: "NONE" };
  if (encryptionOutput !== undefined) {
    const mapped = toDefaultEncryption(encryptionOutput);
    encryption = mapped.encryption;
    if (mapped.unknownAlgorithm !== null) {
      errors.push({
        operation: "s3:GetBucketEncryption",
        code: "UnsupportedValue",
        message: `unknown SSEAlgorithm "${mapped.unknownAlgorithm}", reported as ${mapped.encryption.type}`,
        resource: arn,
      });
    }
  }
  const versioningOutput = valueOf(r.versioning, errors);
  const replicationOutput = valueOf(r.replication, errors);
  const tagsOutput = valueOf(r.tags, errors);
  const websiteOutput = valueOf(r.website, errors);
  const loggingOutput = valueOf(r.logging, errors);

  return {
    name: r.name,
    arn,
    region,
    createdAt: r.createdAt,
    policy,
    policyJson: policy === null ? null : policyText,
    acl: aclOutput === undefined ? null : toAcl(aclOutput),
    publicAccessBlock: toPublicAccessBlock(pab?.PublicAccessBlockConfiguration),
    ownership: ownershipOutput === undefined ? null : toOwnership(ownershipOutput),
    encryption,
    versioning: versioningOutput === undefined ? "Disabled" : toVersioning(versioningOutput),
    replication: replicationOutput === undefined ? [] : toReplicationRules(replicationOutput),
    tags: tagsOutput === undefined ? {} : toTags(tagsOutput),
    websiteEnabled: websiteOutput !== undefined,
    loggingTargetBucket: loggingOutput === undefined ? null : toLoggingTarget(loggingOutput),
    errors,
  };
}
