/** One account's inventory: identity, account Block Public Access, every bucket's configuration, and IAM. */
import { AwsCallError } from "../errors.js";
import { collectAccountPublicAccessBlock, getAccountId } from "./account.js";
import { collectBucket, listBuckets } from "./buckets.js";
import type { AwsClients } from "./clients.js";
import { collectIamDetails } from "./iam.js";
import type { AccountInventory, BucketFacts, CollectionError, IamFacts, PublicAccessBlock } from "./inventory.js";

export interface CollectInventoryOptions {
  region: string;
  /** Restrict the sweep to these buckets (all owned buckets when absent); a name not owned is recorded as NoSuchBucket. */
  bucketNames?: readonly string[] | undefined;
  /** Buckets collected at once; each bucket issues eleven calls in parallel. */
  concurrency?: number;
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
  const buckets = await mapWithConcurrency(listed, concurrency, (b) =>
    collectBucket(clients, b.name, { createdAt: b.createdAt, fallbackRegion: region }),
  );
  return buckets.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sweeps the account. Only STS and ListBuckets failing are fatal (without them there is no account or nothing to
 * sweep); the account Block Public Access and IAM failures are recorded in `errors`, bucket failures on the bucket.
 * kmsKeys is always empty: KMS is not among the SDK clients Sightline ships with, so key policies are not read.
 */
export async function collectInventory(
  clients: AwsClients,
  { region, bucketNames, concurrency = 8, now = () => new Date() }: CollectInventoryOptions,
): Promise<AccountInventory> {
  const collectedAt = now().toISOString();
  const accountId = await getAccountId(clients);
  const errors: CollectionError[] = [];

  const emptyIam: IamFacts = { users: [], groups: [], roles: [], policies: [] };
  // The three sweeps overlap; only the bucket one may reject (ListBuckets), and then the whole run fails.
  const [accountPublicAccessBlock, iamDetails, buckets] = await Promise.all([
    collectAccountPublicAccessBlock(clients, accountId).catch((e: unknown): PublicAccessBlock | null => {
      errors.push(recorded(e));
      return null;
    }),
    collectIamDetails(clients).catch((e: unknown) => {
      errors.push(recorded(e));
      return { iam: emptyIam, errors: [] as CollectionError[] };
    }),
    collectBuckets(clients, accountId, region, bucketNames, concurrency, errors),
  ]);
  errors.push(...iamDetails.errors);

  return {
    accountId,
    region,
    collectedAt,
    accountPublicAccessBlock,
    buckets,
    iam: iamDetails.iam,
    kmsKeys: [],
    errors,
  };
}
