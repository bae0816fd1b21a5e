/**
 * S3 access control lists. ACLs count only while Object Ownership is not BucketOwnerEnforced. Bucket ACL READ lists
 * the bucket and WRITE creates, overwrites and deletes objects; object ACL READ reads the object; READ_ACP/WRITE_ACP
 * read/write the ACL itself; FULL_CONTROL is all of them. Grantees are accounts (canonical user IDs) or the groups
 * AllUsers (anyone, anonymous included) and AuthenticatedUsers (any AWS account).
 */
import type { Acl, AclGrant, ObjectAclFacts, ObjectOwnership } from "../aws/inventory.js";
import type { StatementRef } from "./effective-access.js";
import type { AclContext, RequestPrincipal } from "./evaluate/request.js";
import { anyOf, NO, YES, type Support } from "./evaluate/support.js";

export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

type AclPermission = AclGrant["permission"];

const BUCKET_ACL_PERMISSION: Readonly<Record<string, AclPermission>> = {
  "s3:listbucket": "READ",
  "s3:listbucketversions": "READ",
  "s3:listbucketmultipartuploads": "READ",
  "s3:putobject": "WRITE",
  "s3:deleteobject": "WRITE",
  "s3:deleteobjectversion": "WRITE",
  "s3:getbucketacl": "READ_ACP",
  "s3:putbucketacl": "WRITE_ACP",
};

const OBJECT_ACL_PERMISSION: Readonly<Record<string, AclPermission>> = {
  "s3:getobject": "READ",
  "s3:getobjectversion": "READ",
  "s3:getobjecttorrent": "READ",
  "s3:getobjectacl": "READ_ACP",
  "s3:getobjectversionacl": "READ_ACP",
  "s3:putobjectacl": "WRITE_ACP",
  "s3:putobjectversionacl": "WRITE_ACP",
};

/** How ACLs treat an action: the bucket ACL permission it needs, or the object ACL permission ("-" for none). */
export function aclPermissionsOf(lowerAction: string): string {
  return `${BUCKET_ACL_PERMISSION[lowerAction] ?? "-"}/${OBJECT_ACL_PERMISSION[lowerAction] ?? "-"}`;
}

export function aclsEnabled(ownership: ObjectOwnership | null): boolean {
  return ownership !== "BucketOwnerEnforced";
}

export function isPublicGrant(grant: AclGrant): boolean {
  return grant.grantee.type === "Group" && (grant.grantee.uri === ALL_USERS_URI || grant.grantee.uri === AUTHENTICATED_USERS_URI);
}

/** An ACL grants public access when a grant to AllUsers or AuthenticatedUsers exists (and ACLs are enabled). */
export function aclIsPublic(acl: Acl | null, ownership: ObjectOwnership | null): boolean {
  return aclsEnabled(ownership) && acl !== null && acl.grants.some(isPublicGrant);
}

export function granteeLabel(grant: AclGrant): string {
  const g = grant.grantee;
  if (g.type === "Group") return g.uri.slice(g.uri.lastIndexOf("/") + 1);
  if (g.type === "CanonicalUser") return `canonical:${g.id}`;
  return `email:${g.email}`;
}

/** The account a grant names: the owner's canonical ID maps to the resource account. */
export function grantAccount(grant: AclGrant, acl: Acl, resourceAccountId: string, canonicalAccounts?: Readonly<Record<string, string>>): string | null {
  if (grant.grantee.type !== "CanonicalUser") return null;
  if (grant.grantee.id === acl.ownerCanonicalId) return resourceAccountId;
  return canonicalAccounts?.[grant.grantee.id] ?? null;
}

export interface AclSupport {
  /** Grants to AllUsers / AuthenticatedUsers, or to the principal's own account when it is the root. */
  open: Support;
  /** Grants to the principal's account: like a policy naming the account, they need an identity Allow too. */
  account: Support;
  ignoredPublic: StatementRef[];
}

