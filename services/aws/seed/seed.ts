/**
 * Applies the demo estate (estate.ts) to an account: create-if-absent, put-if-different. A second run against a
 * seeded account changes nothing: no new buckets, principals, policy versions or object versions.
 * Order matters against real AWS: IAM first (bucket policies and trust policies must name existing principals),
 * bucket policies before Block Public Access (BlockPublicPolicy would refuse a public policy), logging targets and
 * versioning before logging and replication.
 */
import { createHash } from "node:crypto";
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyVersionCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  ListPolicyVersionsCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagRoleCommand,
  TagUserCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
  paginateListAliases,
} from "@aws-sdk/client-kms";
import {
  CreateAccessPointCommand,
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  PutAccessPointPolicyCommand,
} from "@aws-sdk/client-s3-control";
import type { PolicyDocument } from "../../access/policy-document.js";
import { awsErrorCode, toAwsCallError } from "../aws-error.js";
import type { AwsClients } from "../clients.js";
import { decodeIamPolicyDocument } from "../policy-json.js";
import { unquoteEtag } from "../s3-mapping.js";
import { renderContent } from "./content.js";
import {
  ACCESS_POINTS,
  ACCOUNT_ID,
  BUCKETS,
  IAM_ESTATE,
  KMS_KEYS,
  REGION,
  type AccessPointSpec,
  type BucketSpec,
  type IamEstate,
  type KmsKeySpec,
} from "./estate.js";

export interface SeedSummary {
  bucketsCreated: number;
  bucketsExisting: number;
  objectsPut: number;
  objectsUnchanged: number;
  /** Users, groups, roles and customer managed policies created by this run. */
  iamCreated: number;
  iamExisting: number;
  /** Managed policies given a new default version, roles given a new trust policy, bucket policies replaced. */
  documentsUpdated: number;
  /** KMS keys and access points created by this run (their policies, when replaced, count in documentsUpdated). */
  kmsKeysCreated: number;
  accessPointsCreated: number;
}

export interface SeedOptions {
  log?: (line: string) => void;
  /** Parallel object uploads. */
  concurrency?: number;
}

/** Metadata carrying the content digest: SSE-KMS objects have ETags that are not the MD5 of their bytes. */
const DIGEST_METADATA = "seed-md5";

function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** Key order and whitespace do not make two policies different. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sameDocument(a: PolicyDocument, b: PolicyDocument): boolean {
  return canonical(a) === canonical(b);
}

function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

async function exists(call: () => Promise<unknown>, notFoundCodes: readonly string[]): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (notFoundCodes.includes(awsErrorCode(error))) return false;
    throw error;
  }
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

class Applier {
  readonly summary: SeedSummary = {
    bucketsCreated: 0,
    bucketsExisting: 0,
    objectsPut: 0,
    objectsUnchanged: 0,
    iamCreated: 0,
    iamExisting: 0,
    documentsUpdated: 0,
    kmsKeysCreated: 0,
    accessPointsCreated: 0,
  };

  constructor(
    private readonly clients: AwsClients,
    private readonly log: (line: string) => void,
    private readonly concurrency: number,
  ) {}

  private counted(created: boolean): void {
    if (created) this.summary.iamCreated++;
    else this.summary.iamExisting++;
  }

