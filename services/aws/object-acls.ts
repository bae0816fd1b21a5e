/**
 * Object ACL survey: GetObjectAcl over a bounded sample of a bucket's objects, where ACLs can matter (Object
 * Ownership other than BucketOwnerEnforced). A public-read object ACL makes that object readable by anyone even when
 * the bucket ACL and policy grant nothing (access-semantics.md rule 8), so the bucket ACL alone is not enough.
 *
 * Cost is bounded per bucket: the first `limit` keys in listing order (ListObjectsV2 returns keys in UTF-8 binary
 * order), one GetObjectAcl each, `concurrency` at a time. A bucket larger than the limit gets `complete: false`.
 */
import { GetObjectAclCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { aclsEnabled, isPublicGrant } from "../access/acl.js";
import { toCollectionError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { Acl, BucketFacts, CollectionError, ObjectAclFacts, ObjectAclSurvey } from "./inventory.js";
import { toAcl } from "./s3-mapping.js";

export interface ObjectAclSurveyOptions {
  /** Objects whose ACL is read per bucket (default 1,000: one GetObjectAcl each). */
  limit?: number;
  /** GetObjectAcl calls in flight per bucket. */
  concurrency?: number;
}

export const DEFAULT_OBJECT_ACL_LIMIT = 1000;

/**
 * Whether an object ACL says more than "the bucket owner has FULL_CONTROL": a grant to anyone else, or an object
 * owned by another account than the bucket (its owner's ACL then governs it, rule 8).
 */
export function isNotableObjectAcl(acl: Acl, bucketOwnerCanonicalId: string | null): boolean {
  const owner = acl.ownerCanonicalId;
  if (bucketOwnerCanonicalId !== null && owner !== null && owner !== bucketOwnerCanonicalId) return true;
  return acl.grants.some(
    (g) => g.grantee.type !== "CanonicalUser" || (g.grantee.id !== owner && g.grantee.id !== bucketOwnerCanonicalId),
  );
}

/** Pure: the survey from the keys listed and what each GetObjectAcl gave. */
export function toObjectAclSurvey(input: {
  limit: number;
  complete: boolean;
  bucketOwnerCanonicalId: string | null;
  acls: { key: string; acl: Acl }[];
  errors: CollectionError[];
}): ObjectAclSurvey {
  const objects: ObjectAclFacts[] = input.acls
    .filter((o) => isNotableObjectAcl(o.acl, input.bucketOwnerCanonicalId))
    .map((o) => ({ key: o.key, acl: o.acl, public: o.acl.grants.some(isPublicGrant) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    objectsChecked: input.acls.length,
    complete: input.complete,
    limit: input.limit,
    publicObjectCount: objects.filter((o) => o.public).length,
    objects,
    errors: input.errors,
  };
}

/** Whether GetObjectAcl is worth calling: never when Object Ownership is BucketOwnerEnforced (ACLs are disabled). */
export function objectAclsCanMatter(bucket: Pick<BucketFacts, "ownership">): boolean {
  return aclsEnabled(bucket.ownership);
}

/**
 * Reads the sample's ACLs. Null when ACLs cannot matter. Never throws for an AWS failure: a failed listing or
 * GetObjectAcl (AccessDenied, NoSuchKey for an object deleted since the listing, throttling after the SDK's retries)
 * is recorded in the survey's errors and the object is left out.
 */
export async function surveyObjectAcls(
  clients: Pick<AwsClients, "s3">,
  bucket: Pick<BucketFacts, "name" | "arn" | "ownership" | "acl">,
  { limit = DEFAULT_OBJECT_ACL_LIMIT, concurrency = 8 }: ObjectAclSurveyOptions = {},
): Promise<ObjectAclSurvey | null> {
  if (!objectAclsCanMatter(bucket)) return null;
  const errors: CollectionError[] = [];
  const keys: string[] = [];
  let complete = true;
  try {
    // One key past the limit tells whether the sample is the whole bucket.
    const pageSize = Math.min(limit + 1, 1000);
    const pages = paginateListObjectsV2({ client: clients.s3, pageSize }, { Bucket: bucket.name });
    for await (const page of pages) {
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
      if (keys.length > limit) break;
    }
  } catch (error) {
    errors.push(toCollectionError("s3:ListObjectsV2", error, bucket.arn));
  }
  if (keys.length > limit) {
    complete = false;
    keys.length = limit;
  }
  if (errors.length > 0) complete = false;
  const acls: { key: string; acl: Acl }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++]!;
      try {
        const output = await clients.s3.send(new GetObjectAclCommand({ Bucket: bucket.name, Key: key }));
        acls.push({ key, acl: toAcl(output) });
      } catch (error) {
        errors.push(toCollectionError("s3:GetObjectAcl", error, `${bucket.arn}/${key}`));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, keys.length)) }, worker));
  errors.sort((a, b) => (a.resource ?? "").localeCompare(b.resource ?? ""));
  const bucketOwnerCanonicalId = bucket.acl?.ownerCanonicalId ?? null;
  return toObjectAclSurvey({ limit, complete, bucketOwnerCanonicalId, acls, errors });
}
