/** Bucket collectors: the listing, then one BucketFacts per bucket from eleven read-only S3 calls. */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from "@aws-sdk/client-s3";
import { attempt, toAwsCallError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { BucketFacts } from "./inventory.js";
import { bucketArn, toBucketFacts } from "./s3-mapping.js";

export interface ListedBucket {
  name: string;
  createdAt: string | null;
}

/** Every bucket the caller owns (ListBuckets, paginated). A failure here is fatal: there is nothing to sweep. */
export async function listBuckets(clients: Pick<AwsClients, "s3">): Promise<ListedBucket[]> {
  const buckets: ListedBucket[] = [];
  try {
    for await (const page of paginateListBuckets({ client: clients.s3 }, {})) {
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name !== undefined) {
          buckets.push({ name: bucket.Name, createdAt: bucket.CreationDate?.toISOString() ?? null });
        }
      }
    }
  } catch (error) {
    throw toAwsCallError("s3:ListBuckets", error);
  }
  return buckets;
}

export async function listBucketNames(clients: Pick<AwsClients, "s3">): Promise<string[]> {
  return (await listBuckets(clients)).map((b) => b.name);
}

export interface CollectBucketOptions {
  /** From the ListBuckets entry; GetBucket* calls do not return it. */
  createdAt?: string | null;
  /** Region recorded when GetBucketLocation fails; defaults to the S3 client's region. */
  fallbackRegion?: string;
}

/**
 * Reads one bucket's configuration. Never throws for an AWS failure: "not configured" answers become absent values
 * and any other error (AccessDenied, NoSuchBucket, throttling after retries) is recorded in `errors`.
 */
export async function collectBucket(
  clients: Pick<AwsClients, "s3">,
  name: string,
  options: CollectBucketOptions = {},
): Promise<BucketFacts> {
  const s3 = clients.s3;
  const fallbackRegion = options.fallbackRegion ?? (await s3.config.region());
  const resource = bucketArn(name, fallbackRegion);
  const Bucket = name;
  const [
    location,
    policy,
    acl,
    publicAccessBlock,
    ownership,
    encryption,
    versioning,
    replication,
    tags,
    website,
    logging,
  ] = await Promise.all([
    attempt("s3:GetBucketLocation", resource, () => s3.send(new GetBucketLocationCommand({ Bucket }))),
    attempt("s3:GetBucketPolicy", resource, () => s3.send(new GetBucketPolicyCommand({ Bucket }))),
    attempt("s3:GetBucketAcl", resource, () => s3.send(new GetBucketAclCommand({ Bucket }))),
    attempt("s3:GetPublicAccessBlock", resource, () => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
    attempt("s3:GetBucketOwnershipControls", resource, () =>
      s3.send(new GetBucketOwnershipControlsCommand({ Bucket })),
    ),
    attempt("s3:GetBucketEncryption", resource, () => s3.send(new GetBucketEncryptionCommand({ Bucket }))),
    attempt("s3:GetBucketVersioning", resource, () => s3.send(new GetBucketVersioningCommand({ Bucket }))),
    attempt("s3:GetBucketReplication", resource, () => s3.send(new GetBucketReplicationCommand({ Bucket }))),
    attempt("s3:GetBucketTagging", resource, () => s3.send(new GetBucketTaggingCommand({ Bucket }))),
    attempt("s3:GetBucketWebsite", resource, () => s3.send(new GetBucketWebsiteCommand({ Bucket }))),
    attempt("s3:GetBucketLogging", resource, () => s3.send(new GetBucketLoggingCommand({ Bucket }))),
  ]);
  return toBucketFacts({
    name,
    createdAt: options.createdAt ?? null,
    fallbackRegion,
    location,
    policy,
    acl,
    publicAccessBlock,
    ownership,
    encryption,
    versioning,
    replication,
    tags,
    website,
    logging,
  });
}
