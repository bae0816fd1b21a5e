/**
 * S3 access points of the account (S3 Control ListAccessPoints, GetAccessPoint, GetAccessPointPolicy). A request
 * through an access point needs both its policy and the bucket policy to allow (access-semantics.md rule 10), and an
 * access point has its own Block Public Access, so both are collected.
 */
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  paginateListAccessPoints,
  type AccessPoint,
  type GetAccessPointCommandOutput,
} from "@aws-sdk/client-s3-control";
import { attempt, toCollectionError, type Outcome } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { AccessPointFacts, CollectionError } from "./inventory.js";
import { parsePolicyDocument } from "./policy-json.js";
import { toPublicAccessBlock } from "./s3-mapping.js";

/** Pure: one listed access point with what GetAccessPoint and GetAccessPointPolicy answered. */
export function toAccessPointFacts(
  listed: AccessPoint,
  details: Outcome<Pick<GetAccessPointCommandOutput, "PublicAccessBlockConfiguration">>,
  policy: Outcome<{ Policy?: string }>,
): AccessPointFacts | null {
  if (listed.Name === undefined || listed.Bucket === undefined || listed.AccessPointArn === undefined) return null;
  const arn = listed.AccessPointArn;
  const errors: CollectionError[] = [];
  if (details.kind === "failed") errors.push(details.error);
  if (policy.kind === "failed") errors.push(policy.error);
  const policyText = policy.kind === "ok" ? (policy.value.Policy ?? null) : null;
  let document = null;
  if (policyText !== null) {
    try {
      document = parsePolicyDocument(policyText);
    } catch (error) {
      const message = (error as Error).message;
      errors.push({ operation: "s3control:GetAccessPointPolicy", code: "MalformedPolicyDocument", message, resource: arn });
    }
  }
  return {
    name: listed.Name,
    arn,
    bucket: listed.Bucket,
    bucketAccountId: listed.BucketAccountId ?? null,
    networkOrigin: listed.NetworkOrigin === "VPC" ? "VPC" : "Internet",
    vpcId: listed.VpcConfiguration?.VpcId ?? null,
    policy: document,
    policyJson: document === null ? null : policyText,
    publicAccessBlock: details.kind === "ok" ? toPublicAccessBlock(details.value.PublicAccessBlockConfiguration) : null,
    errors,
  };
}

/**
 * Every access point of the account, sorted by ARN. A refused listing (AccessDenied: no s3:ListAccessPoints) is an
 * error in `errors` and no access points; a refused policy or detail read is an error on that access point.
 */
export async function collectAccessPoints(
  clients: Pick<AwsClients, "s3control">,
  accountId: string,
): Promise<{ accessPoints: AccessPointFacts[]; errors: CollectionError[] }> {
  const listed: AccessPoint[] = [];
  try {
    for await (const page of paginateListAccessPoints({ client: clients.s3control }, { AccountId: accountId })) {
      listed.push(...(page.AccessPointList ?? []));
    }
  } catch (error) {
    const refused = toCollectionError("s3control:ListAccessPoints", error, `arn:aws:iam::${accountId}:root`);
    return { accessPoints: [], errors: [refused] };
  }
  const accessPoints = await Promise.all(
    listed.map(async (ap) => {
      const resource = ap.AccessPointArn ?? ap.Name ?? "";
      const input = { AccountId: accountId, Name: ap.Name };
      const [details, policy] = await Promise.all([
        attempt("s3control:GetAccessPoint", resource, () => clients.s3control.send(new GetAccessPointCommand(input))),
        attempt("s3control:GetAccessPointPolicy", resource, () =>
          clients.s3control.send(new GetAccessPointPolicyCommand(input)),
        ),
      ]);
      return toAccessPointFacts(ap, details, policy);
    }),
  );
  return {
    accessPoints: accessPoints
      .filter((a): a is AccessPointFacts => a !== null)
      .sort((a, b) => a.arn.localeCompare(b.arn)),
    errors: [],
  };
}
