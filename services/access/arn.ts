/**
 * ARN helpers for the principal and resource shapes the access engine meets: IAM users and roles, STS role sessions,
 * account roots, S3 bucket and object ARNs.
 */
import { InvalidInputError } from "../errors.js";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): Arn | null {
  if (!arn.startsWith("arn:")) return null;
  const parts = arn.split(":");
  if (parts.length < 6) return null;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    accountId: parts[4]!,
    resource: parts.slice(5).join(":"),
  };
}

export function requireArn(field: string, arn: string): Arn {
  const parsed = parseArn(arn);
  if (!parsed) throw new InvalidInputError(field, `"${arn}" is not an ARN`, "Give a full ARN such as arn:aws:iam::123456789012:user/alice.");
  return parsed;
}

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

export function accountRootArn(accountId: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The account an `AWS` principal value names when it names a whole account (root ARN or bare ID), else null. */
export function accountOfAccountPrincipal(value: string): string | null {
  if (isAccountId(value)) return value;
  const arn = parseArn(value);
  if (arn && arn.service === "iam" && arn.resource === "root") return arn.accountId;
  return null;
}

export function isRoleArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== null && parsed.service === "iam" && parsed.resource.startsWith("role/");
}

export function isUserArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed !== null && parsed.service === "iam" && parsed.resource.startsWith("user/");
}

/** Role name without path: arn:aws:iam::1:role/path/name -> name. */
export function roleNameOf(roleArn: string): string {
  const resource = parseArn(roleArn)?.resource ?? "";
  return resource.slice(resource.lastIndexOf("/") + 1);
}

/** The session ARN STS gives a role session: arn:aws:sts::<acct>:assumed-role/<name>/<session> (path dropped). */
export function roleSessionArn(roleArn: string, sessionName: string): string {
  const parsed = requireArn("roleArn", roleArn);
  return `arn:${parsed.partition}:sts::${parsed.accountId}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;
}

export function bucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}

/** Bucket name of an S3 bucket or object ARN, or null for anything else. */
export function bucketOfS3Arn(arn: string): string | null {
  if (!arn.startsWith("arn:aws:s3:::")) return null;
  const rest = arn.slice("arn:aws:s3:::".length);
  const slash = rest.indexOf("/");
  return slash < 0 ? rest : rest.slice(0, slash);
}
