/** Account-level facts: who we are (STS) and the account's S3 Block Public Access (S3 Control). */
import { GetPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AwsCallError } from "../errors.js";
import { isNotConfigured, toAwsCallError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { PublicAccessBlock } from "./inventory.js";
import { toPublicAccessBlock } from "./s3-mapping.js";

export async function getAccountId(clients: Pick<AwsClients, "sts">): Promise<string> {
  let account: string | undefined;
  try {
    account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw toAwsCallError("sts:GetCallerIdentity", error);
  }
  if (account === undefined) {
    throw new AwsCallError("sts:GetCallerIdentity", "MissingAccount", "the response carried no Account");
  }
  return account;
}

/** The account's Block Public Access settings; null when the account has none (NoSuchPublicAccessBlockConfiguration). */
export async function collectAccountPublicAccessBlock(
  clients: Pick<AwsClients, "s3control">,
  accountId: string,
): Promise<PublicAccessBlock | null> {
  try {
    const output = await clients.s3control.send(new GetPublicAccessBlockCommand({ AccountId: accountId }));
    return toPublicAccessBlock(output.PublicAccessBlockConfiguration);
  } catch (error) {
    if (isNotConfigured(error)) return null;
    throw toAwsCallError("s3control:GetPublicAccessBlock", error, `arn:aws:iam::${accountId}:root`);
  }
}