  async iam(estate: IamEstate): Promise<void> {
    const iam = this.clients.iam;
    const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`;

    // Policies, groups and users do not depend on their siblings, so each kind goes in parallel; roles go in order.
    await Promise.all(
      estate.policies.map(async (p) => {
        const Arn = policyArn(p.name);
        const present = await exists(
          () => iam.send(new GetPolicyCommand({ PolicyArn: Arn })),
          ["NoSuchEntityException", "NoSuchEntity"],
        );
        if (!present) {
          await iam.send(
            new CreatePolicyCommand({
              PolicyName: p.name,
              Description: p.description,
              PolicyDocument: JSON.stringify(p.document),
            }),
          );
        } else {
          await this.ensurePolicyDocument(Arn, p.document);
        }
        this.counted(!present);
      }),
    );

    await Promise.all(
      estate.groups.map(async (g) => {
        const present = await exists(
          () => iam.send(new GetGroupCommand({ GroupName: g.name })),
          ["NoSuchEntityException", "NoSuchEntity"],
        );
        if (!present) await iam.send(new CreateGroupCommand({ GroupName: g.name }));
        this.counted(!present);
        for (const name of g.managedPolicies)
          await iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn: policyArn(name) }));
        for (const inline of g.inlinePolicies) {
          await iam.send(
            new PutGroupPolicyCommand({
              GroupName: g.name,
              PolicyName: inline.name,
              PolicyDocument: JSON.stringify(inline.document),
            }),
          );
        }
      }),
    );

    await Promise.all(
      estate.users.map(async (u) => {
        const present = await exists(
          () => iam.send(new GetUserCommand({ UserName: u.name })),
          ["NoSuchEntityException", "NoSuchEntity"],
        );
        if (!present) await iam.send(new CreateUserCommand({ UserName: u.name, Path: u.path, Tags: tagList(u.tags) }));
        else await iam.send(new TagUserCommand({ UserName: u.name, Tags: tagList(u.tags) }));
        this.counted(!present);
        for (const group of u.groups) await iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: u.name }));
        for (const name of u.managedPolicies)
          await iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: policyArn(name) }));
        for (const inline of u.inlinePolicies) {
          await iam.send(
            new PutUserPolicyCommand({
              UserName: u.name,
              PolicyName: inline.name,
              PolicyDocument: JSON.stringify(inline.document),
            }),
          );
        }
      }),
    );

    for (const r of estate.roles) {
      let current: string | undefined;
      try {
        current = (await iam.send(new GetRoleCommand({ RoleName: r.name }))).Role?.AssumeRolePolicyDocument;
      } catch (error) {
        if (!["NoSuchEntityException", "NoSuchEntity"].includes(awsErrorCode(error))) throw error;
      }
      if (current === undefined) {
        await iam.send(
          new CreateRoleCommand({
            RoleName: r.name,
            Description: r.description,
            AssumeRolePolicyDocument: JSON.stringify(r.trust),
            Tags: tagList(r.tags),
            ...(r.permissionsBoundary === undefined ? {} : { PermissionsBoundary: policyArn(r.permissionsBoundary) }),
          }),
        );
      } else {
        if (!sameDocument(decodeIamPolicyDocument(current), r.trust)) {
          await iam.send(
            new UpdateAssumeRolePolicyCommand({ RoleName: r.name, PolicyDocument: JSON.stringify(r.trust) }),
          );
          this.summary.documentsUpdated++;
        }
        await iam.send(new TagRoleCommand({ RoleName: r.name, Tags: tagList(r.tags) }));
        if (r.permissionsBoundary !== undefined) {
          await iam.send(
            new PutRolePermissionsBoundaryCommand({
              RoleName: r.name,
              PermissionsBoundary: policyArn(r.permissionsBoundary),
            }),
          );
        }
      }
      this.counted(current === undefined);
      for (const name of r.managedPolicies)
        await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: policyArn(name) }));
      for (const inline of r.inlinePolicies) {
        await iam.send(
          new PutRolePolicyCommand({
            RoleName: r.name,
            PolicyName: inline.name,
            PolicyDocument: JSON.stringify(inline.document),
          }),
        );
      }
    }
    this.log(`iam: ${this.summary.iamCreated} created, ${this.summary.iamExisting} already present`);
  }

  /** A managed policy whose default version differs gets a new default version (IAM keeps at most five). */
  private async ensurePolicyDocument(arn: string, document: PolicyDocument): Promise<void> {
    const iam = this.clients.iam;
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
    const defaultVersion = versions.find((v) => v.IsDefaultVersion === true);
    if (defaultVersion?.VersionId !== undefined) {
      const text = (
        await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersion.VersionId }))
      ).PolicyVersion?.Document;
      if (text !== undefined && sameDocument(decodeIamPolicyDocument(text), document)) return;
    }
    const stale = versions
      .filter((v) => v.IsDefaultVersion !== true && v.VersionId !== undefined)
      .sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0));
    if (versions.length >= 5) {
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: stale[0]?.VersionId }));
    }
    await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(document), SetAsDefault: true }),
    );
    this.summary.documentsUpdated++;
  }

  /** Keys are found again by alias: KMS assigns key ids, and a key cannot be deleted at once (7-day wait). */
  async kmsKeys(keys: readonly KmsKeySpec[]): Promise<void> {
    const kms = this.clients.kms;
    const keyIdByAlias = new Map<string, string>();
    for await (const page of paginateListAliases({ client: kms }, {})) {
      for (const a of page.Aliases ?? []) {
        if (a.AliasName && a.TargetKeyId) keyIdByAlias.set(a.AliasName, a.TargetKeyId);
      }
    }
    for (const key of keys) {
      const keyId = keyIdByAlias.get(key.alias);
      const Policy = JSON.stringify(key.policy);
      if (keyId === undefined) {
        const created = await kms.send(new CreateKeyCommand({ Description: key.description, Policy }));
        await kms.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: created.KeyMetadata?.KeyId }));
        this.summary.kmsKeysCreated++;
        continue;
      }
      const current = (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy;
      if (current !== undefined && sameDocument(JSON.parse(current) as PolicyDocument, key.policy)) continue;
      await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy }));
      this.summary.documentsUpdated++;
    }
    this.log(`kms: ${this.summary.kmsKeysCreated} keys created`);
  }

  async accessPoints(points: readonly AccessPointSpec[]): Promise<void> {
    const s3control = this.clients.s3control;
    const AccountId = ACCOUNT_ID;
    for (const ap of points) {
      const present = await exists(
        () => s3control.send(new GetAccessPointCommand({ AccountId, Name: ap.name })),
        ["NoSuchAccessPoint", "NotFound"],
      );
      if (!present) {
        const pab = ap.publicAccessBlock;
        await s3control.send(
          new CreateAccessPointCommand({
            AccountId,
            Name: ap.name,
            Bucket: ap.bucket,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: pab.blockPublicAcls,
              IgnorePublicAcls: pab.ignorePublicAcls,
              BlockPublicPolicy: pab.blockPublicPolicy,
              RestrictPublicBuckets: pab.restrictPublicBuckets,
            },
          }),
        );
        this.summary.accessPointsCreated++;
      }
      let current: string | undefined;
      try {
        current = (await s3control.send(new GetAccessPointPolicyCommand({ AccountId, Name: ap.name }))).Policy;
      } catch (error) {
        if (awsErrorCode(error) !== "NoSuchAccessPointPolicy") throw error;
      }
      if (current !== undefined && sameDocument(JSON.parse(current) as PolicyDocument, ap.policy)) continue;
      if (current !== undefined) this.summary.documentsUpdated++;
      const Policy = JSON.stringify(ap.policy);
      await s3control.send(new PutAccessPointPolicyCommand({ AccountId, Name: ap.name, Policy }));
    }
    this.log(`access points: ${this.summary.accessPointsCreated} created`);
  }

  async bucketConfiguration(b: BucketSpec): Promise<void> {
    const s3 = this.clients.s3;
    const Bucket = b.name;
    const present = await exists(() => s3.send(new HeadBucketCommand({ Bucket })), ["NotFound", "NoSuchBucket"]);
    if (!present) {
      // us-east-1 is the one region that takes no LocationConstraint.
      await s3.send(
        new CreateBucketCommand({
          Bucket,
          ...(REGION === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: REGION } }),
        }),
      );
      this.summary.bucketsCreated++;
    } else {
      this.summary.bucketsExisting++;
    }
    if (b.ownership !== undefined) {
      await s3.send(
        new PutBucketOwnershipControlsCommand({
          Bucket,
          OwnershipControls: { Rules: [{ ObjectOwnership: b.ownership }] },
        }),
      );
    }
    if (b.cannedAcl !== undefined) await s3.send(new PutBucketAclCommand({ Bucket, ACL: b.cannedAcl }));
    await this.ensureBucketPolicy(Bucket, b.policy);
    if (b.publicAccessBlock !== undefined) {
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
    }
    const enc = b.encryption;
    if (enc.type === "NONE") {
      // moto then has no configuration at all; real S3 resets to SSE-S3, which cannot be switched off since 2023.
      await s3.send(new DeleteBucketEncryptionCommand({ Bucket }));
    } else {
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket,
          ServerSideEncryptionConfiguration: {
            Rules: [
              enc.type === "AES256"
                ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }
                : {
                    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: enc.kmsKeyArn },
                    BucketKeyEnabled: enc.bucketKeyEnabled,
                  },
            ],
          },
        }),
      );
    }
    if (b.versioning !== undefined)
      await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: b.versioning } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagList(b.tags) } }));
    if (b.website !== undefined) {
      await s3.send(
        new PutBucketWebsiteCommand({
          Bucket,
          WebsiteConfiguration: {
            IndexDocument: { Suffix: b.website.indexDocument },
            ErrorDocument: { Key: b.website.errorDocument },
          },
        }),
      );
    }
  }

  /** Logging and replication name other resources (the log bucket's policy, versioning), so they come last. */
  async bucketLinks(b: BucketSpec): Promise<void> {
    const s3 = this.clients.s3;
    if (b.logging !== undefined) {
      await s3.send(
        new PutBucketLoggingCommand({
          Bucket: b.name,
          BucketLoggingStatus: {
            LoggingEnabled: { TargetBucket: b.logging.targetBucket, TargetPrefix: b.logging.targetPrefix },
          },
        }),
      );
    }
    if (b.replication !== undefined) {
      await s3.send(
        new PutBucketReplicationCommand({
          Bucket: b.name,
          ReplicationConfiguration: {
            Role: b.replication.roleArn,
            Rules: b.replication.rules.map((r) => ({
              ID: r.id,
              Priority: r.priority,
              Status: "Enabled" as const,
              Filter: { Prefix: "" },
              DeleteMarkerReplication: { Status: "Disabled" as const },
              Destination: { Bucket: r.destinationBucketArn, Account: r.destinationAccountId },
            })),
          },
        }),
      );
    }
  }

  /**
   * Puts the policy only when it differs (BlockPublicPolicy makes S3 refuse to re-put a public one) and removes a
   * policy the estate does not describe.
   */
  private async ensureBucketPolicy(Bucket: string, policy: PolicyDocument | undefined): Promise<void> {
    let current: string | undefined;
    try {
      current = (await this.clients.s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy;
    } catch (error) {
      if (awsErrorCode(error) !== "NoSuchBucketPolicy") throw error;
    }
    if (policy === undefined) {
      if (current !== undefined) {
        await this.clients.s3.send(new DeleteBucketPolicyCommand({ Bucket }));
        this.summary.documentsUpdated++;
      }
      return;
    }
    if (current !== undefined && sameDocument(JSON.parse(current) as PolicyDocument, policy)) return;
    if (current !== undefined) this.summary.documentsUpdated++;
    await this.clients.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(policy) }));
  }

  /** One upload pool across all buckets; an object whose digest already matches is left alone. */
  async objects(buckets: readonly BucketSpec[]): Promise<void> {
    const s3 = this.clients.s3;
    const existing = new Map<string, string>();
    await Promise.all(
      buckets.map(async (b) => {
        for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: b.name })) {
          for (const o of page.Contents ?? [])
            if (o.Key !== undefined) existing.set(`${b.name}/${o.Key}`, unquoteEtag(o.ETag));
        }
      }),
    );
    const work = buckets.flatMap((b) => b.objects.map((spec) => ({ b, spec })));
    await mapLimit(work, this.concurrency, async ({ b, spec }) => {
      const body = renderContent(spec.content, `${b.name}/${spec.key}`);
      const digest = md5Hex(body);
      const etag = existing.get(`${b.name}/${spec.key}`);
      if (etag !== undefined && (etag === digest || (await this.storedDigest(b.name, spec.key)) === digest)) {
        this.summary.objectsUnchanged++;
        return;
      }
      await s3.send(
        new PutObjectCommand({
          Bucket: b.name,
          Key: spec.key,
          Body: body,
          ContentType: spec.contentType,
          Metadata: { [DIGEST_METADATA]: digest },
          ...(b.objectAcl === undefined ? {} : { ACL: b.objectAcl }),
        }),
      );
      this.summary.objectsPut++;
    });
  }

  private async storedDigest(bucket: string, key: string): Promise<string | undefined> {
    return (await this.clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).Metadata?.[
      DIGEST_METADATA
    ];
  }
}

/**
 * Creates (or completes) the Acme Analytics demo estate. Throws AwsCallError on the first failed write: a half-seeded
 * estate is fixed by running the seed again.
 */
export async function seedDemoEstate(clients: AwsClients, options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? (() => undefined);
  const applier = new Applier(clients, log, options.concurrency ?? 32);
  let step = "iam";
  try {
    await applier.iam(IAM_ESTATE);
    // Key policies name IAM users (KMS refuses unknown principals); bucket encryption names the keys' aliases.
    step = "kms keys";
    await applier.kmsKeys(KMS_KEYS);
    step = "bucket configuration";
    await Promise.all(BUCKETS.map((b) => applier.bucketConfiguration(b)));
    step = "access points";
    await applier.accessPoints(ACCESS_POINTS);
    step = "logging and replication";
    for (const b of BUCKETS) await applier.bucketLinks(b);
    log(`buckets: ${applier.summary.bucketsCreated} created, ${applier.summary.bucketsExisting} already present`);
    step = "objects";
    await applier.objects(BUCKETS);
    log(`objects: ${applier.summary.objectsPut} put, ${applier.summary.objectsUnchanged} unchanged`);
  } catch (error) {
    throw toAwsCallError(`seed ${step}`, error);
  }
  return applier.summary;
}
