/**
 * The public surface of the AWS collectors: what activities, the CLI and tests call. Everything here reads; nothing
 * writes to AWS except the demo estate seed, which lives apart in ./seed/.
 */
export { createAwsClients, destroyAwsClients, type AwsClients, type AwsClientOptions } from "./clients.js";
export { getAccountId, collectAccountPublicAccessBlock } from "./account.js";
export {
  listBuckets,
  listBucketNames,
  collectBucket,
  type ListedBucket,
  type CollectBucketOptions,
} from "./buckets.js";
export { listObjects, openObject, type ListObjectsOptions, type OpenObjectOptions } from "./objects.js";
export { collectIam, collectIamDetails } from "./iam.js";
export { collectInventory, type CollectInventoryOptions } from "./collect-inventory.js";
export { collectKmsKey, collectKmsKeys, kmsKeyReferences } from "./kms.js";
export { surveyObjectAcls, DEFAULT_OBJECT_ACL_LIMIT, type ObjectAclSurveyOptions } from "./object-acls.js";
export { collectAccessPoints } from "./access-points.js";
export { collectOrganization, toOrganizationContext } from "./organizations.js";
export type * from "./inventory.js";
