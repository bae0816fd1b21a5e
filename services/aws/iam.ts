/** The IAM collector: one paginated GetAccountAuthorizationDetails sweep. */
import { paginateGetAccountAuthorizationDetails } from "@aws-sdk/client-iam";
import { toAwsCallError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import { type AuthorizationDetailsPage, toIamFacts } from "./iam-mapping.js";
import type { CollectionError, IamFacts } from "./inventory.js";

/** IamFacts plus the documents that could not be decoded (recorded, not fatal). Throws AwsCallError if IAM refuses. */
export async function collectIamDetails(
  clients: Pick<AwsClients, "iam">,
): Promise<{ iam: IamFacts; errors: CollectionError[] }> {
  const pages: AuthorizationDetailsPage[] = [];
  try {
    // The SDK paginator follows Marker while IsTruncated is true.
    for await (const page of paginateGetAccountAuthorizationDetails({ client: clients.iam, pageSize: 1000 }, {})) {
      pages.push(page);
    }
  } catch (error) {
    throw toAwsCallError("iam:GetAccountAuthorizationDetails", error);
  }
  return toIamFacts(pages);
}

export async function collectIam(clients: Pick<AwsClients, "iam">): Promise<IamFacts> {
  return (await collectIamDetails(clients)).iam;
}
