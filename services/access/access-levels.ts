/**
 * The S3 actions behind each access level Sightline reports (rule 14): READ data, LIST keys, WRITE data, and
 * PERMISSIONS (control: can make data public or take it). `object` actions apply to arn:aws:s3:::bucket/key.
 */
import type { AccessLevel } from "./effective-access.js";

export interface LevelAction {
  action: string;
  lower: string;
  level: AccessLevel;
  object: boolean;
}

const table: Array<[string, AccessLevel, boolean]> = [
  ["s3:GetObject", "READ", true],
  ["s3:GetObjectVersion", "READ", true],
  ["s3:ListBucket", "LIST", false],
  ["s3:PutObject", "WRITE", true],
  ["s3:DeleteObject", "WRITE", true],
  ["s3:DeleteObjectVersion", "WRITE", true],
  ["s3:PutBucketPolicy", "PERMISSIONS", false],
  ["s3:PutBucketAcl", "PERMISSIONS", false],
  ["s3:PutObjectAcl", "PERMISSIONS", true],
  ["s3:PutBucketPublicAccessBlock", "PERMISSIONS", false],
  ["s3:PutBucketOwnershipControls", "PERMISSIONS", false],
];

export const LEVEL_ACTIONS: readonly LevelAction[] = table.map(([action, level, object]) => ({
  action,
  lower: action.toLowerCase(),
  level,
  object,
}));

export const ACCESS_LEVELS: readonly AccessLevel[] = ["READ", "LIST", "WRITE", "PERMISSIONS"];

/** Role assumption actions a trust policy can allow, by the kind of caller. */
export const ASSUME_ROLE = "sts:AssumeRole";
export const ASSUME_ROLE_WITH_WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
export const ASSUME_ROLE_WITH_SAML = "sts:AssumeRoleWithSAML";