function matchesGrant(
  grant: AclGrant,
  acl: Acl,
  principal: RequestPrincipal,
  resourceAccountId: string,
  canonicalAccounts: Readonly<Record<string, string>> | undefined,
): "open" | "account" | "none" {
  const g = grant.grantee;
  if (g.type === "Group") {
    if (g.uri === ALL_USERS_URI) return "open";
    if (g.uri === AUTHENTICATED_USERS_URI) return principal.kind === "Anonymous" ? "none" : "open";
    return "none";
  }
  if (g.type !== "CanonicalUser") return "none";
  const sameCanonical = principal.canonicalId !== undefined && principal.canonicalId === g.id;
  const account = grantAccount(grant, acl, resourceAccountId, canonicalAccounts);
  const sameAccount = sameCanonical || (account !== null && account === principal.accountId);
  if (!sameAccount) return "none";
  return principal.kind === "AccountRoot" ? "open" : "account";
}

/**
 * What the ACLs grant `principal` for `lowerAction`. Bucket ACL permissions come from the bucket ACL. Object ACL
 * permissions come from the object's ACL when one object is asked about (`objectArn`), and, for a bucket-wide question
 * (`objectArn` null), from the surveyed object ACLs: a grant in any of them gives access to part of the bucket, as a
 * policy Allow on part of the keys does. Such a grant's StatementRef names the first surveyed object carrying it
 * (policyId "<bucket ARN>/<key>#object-acl"), one ref per distinct grantee and permission.
 */
export function aclSupport(
  context: AclContext,
  principal: RequestPrincipal,
  lowerAction: string,
  objectArn: string | null,
  ignorePublicAcls: boolean,
  bucketArn: string,
  resourceAccountId: string,
): AclSupport {
  const result: AclSupport = { open: NO, account: NO, ignoredPublic: [] };
  if (!aclsEnabled(context.ownership)) return result;
  const bucketPermission = BUCKET_ACL_PERMISSION[lowerAction];
  const objectPermission = OBJECT_ACL_PERMISSION[lowerAction];
  const open: Support[] = [];
  const account: Support[] = [];
  // Surveyed object ACLs repeat the same grants object after object: one ref per grantee and permission.
  const seen = new Set<string>();
  const consider = (acl: Acl, permission: AclPermission, policyId: string, once: boolean): void => {
    // Canonical IDs name accounts as the bucket owner knows them: an object owned by another account keeps the
    // bucket owner's ID as the resource account.
    const owner: Acl = acl === context.bucketAcl || !context.bucketAcl ? acl : { ownerCanonicalId: context.bucketAcl.ownerCanonicalId, grants: acl.grants };
    acl.grants.forEach((grant, index) => {
      if (grant.permission !== permission && grant.permission !== "FULL_CONTROL") return;
      const sid = `${granteeLabel(grant)}:${grant.permission}`;
      if (once && seen.has(sid)) return;
      const match = matchesGrant(grant, owner, principal, resourceAccountId, context.canonicalAccounts);
      if (match === "none") return;
      if (once) seen.add(sid);
      const ref: StatementRef = { policyId, sid, index, effect: "Allow", source: "acl" };
      if (ignorePublicAcls && isPublicGrant(grant)) {
        result.ignoredPublic.push(ref);
        return;
      }
      (match === "open" ? open : account).push({ ...YES, via: [ref] });
    });
  };
  if (bucketPermission) {
    if (context.bucketAcl) consider(context.bucketAcl, bucketPermission, `${bucketArn}#acl`, false);
  } else if (objectPermission && objectArn !== null) {
    if (context.objectAcl) consider(context.objectAcl, objectPermission, `${objectArn}#object-acl`, false);
  } else if (objectPermission) {
    for (const object of context.objectAcls ?? NO_OBJECT_ACLS) consider(object.acl, objectPermission, `${bucketArn}/${object.key}#object-acl`, true);
  }
  if (open.length > 0) result.open = anyOf(open);
  if (account.length > 0) result.account = anyOf(account);
  return result;
}

const NO_OBJECT_ACLS: readonly ObjectAclFacts[] = [];
