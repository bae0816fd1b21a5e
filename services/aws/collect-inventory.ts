/**
 * One account's inventory: identity, account Block Public Access, every bucket's configuration with a bounded object
 * ACL survey, the KMS keys of SSE-KMS buckets, access points, the organization's SCPs/RCPs, and IAM.
 */
import { AwsCallError } from "../errors.js";
import { collectAccessPoints } from "./access-points.js";
import { collectAccountPublicAccessBlock, getAccountId } from "./account.js";
import { collectBucket, listBuckets } from "./buckets.js";
import type { AwsClients } from "./clients.js";
import { collectIamDetails } from "./iam.js";
import type { AccountInventory, BucketFacts, CollectionError, IamFacts, PublicAccessBlock } from "./inventory.js";
import { collectKmsKeys } from "./kms.js";
import { DEFAULT_OBJECT_ACL_LIMIT, surveyObjectAcls } from "./object-acls.js";
import { collectOrganization } from "./organizations.js";

export interface CollectInventoryOptions {
  region: string;
  /** Restrict the sweep to these buckets (all owned buckets when absent); a name not owned is recorded as NoSuchBucket. */
  bucketNames?: readonly string[] | undefined;
  /** Buckets collected at once; each bucket issues eleven calls in parallel. */
  concurrency?: number;
  /**
   * GetObjectAcl calls per bucket whose Object Ownership leaves ACLs enabled (the first keys in listing order);
   * 0 skips the survey. Default 1,000.
   */
  objectAclLimit?: number;
  /**
   * Called after each bucket (configuration and object ACL survey) is collected, so that a long sweep can report
   * liveness (a Temporal activity heartbeats from it).
   */
  onBucketCollected?: (progress: { bucket: string; bucketsDone: number; bucketsTotal: number }) => void;
  /** Injected so that callers (and tests) control the timestamp. */
  now?: () => Date;
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function recorded(error: unknown): CollectionError {
  if (error instanceof AwsCallError) {
    return {
      operation: error.operation,
      code: error.awsCode,
      message: error.message,
      ...(error.resource ? { resource: error.resource } : {}),
    };
  }
  throw error;
}

async function collectBuckets(
  clients: AwsClients,
  accountId: string,
  region: string,
  bucketNames: readonly string[] | undefined,
  concurrency: number,
  objectAclLimit: number,
  onBucketCollected: CollectInventoryOptions["onBucketCollected"],
  errors: CollectionError[],
): Promise<BucketFacts[]> {
  let listed = await listBuckets(clients);
  if (bucketNames !== undefined) {
    const wanted = new Set(bucketNames);
    const owned = new Set(listed.map((b) => b.name));
    listed = listed.filter((b) => wanted.has(b.name));
    for (const name of wanted) {
      if (!owned.has(name)) {
        errors.push({
          operation: "s3:ListBuckets",
          code: "NoSuchBucket",
          message: `bucket ${name} is not owned by ${accountId}`,
          resource: `arn:aws:s3:::${name}`,
        });
      }
    }
  }
  let done = 0;
  const buckets = await mapWithConcurrency(listed, concurrency, async (b): Promise<BucketFacts> => {
    const facts = await collectBucket(clients, b.name, { createdAt: b.createdAt, fallbackRegion: region });
    const objectAcls = objectAclLimit > 0 ? await surveyObjectAcls(clients, facts, { limit: objectAclLimit }) : null;
    onBucketCollected?.({ bucket: b.name, bucketsDone: ++done, bucketsTotal: listed.length });
    return { ...facts, objectAcls };
  });
  return buckets.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sweeps the account. Only STS and ListBuckets failing are fatal (without them there is no account or nothing to
 * sweep); every other failure is recorded: account-level ones (account Block Public Access, IAM, ListAccessPoints) in
 * `errors`, bucket ones on the bucket, object ACL ones on the bucket's survey, KMS ones on the key, organization ones
 * on `organization` (NOT_ACCESSIBLE, also listed in `errors`).
 */
export async function collectInventory(
  clients: AwsClients,
  {
    region,
    bucketNames,
    concurrency = 8,
    objectAclLimit = DEFAULT_OBJECT_ACL_LIMIT,
    onBucketCollected,
    now = () => new Date(),
  }: CollectInventoryOptions,
): Promise<AccountInventory> {
  const collectedAt = now().toISOString();
  const accountId = await getAccountId(clients);
  const errors: CollectionError[] = [];

  const emptyIam: IamFacts = { users: [], groups: [], roles: [], policies: [] };
  // The sweeps overlap; only the bucket one may reject (ListBuckets), and then the whole run fails.
  const [accountPublicAccessBlock, iamDetails, collectedBuckets, accessPoints, organization] = await Promise.all([
    collectAccountPublicAccessBlock(clients, accountId).catch((e: unknown): PublicAccessBlock | null => {
      errors.push(recorded(e));
      return null;
    }),
    collectIamDetails(clients).catch((e: unknown) => {
      errors.push(recorded(e));
      return { iam: emptyIam, errors: [] as CollectionError[] };
    }),
    collectBuckets(clients, accountId, region, bucketNames, concurrency, objectAclLimit, onBucketCollected, errors),
    collectAccessPoints(clients, accountId),
    collectOrganization(clients, accountId),
  ]);
  errors.push(...iamDetails.errors, ...accessPoints.errors);
  if (organization.status === "NOT_ACCESSIBLE") errors.push(organization.reason);
  const { kmsKeys, buckets } = await collectKmsKeys(clients, collectedBuckets);

  return {
    accountId,
    region,
    collectedAt,
    accountPublicAccessBlock,
    buckets,
    iam: iamDetails.iam,
    kmsKeys,
    accessPoints: accessPoints.accessPoints,
    organization,
    errors,
  };
}
