/**
 * Seeded generator of a synthetic organisation account as an AccountInventory: by default 10,000 principals
 * (6,000 users, 4,000 roles), 5,000 buckets and about 50,000 policy statements, with team-scoped managed policies,
 * groups, inline policies, permissions boundaries, role trust chains, cross-account and public bucket policies,
 * ACLs and SSE-KMS keys. Same seed, same inventory.
 */
import type { AccountInventory, BucketFacts, IamGroup, IamRole, IamUser, KmsKeyFacts, ManagedPolicy } from "../../services/aws/inventory.js";
import type { PolicyDocument, PolicyStatement } from "../../services/access/policy-document.js";
import { prng } from "../prng.js";

export interface GeneratorSize {
  users: number;
  roles: number;
  buckets: number;
  teams: number;
  managedPolicies: number;
  groups: number;
}

export const FULL_SIZE: GeneratorSize = { users: 6000, roles: 4000, buckets: 5000, teams: 50, managedPolicies: 600, groups: 150 };

/** FULL_SIZE times `scale` (at least one of each), for quicker runs. */
export function scaledSize(scale: number): GeneratorSize {
  const scaled = (n: number): number => Math.max(1, Math.round(n * scale));
  return {
    users: scaled(FULL_SIZE.users),
    roles: scaled(FULL_SIZE.roles),
    buckets: scaled(FULL_SIZE.buckets),
    teams: scaled(FULL_SIZE.teams),
    managedPolicies: scaled(FULL_SIZE.managedPolicies),
    groups: scaled(FULL_SIZE.groups),
  };
}

const ACCOUNT = "111111111111";
const PARTNERS = ["222222222222", "333333333333", "444444444444", "555555555555"];

