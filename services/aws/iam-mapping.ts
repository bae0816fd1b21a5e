/**
 * Pure mapping from GetAccountAuthorizationDetails pages to IamFacts. The call returns every user, group, role and
 * managed policy with their documents inline, URL-encoded; pages are partial lists that concatenate.
 */
import type {
  AttachedPolicy,
  GetAccountAuthorizationDetailsCommandOutput,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  Tag,
  UserDetail,
} from "@aws-sdk/client-iam";
import type { PolicyDocument } from "../access/policy-document.js";
import type {
  CollectionError,
  IamFacts,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
} from "./inventory.js";
import { decodeIamPolicyDocument } from "./policy-json.js";

export type AuthorizationDetailsPage = Pick<
  GetAccountAuthorizationDetailsCommandOutput,
  "UserDetailList" | "GroupDetailList" | "RoleDetailList" | "Policies"
>;

/** AWS managed policies live in the pseudo-account "aws": arn:aws:iam::aws:policy/ReadOnlyAccess. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

class Decoder {
  readonly errors: CollectionError[] = [];

  document(text: string | undefined, operation: string, resource: string): PolicyDocument | null {
    if (text === undefined) return null;
    try {
      return decodeIamPolicyDocument(text);
    } catch (error) {
      this.errors.push({ operation, code: "MalformedPolicyDocument", message: (error as Error).message, resource });
      return null;
    }
  }

  inline(list: PolicyDetail[] | undefined, ownerArn: string): InlinePolicy[] {
    return (list ?? []).flatMap((p): InlinePolicy[] => {
      if (p.PolicyName === undefined) return [];
      const document = this.document(
        p.PolicyDocument,
        "iam:GetAccountAuthorizationDetails",
        `${ownerArn}#inline/${p.PolicyName}`,
      );
      return document === null ? [] : [{ name: p.PolicyName, document }];
    });
  }
}

function attachedArns(list: AttachedPolicy[] | undefined): string[] {
  return (list ?? []).flatMap((p) => (p.PolicyArn === undefined ? [] : [p.PolicyArn]));
}

function tagsOf(list: Tag[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) tags[tag.Key ?? ""] = tag.Value ?? "";
  return tags;
}

function toUser(u: UserDetail, d: Decoder): IamUser | null {
  if (u.Arn === undefined || u.UserName === undefined) return null;
  return {
    arn: u.Arn,
    name: u.UserName,
    id: u.UserId ?? "",
    path: u.Path ?? "/",
    groupNames: [...(u.GroupList ?? [])],
    attachedPolicyArns: attachedArns(u.AttachedManagedPolicies),
    inlinePolicies: d.inline(u.UserPolicyList, u.Arn),
    permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    tags: tagsOf(u.Tags),
  };
}

function toGroup(g: GroupDetail, d: Decoder): IamGroup | null {
  if (g.Arn === undefined || g.GroupName === undefined) return null;
  return {
    arn: g.Arn,
    name: g.GroupName,
    id: g.GroupId ?? "",
    path: g.Path ?? "/",
    attachedPolicyArns: attachedArns(g.AttachedManagedPolicies),
    inlinePolicies: d.inline(g.GroupPolicyList, g.Arn),
  };
}

function toRole(r: RoleDetail, d: Decoder): IamRole | null {
  if (r.Arn === undefined || r.RoleName === undefined) return null;
  const trustPolicy = d.document(r.AssumeRolePolicyDocument, "iam:GetAccountAuthorizationDetails", `${r.Arn}#trust`);
  return {
    arn: r.Arn,
    name: r.RoleName,
    id: r.RoleId ?? "",
    path: r.Path ?? "/",
    // A role whose trust policy cannot be read trusts nobody we can name; the error says so.
    trustPolicy: trustPolicy ?? { Version: "2012-10-17", Statement: [] },
    attachedPolicyArns: attachedArns(r.AttachedManagedPolicies),
    inlinePolicies: d.inline(r.RolePolicyList, r.Arn),
    permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    tags: tagsOf(r.Tags),
  };
}

/** Only the default version matters: it is the one IAM evaluates. */
function toManagedPolicy(p: ManagedPolicyDetail, d: Decoder): ManagedPolicy | null {
  if (p.Arn === undefined) return null;
  const version =
    p.PolicyVersionList?.find((v) => v.IsDefaultVersion === true) ??
    p.PolicyVersionList?.find((v) => v.VersionId !== undefined && v.VersionId === p.DefaultVersionId);
  const document = d.document(version?.Document, "iam:GetAccountAuthorizationDetails", p.Arn);
  if (document === null) {
    if (version === undefined) {
      d.errors.push({
        operation: "iam:GetAccountAuthorizationDetails",
        code: "MissingDefaultVersion",
        message: `no default version document for ${p.Arn}`,
        resource: p.Arn,
      });
    }
    return null;
  }
  return {
    arn: p.Arn,
    name: p.PolicyName ?? p.Arn.split("/").pop() ?? p.Arn,
    document,
    awsManaged: isAwsManagedPolicyArn(p.Arn),
  };
}

/**
 * Folds pages into IamFacts. Customer managed policies are all kept; AWS managed ones only when something in the
 * account uses them (attached, or set as a permissions boundary), since the full AWS catalogue is noise here.
 */
export function toIamFacts(pages: readonly AuthorizationDetailsPage[]): { iam: IamFacts; errors: CollectionError[] } {
  const d = new Decoder();
  const users = pages
    .flatMap((p) => p.UserDetailList ?? [])
    .map((u) => toUser(u, d))
    .filter((u): u is IamUser => u !== null);
  const groups = pages
    .flatMap((p) => p.GroupDetailList ?? [])
    .map((g) => toGroup(g, d))
    .filter((g): g is IamGroup => g !== null);
  const roles = pages
    .flatMap((p) => p.RoleDetailList ?? [])
    .map((r) => toRole(r, d))
    .filter((r): r is IamRole => r !== null);

  const used = new Set<string>();
  for (const principal of [...users, ...groups, ...roles]) principal.attachedPolicyArns.forEach((a) => used.add(a));
  for (const principal of [...users, ...roles])
    if (principal.permissionsBoundaryArn !== null) used.add(principal.permissionsBoundaryArn);

  const policies = pages
    .flatMap((p) => p.Policies ?? [])
    .filter(
      (p) => p.Arn !== undefined && (!isAwsManagedPolicyArn(p.Arn) || used.has(p.Arn) || (p.AttachmentCount ?? 0) > 0),
    )
    .map((p) => toManagedPolicy(p, d))
    .filter((p): p is ManagedPolicy => p !== null);

  // Sorted by ARN so that one account always yields the same inventory, whatever order the pages came in.
  const byArn = (a: { arn: string }, b: { arn: string }) => a.arn.localeCompare(b.arn);
  return {
    iam: {
      users: users.sort(byArn),
      groups: groups.sort(byArn),
      roles: roles.sort(byArn),
      policies: policies.sort(byArn),
    },
    errors: d.errors,
  };
}
