/**
 * Small IAM/S3 estates described as data, and their applier: creates each estate's managed policies, groups, users,
 * roles and buckets through AWS SDK v3 (moto in tests). Unlike the demo seed (services/aws/seed) it assumes an empty
 * account (moto reset first) and is not idempotent: a test resets, applies once, audits once.
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type BucketCannedACL,
} from "@aws-sdk/client-s3";
import type { PolicyDocument } from "../../services/access/policy-document.js";
import type { AwsClients } from "../../services/aws/clients.js";
import type { ObjectOwnership, PublicAccessBlock } from "../../services/aws/inventory.js";

/** Inline policies by name. */
export type InlinePolicies = Readonly<Record<string, PolicyDocument>>;

export interface EstateManagedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface EstateGroup {
  name: string;
  managedPolicies?: readonly string[];
  inline?: InlinePolicies;
}

export interface EstateUser {
  name: string;
  groups?: readonly string[];
  managedPolicies?: readonly string[];
  inline?: InlinePolicies;
  tags?: Readonly<Record<string, string>>;
}

export interface EstateRole {
  name: string;
  trust: PolicyDocument;
  managedPolicies?: readonly string[];
  inline?: InlinePolicies;
  /** Name of a managed policy of the same estate, set as the role's permissions boundary. */
  boundary?: string;
}

export interface EstateObject {
  key: string;
  body: Uint8Array | string;
  contentType: string;
}

export interface EstateBucket {
  name: string;
  /** Ownership set before the ACL (BucketOwnerEnforced refuses ACLs, so an ACL goes under another setting first). */
  ownership?: ObjectOwnership;
  cannedAcl?: BucketCannedACL;
  /** Ownership set after the ACL: how a bucket whose ACL still grants others ends up with ACLs disabled. */
  ownershipAfterAcl?: ObjectOwnership;
  policy?: PolicyDocument;
  /** Put after the policy, as S3 requires when BlockPublicPolicy would refuse it. */
  publicAccessBlock: PublicAccessBlock;
  objects?: readonly EstateObject[];
}

export interface ScenarioEstate {
  policies?: readonly EstateManagedPolicy[];
  groups?: readonly EstateGroup[];
  users?: readonly EstateUser[];
  /** Created in order: a role named in a later role's trust policy comes first. */
  roles?: readonly EstateRole[];
  buckets: readonly EstateBucket[];
}

/** Default encryption is set on every bucket so that encryption findings never depend on the emulator's default. */
const SSE_S3 = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const } }] };

async function applyIam(clients: Pick<AwsClients, "iam">, accountId: string, estate: ScenarioEstate): Promise<void> {
  const iam = clients.iam;
  const policyArn = (name: string) => `arn:aws:iam::${accountId}:policy/${name}`;
  const inline = (policies: InlinePolicies | undefined) => Object.entries(policies ?? {});
  for (const p of estate.policies ?? []) {
    await iam.send(new CreatePolicyCommand({ PolicyName: p.name, PolicyDocument: JSON.stringify(p.document) }));
  }
  for (const g of estate.groups ?? []) {
    await iam.send(new CreateGroupCommand({ GroupName: g.name }));
    for (const name of g.managedPolicies ?? [])
      await iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn: policyArn(name) }));
    for (const [PolicyName, doc] of inline(g.inline))
      await iam.send(new PutGroupPolicyCommand({ GroupName: g.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
  for (const u of estate.users ?? []) {
    const Tags = Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    await iam.send(new CreateUserCommand({ UserName: u.name, ...(Tags.length > 0 ? { Tags } : {}) }));
    for (const group of u.groups ?? []) await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: u.name }));
    for (const name of u.managedPolicies ?? [])
      await iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: policyArn(name) }));
    for (const [PolicyName, doc] of inline(u.inline))
      await iam.send(new PutUserPolicyCommand({ UserName: u.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
  for (const r of estate.roles ?? []) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: r.name,
        AssumeRolePolicyDocument: JSON.stringify(r.trust),
        ...(r.boundary === undefined ? {} : { PermissionsBoundary: policyArn(r.boundary) }),
      }),
    );
    for (const name of r.managedPolicies ?? [])
      await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: policyArn(name) }));
    for (const [PolicyName, doc] of inline(r.inline))
      await iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
}

async function applyBucket(clients: Pick<AwsClients, "s3">, b: EstateBucket): Promise<void> {
  const s3 = clients.s3;
  const Bucket = b.name;
  const ownership = (ObjectOwnership: ObjectOwnership) =>
    s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership }] } }));
  await s3.send(new CreateBucketCommand({ Bucket }));
  if (b.ownership !== undefined) await ownership(b.ownership);
  if (b.cannedAcl !== undefined) await s3.send(new PutBucketAclCommand({ Bucket, ACL: b.cannedAcl }));
  if (b.ownershipAfterAcl !== undefined) await ownership(b.ownershipAfterAcl);
  if (b.policy !== undefined) await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(b.policy) }));
  const pab = b.publicAccessBlock;
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: pab.blockPublicAcls,
        IgnorePublicAcls: pab.ignorePublicAcls,
        BlockPublicPolicy: pab.blockPublicPolicy,
        RestrictPublicBuckets: pab.restrictPublicBuckets,
      },
    }),
  );
  await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: SSE_S3 }));
  for (const o of b.objects ?? []) {
    await s3.send(new PutObjectCommand({ Bucket, Key: o.key, Body: o.body, ContentType: o.contentType }));
  }
}

/** Applies every estate to one empty account (us-east-1): all IAM first, since policies name principals. */
export async function applyScenarioEstates(
  clients: Pick<AwsClients, "iam" | "s3">,
  accountId: string,
  estates: readonly ScenarioEstate[],
): Promise<void> {
  for (const estate of estates) await applyIam(clients, accountId, estate);
  await Promise.all(estates.flatMap((e) => e.buckets).map((b) => applyBucket(clients, b)));
}