export function generateInventory(seed = 1, size: GeneratorSize = FULL_SIZE): AccountInventory {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number): boolean => random() < p;
  const team = (): number => int(size.teams);
  const bucketName = (i: number): string => `bkt-t${String(i % size.teams).padStart(2, "0")}-s${Math.floor(i / size.teams) % 10}-${i}`;
  const teamPrefix = (t: number, sub?: number): string => `arn:aws:s3:::bkt-t${String(t).padStart(2, "0")}-${sub === undefined ? "" : `s${sub}-`}*`;
  const someBucket = (): string => `arn:aws:s3:::${bucketName(int(size.buckets))}`;
  const noise = (): PolicyStatement =>
    pick<PolicyStatement>([
      { Effect: "Allow", Action: ["ec2:Describe*", "cloudwatch:Get*"], Resource: "*" },
      { Effect: "Allow", Action: "dynamodb:Query", Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t${int(500)}` },
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" },
      { Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
      { Effect: "Deny", Action: "iam:*", Resource: "*" },
    ]);
  const s3Statement = (): PolicyStatement => {
    const t = team();
    return pick<PolicyStatement>([
      { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [teamPrefix(t, int(10)), `${teamPrefix(t, int(10))}/*`] },
      { Effect: "Allow", Action: "s3:GetObject", Resource: `${someBucket()}/*` },
      { Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${someBucket()}/incoming/*` },
      { Effect: "Allow", Action: "s3:Get*", Resource: [someBucket(), `${someBucket()}/*`] },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: someBucket(), Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } } },
      { Effect: "Deny", Action: "s3:DeleteObject*", Resource: `${teamPrefix(t)}/*` },
    ]);
  };
  const doc = (statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });

  const policies: ManagedPolicy[] = [];
  for (let i = 0; i < size.managedPolicies; i++) {
    const statements = Array.from({ length: 6 + int(6) }, () => (chance(0.5) ? s3Statement() : noise()));
    policies.push({ arn: `arn:aws:iam::${ACCOUNT}:policy/team-${i}`, name: `team-${i}`, document: doc(statements), awsManaged: false });
  }
  const admin: ManagedPolicy = { arn: "arn:aws:iam::aws:policy/AdministratorAccess", name: "AdministratorAccess", document: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]), awsManaged: true };
  const boundary: ManagedPolicy = { arn: `arn:aws:iam::${ACCOUNT}:policy/boundary`, name: "boundary", document: doc([{ Effect: "Allow", Action: ["s3:Get*", "s3:List*", "sts:AssumeRole", "ec2:*"], Resource: "*" }]), awsManaged: false };
  policies.push(admin, boundary);

  const groups: IamGroup[] = Array.from({ length: size.groups }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:group/g${i}`,
    name: `g${i}`,
    id: `AGPA${i}`,
    path: "/",
    attachedPolicyArns: [pick(policies).arn, pick(policies).arn],
    inlinePolicies: [{ name: "inline", document: doc([s3Statement(), noise(), { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }]) }],
  }));

  const roleArn = (i: number): string => `arn:aws:iam::${ACCOUNT}:role/r${i}`;
  const users: IamUser[] = Array.from({ length: size.users }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:user/u${i}`,
    name: `u${i}`,
    id: `AIDA${i}`,
    path: "/",
    groupNames: Array.from({ length: 1 + int(2) }, () => pick(groups).name),
    attachedPolicyArns: chance(0.01) ? [admin.arn] : [],
    inlinePolicies: chance(0.6)
      ? [{ name: "own", document: doc([...Array.from({ length: 3 + int(4) }, () => (chance(0.6) ? s3Statement() : noise())), ...(chance(0.3) ? [{ Effect: "Allow" as const, Action: "sts:AssumeRole", Resource: roleArn(int(size.roles)) }] : [])]) }]
      : [],
    permissionsBoundaryArn: chance(0.05) ? boundary.arn : null,
    tags: chance(0.5) ? { team: `t${team()}` } : ({} as Record<string, string>),
  }));

  const roles: IamRole[] = Array.from({ length: size.roles }, (_, i) => {
    const kind = random();
    const trustPrincipal: PolicyStatement["Principal"] =
      kind < 0.4
        ? { Service: pick(["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]) }
        : kind < 0.65
          ? { AWS: `arn:aws:iam::${ACCOUNT}:root` }
          : kind < 0.9
            ? { AWS: chance(0.5) ? users[int(size.users)]!.arn : roleArn(int(size.roles)) }
            : { AWS: `arn:aws:iam::${pick(PARTNERS)}:root` };
    const trust: PolicyStatement = { Effect: "Allow", Principal: trustPrincipal, Action: "sts:AssumeRole", ...(kind >= 0.9 ? { Condition: { StringEquals: { "sts:ExternalId": `ext-${i}` } } } : {}) };
    return {
      arn: roleArn(i),
      name: `r${i}`,
      id: `AROA${i}`,
      path: "/",
      trustPolicy: doc([trust]),
      attachedPolicyArns: Array.from({ length: 1 + int(2) }, () => pick(policies).arn),
      inlinePolicies: [
        {
          name: "inline",
          document: doc([
            ...Array.from({ length: 3 + int(5) }, () => (chance(0.7) ? s3Statement() : noise())),
            ...(chance(0.3) ? [{ Effect: "Allow" as const, Action: "sts:AssumeRole", Resource: roleArn(int(size.roles)) }] : []),
          ]),
        },
      ],
      permissionsBoundaryArn: chance(0.05) ? boundary.arn : null,
      tags: {},
    };
  });

  const kmsKeys: KmsKeyFacts[] = Array.from({ length: 20 }, (_, i) => ({
    arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k${i}`,
    keyPolicy: doc([{ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }]),
  }));

  const buckets: BucketFacts[] = Array.from({ length: size.buckets }, (_, i) => {
    const name = bucketName(i);
    const arn = `arn:aws:s3:::${name}`;
    const statements: PolicyStatement[] = [];
    if (chance(0.3)) {
      statements.push({ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
      if (chance(0.3)) statements.push({ Sid: "Partner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${pick(PARTNERS)}:root` }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: [arn, `${arn}/*`] });
      if (chance(0.3)) statements.push({ Sid: "App", Effect: "Allow", Principal: { AWS: roleArn(int(size.roles)) }, Action: ["s3:GetObject", "s3:PutObject"], Resource: `${arn}/*` });
      if (chance(0.05)) statements.push({ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/public/*` });
    }
    const legacy = chance(0.03);
    return {
      name,
      arn,
      region: "us-east-1",
      createdAt: null,
      policy: statements.length > 0 ? doc(statements) : null,
      policyJson: null,
      acl: {
        ownerCanonicalId: "owner",
        grants: [
          { grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" },
          ...(legacy && chance(0.3) ? [{ grantee: { type: "Group" as const, uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" as const }] : []),
        ],
      },
      publicAccessBlock: chance(0.5) ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } : null,
      ownership: legacy ? "ObjectWriter" : "BucketOwnerEnforced",
      encryption: chance(0.1) ? { type: "aws:kms", kmsKeyArn: pick(kmsKeys).arn } : { type: "AES256" },
      versioning: "Enabled",
      replication: [],
      tags: {},
      websiteEnabled: false,
      loggingTargetBucket: null,
      errors: [],
    };
  });

  return {
    accountId: ACCOUNT,
    region: "us-east-1",
    collectedAt: "2026-11-26T00:00:00Z",
    accountPublicAccessBlock: null,
    buckets,
    iam: { users, groups, roles, policies },
    kmsKeys,
    errors: [],
  };
}

export function countStatements(inventory: AccountInventory): number {
  const n = (d: PolicyDocument | null): number => (d === null ? 0 : Array.isArray(d.Statement) ? d.Statement.length : 1);
  const iam = inventory.iam;
  return (
    iam.policies.reduce((s, p) => s + n(p.document), 0) +
    iam.groups.reduce((s, g) => s + g.inlinePolicies.reduce((t, p) => t + n(p.document), 0), 0) +
    iam.users.reduce((s, u) => s + u.inlinePolicies.reduce((t, p) => t + n(p.document), 0), 0) +
    iam.roles.reduce((s, r) => s + n(r.trustPolicy) + r.inlinePolicies.reduce((t, p) => t + n(p.document), 0), 0) +
    inventory.buckets.reduce((s, b) => s + n(b.policy), 0) +
    inventory.kmsKeys.reduce((s, k) => s + n(k.keyPolicy), 0)
  );
}
