/**
 * The resource-control collectors against moto: KMS keys (DescribeKey, GetKeyPolicy, ListGrants), the object ACL
 * survey (GetObjectAcl), access points (S3 Control) and the organization (Organizations), each with its failure paths:
 * a missing or refused resource is recorded on what it concerns, an unreachable endpoint too, and nothing throws.
 *
 * Scratch resources carry a random suffix. The organization tests create and delete an organization, which is
 * account-wide state: they run only against a private moto (SIGHTLINE_TEST_STACK=1 or SIGHTLINE_TEST_MOTO_RESET=1).
 */
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
} from "@aws-sdk/client-kms";
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeleteOrganizationCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  MoveAccountCommand,
} from "@aws-sdk/client-organizations";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteObjectCommand,
  PutBucketOwnershipControlsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { CreateAccessPointCommand, DeleteAccessPointCommand, PutAccessPointPolicyCommand } from "@aws-sdk/client-s3-control";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import {
  collectAccessPoints,
  collectBucket,
  collectInventory,
  collectKmsKey,
  collectKmsKeys,
  collectOrganization,
  createAwsClients,
  destroyAwsClients,
  getAccountId,
  surveyObjectAcls,
  toOrganizationContext,
  type AwsClients,
  type BucketFacts,
} from "../../../services/aws/index.js";

process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";
const config = loadConfig();
const endpointUrl = config.aws.endpointUrl ?? "http://127.0.0.1:5000";
const privateMoto = process.env.SIGHTLINE_TEST_MOTO_RESET === "1" || process.env.SIGHTLINE_TEST_STACK === "1";
const suffix = randomUUID().slice(0, 8);
const region = config.aws.region;

let clients: AwsClients;
/** Clients aimed at a port nobody listens on, one attempt per call: the network failure path. */
let unreachable: AwsClients;
let accountId: string;

const policy = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

beforeAll(async () => {
  clients = createAwsClients({ region, endpointUrl });
  unreachable = createAwsClients({ region, endpointUrl: "http://127.0.0.1:9", maxAttempts: 1 });
  accountId = await getAccountId(clients);
});

afterAll(() => {
  destroyAwsClients(clients);
  destroyAwsClients(unreachable);
});

describe("KMS keys", () => {
  let keyArn: string;
  let aliasArn: string;
  const keyPolicy = [
    { Sid: "EnableIamUserPermissions", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
    { Sid: "NoDecryptForBob", Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:user/bob" }, Action: "kms:Decrypt", Resource: "*" },
  ];

  beforeAll(async () => {
    const key = await clients.kms.send(new CreateKeyCommand({ Description: `sightline-it-${suffix}`, Policy: policy(keyPolicy) }));
    keyArn = key.KeyMetadata!.Arn!;
    await clients.kms.send(new CreateAliasCommand({ AliasName: `alias/sightline-it-${suffix}`, TargetKeyId: key.KeyMetadata!.KeyId }));
    aliasArn = `arn:aws:kms:${region}:${accountId}:alias/sightline-it-${suffix}`;
    await clients.kms.send(
      new CreateGrantCommand({
        KeyId: keyArn,
        GranteePrincipal: "arn:aws:iam::123456789012:role/reporting",
        Operations: ["Decrypt", "DescribeKey"],
        Constraints: { EncryptionContextSubset: { department: "finance" } },
      }),
    );
  });

  it("resolves an alias to the key and reads its policy, grants and state", async () => {
    const key = await collectKmsKey(clients, aliasArn);
    expect({ ...key, grants: key.grants?.map(({ grantId: _id, ...g }) => g) }).toEqual({
      arn: keyArn,
      keyId: keyArn.split("/")[1],
      keyManager: "CUSTOMER",
      keyState: "Enabled",
      keyPolicy: { Version: "2012-10-17", Statement: keyPolicy },
      policyJson: policy(keyPolicy),
      grants: [
        {
          granteePrincipal: "arn:aws:iam::123456789012:role/reporting",
          retiringPrincipal: null,
          operations: ["Decrypt", "DescribeKey"],
          constraints: { EncryptionContextSubset: { department: "finance" } },
        },
      ],
      references: [aliasArn],
      errors: [],
    });
  });

  it("merges two references to one key and rewrites the buckets' key to its ARN", async () => {
    const bucket = (name: string, kmsKeyArn: string): BucketFacts => ({
      name,
      arn: `arn:aws:s3:::${name}`,
      region,
      createdAt: null,
      policy: null,
      policyJson: null,
      acl: null,
      publicAccessBlock: null,
      ownership: "BucketOwnerEnforced",
      encryption: { type: "aws:kms", kmsKeyArn, bucketKeyEnabled: true },
      versioning: "Disabled",
      replication: [],
      tags: {},
      websiteEnabled: false,
      loggingTargetBucket: null,
      errors: [],
    });
    const aes: BucketFacts = { ...bucket("plain", keyArn), encryption: { type: "AES256" } };
    const { kmsKeys, buckets } = await collectKmsKeys(clients, [bucket("by-alias", aliasArn), bucket("by-arn", keyArn), aes]);
    expect(kmsKeys.map((k) => [k.arn, k.references])).toEqual([[keyArn, [aliasArn]]]);
    expect(buckets.map((b) => b.encryption.kmsKeyArn)).toEqual([keyArn, keyArn, undefined]);
  });

  it("records NotFoundException for a key that does not exist, asks nothing more, assumes no policy", async () => {
    const missing = `arn:aws:kms:${region}:${accountId}:key/00000000-0000-4000-8000-000000000000`;
    const key = await collectKmsKey(clients, missing);
    expect(key.arn).toBe(missing);
    expect(key.keyPolicy).toBeNull();
    expect(key.errors?.map((e) => `${e.operation}:${e.code}:${e.resource}`)).toEqual([`kms:DescribeKey:NotFoundException:${missing}`]);
    expect(key.references).toEqual([]);
  });

  it("records AccessDeniedException when the key policy refuses DescribeKey, and still reads the policy", async () => {
    const denying = [{ Sid: "NoDescribe", Effect: "Deny", Principal: "*", Action: "kms:DescribeKey", Resource: "*" }];
    const key = await clients.kms.send(new CreateKeyCommand({ Description: `sightline-it-deny-${suffix}`, Policy: policy(denying) }));
    const collected = await collectKmsKey(clients, key.KeyMetadata!.Arn!);
    expect(collected.errors?.map((e) => `${e.operation}:${e.code}`)).toEqual(["kms:DescribeKey:AccessDeniedException"]);
    expect(collected.keyPolicy).toEqual({ Version: "2012-10-17", Statement: denying });
    expect(collected.keyState).toBeUndefined();
  });

  it("records a key policy that is not JSON as MalformedPolicyDocument", async () => {
    const key = await clients.kms.send(new CreateKeyCommand({ Description: `sightline-it-bad-${suffix}`, Policy: "not a policy" }));
    const collected = await collectKmsKey(clients, key.KeyMetadata!.Arn!);
    expect(collected.keyPolicy).toBeNull();
    expect(collected.policyJson).toBeNull();
    expect(collected.errors?.map((e) => `${e.operation}:${e.code}`)).toEqual(["kms:GetKeyPolicy:MalformedPolicyDocument"]);
  });

  it("records an unreachable endpoint on the key instead of throwing", async () => {
    const key = await collectKmsKey(unreachable, keyArn);
    expect(key.keyPolicy).toBeNull();
    expect(key.errors?.map((e) => `${e.operation}:${e.code}`).sort()).toEqual([
      "kms:DescribeKey:ECONNREFUSED",
      "kms:GetKeyPolicy:ECONNREFUSED",
      "kms:ListGrants:ECONNREFUSED",
    ]);
  });
});

describe("object ACL survey", () => {
  const bucket = `sightline-acl-it-${suffix}`;
  const keys = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];

  beforeAll(async () => {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await clients.s3.send(
      new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: "ObjectWriter" }] } }),
    );
    const acl = { "b.txt": "public-read", "c.txt": "authenticated-read" } as const;
    for (const Key of keys) {
      await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key, Body: Key, ...(Key in acl ? { ACL: acl[Key as keyof typeof acl] } : {}) }),
      );
    }
  });

  afterAll(async () => {
    for (const Key of keys) await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it("keeps the objects whose ACL grants beyond the owner and counts the public ones", async () => {
    const facts = await collectBucket(clients, bucket);
    const survey = await surveyObjectAcls(clients, facts);
    expect({ ...survey, objects: survey?.objects.map((o) => [o.key, o.public, o.acl.grants.map((g) => g.permission)]) }).toEqual({
      objectsChecked: 5,
      complete: true,
      limit: 1000,
      publicObjectCount: 2,
      objects: [
        ["b.txt", true, ["FULL_CONTROL", "READ"]],
        ["c.txt", true, ["FULL_CONTROL", "READ"]],
      ],
      errors: [],
    });
    expect(survey?.objects[1]?.acl.grants[1]?.grantee).toEqual({
      type: "Group",
      uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    });
  });

  it("reads only the first `limit` keys in listing order and says the sample is incomplete", async () => {
    const survey = await surveyObjectAcls(clients, await collectBucket(clients, bucket), { limit: 2 });
    expect([survey?.objectsChecked, survey?.complete, survey?.publicObjectCount, survey?.objects.map((o) => o.key)]).toEqual([
      2,
      false,
      1,
      ["b.txt"],
    ]);
  });

  it("is part of collectInventory, which reports each bucket done and skips the survey with objectAclLimit 0", async () => {
    const progress: string[] = [];
    const surveyed = await collectInventory(clients, {
      region,
      bucketNames: [bucket],
      onBucketCollected: (p) => progress.push(`${p.bucket} ${p.bucketsDone}/${p.bucketsTotal}`),
    });
    expect(surveyed.buckets.map((b) => [b.name, b.objectAcls?.publicObjectCount])).toEqual([[bucket, 2]]);
    expect(progress).toEqual([`${bucket} 1/1`]);
    const skipped = await collectInventory(clients, { region, bucketNames: [bucket], objectAclLimit: 0 });
    expect(skipped.buckets[0]?.objectAcls).toBeNull();
  });

  it("spends no call when Object Ownership is BucketOwnerEnforced", async () => {
    await clients.s3.send(
      new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } }),
    );
    try {
      expect(await surveyObjectAcls(unreachable, await collectBucket(clients, bucket))).toBeNull();
    } finally {
      await clients.s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
    }
  });

  it("records a bucket that vanished (NoSuchBucket) and an unreachable endpoint, and throws neither", async () => {
    const gone = await surveyObjectAcls(clients, { name: `${bucket}-gone`, arn: `arn:aws:s3:::${bucket}-gone`, ownership: null, acl: null });
    expect(gone).toEqual({
      objectsChecked: 0,
      complete: false,
      limit: 1000,
      publicObjectCount: 0,
      objects: [],
      errors: [
        {
          operation: "s3:ListObjectsV2",
          code: "NoSuchBucket",
          message: "The specified bucket does not exist",
          resource: `arn:aws:s3:::${bucket}-gone`,
        },
      ],
    });
    const offline = await surveyObjectAcls(unreachable, { name: bucket, arn: `arn:aws:s3:::${bucket}`, ownership: "ObjectWriter", acl: null });
    expect(offline?.errors.map((e) => `${e.operation}:${e.code}`)).toEqual(["s3:ListObjectsV2:ECONNREFUSED"]);
  });
});

describe("access points", () => {
  const bucket = `sightline-ap-it-${suffix}`;
  const withPolicy = `sl-ap-pol-${suffix}`;
  const withoutPolicy = `sl-ap-none-${suffix}`;
  const apPolicy = [
    {
      Sid: "ReportingReads",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:role/reporting" },
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:${region}:123456789012:accesspoint/${withPolicy}/object/*`,
    },
  ];

  beforeAll(async () => {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const Name of [withPolicy, withoutPolicy]) {
      await clients.s3control.send(
        new CreateAccessPointCommand({
          AccountId: accountId,
          Name,
          Bucket: bucket,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false },
        }),
      );
    }
    await clients.s3control.send(new PutAccessPointPolicyCommand({ AccountId: accountId, Name: withPolicy, Policy: policy(apPolicy) }));
  });

  afterAll(async () => {
    for (const Name of [withPolicy, withoutPolicy]) await clients.s3control.send(new DeleteAccessPointCommand({ AccountId: accountId, Name }));
    await clients.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it("lists the account's access points with their policy and Block Public Access; no policy is not an error", async () => {
    const { accessPoints, errors } = await collectAccessPoints(clients, accountId);
    expect(errors).toEqual([]);
    const mine = accessPoints.filter((ap) => ap.bucket === bucket);
    expect(mine.map((ap) => ap.name)).toEqual([withoutPolicy, withPolicy].sort());
    const pol = mine.find((ap) => ap.name === withPolicy);
    expect(pol).toEqual({
      name: withPolicy,
      arn: `arn:aws:s3:${region}:${accountId}:accesspoint/${withPolicy}`,
      bucket,
      bucketAccountId: null,
      networkOrigin: "Internet",
      vpcId: null,
      policy: { Version: "2012-10-17", Statement: apPolicy },
      policyJson: policy(apPolicy),
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false },
      errors: [],
    });
    const none = mine.find((ap) => ap.name === withoutPolicy);
    expect([none?.policy, none?.policyJson, none?.errors]).toEqual([null, null, []]);
  });

  it("records a refused or failed listing as an account error and returns no access points", async () => {
    const { accessPoints, errors } = await collectAccessPoints(unreachable, accountId);
    expect(accessPoints).toEqual([]);
    expect(errors.map((e) => `${e.operation}:${e.code}:${e.resource}`)).toEqual([
      `s3control:ListAccessPoints:ECONNREFUSED:arn:aws:iam::${accountId}:root`,
    ]);
  });
});

describe("organization", () => {
  it("is NOT_IN_ORGANIZATION when the account belongs to none (moto's default)", async () => {
    if (privateMoto) expect(await collectOrganization(clients, accountId)).toEqual({ status: "NOT_IN_ORGANIZATION" });
  });

  it("is NOT_ACCESSIBLE, with the typed reason, when Organizations cannot be read; it never throws", async () => {
    const org = await collectOrganization(unreachable, accountId);
    expect(org.status).toBe("NOT_ACCESSIBLE");
    if (org.status === "NOT_ACCESSIBLE") {
      expect(org.reason).toMatchObject({
        operation: "organizations:DescribeOrganization",
        code: "ECONNREFUSED",
        resource: `arn:aws:iam::${accountId}:root`,
      });
    }
    expect(toOrganizationContext(org)).toBeUndefined();
  });

  describe.runIf(privateMoto)("with an organization: root -> OU data -> the account", () => {
    let rootId: string;
    let ouId: string;
    let scpId: string;
    let rcpId: string;
    const scp = [{ Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }];
    const rcp = [
      {
        Sid: "OrgCallersOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-example" } },
      },
    ];

    beforeAll(async () => {
      const org = clients.organizations;
      await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
      rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      for (const PolicyType of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const) {
        await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType }));
      }
      ouId = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: `data-${suffix}` }))).OrganizationalUnit!.Id!;
      await org.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ouId }));
      scpId = (await org.send(new CreatePolicyCommand({ Name: "NoDeletes", Description: "d", Type: "SERVICE_CONTROL_POLICY", Content: policy(scp) })))
        .Policy!.PolicySummary!.Id!;
      rcpId = (await org.send(new CreatePolicyCommand({ Name: "OrgCallersOnly", Description: "r", Type: "RESOURCE_CONTROL_POLICY", Content: policy(rcp) })))
        .Policy!.PolicySummary!.Id!;
      await org.send(new AttachPolicyCommand({ PolicyId: scpId, TargetId: ouId }));
      await org.send(new AttachPolicyCommand({ PolicyId: rcpId, TargetId: accountId }));
    });

    afterAll(async () => {
      await clients.organizations.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: ouId, DestinationParentId: rootId }));
      await clients.organizations.send(new DeleteOrganizationCommand({}));
    });

    it("walks the path from the root and reads the SCPs and RCPs attached on it", async () => {
      const org = await collectOrganization(clients, accountId);
      expect(org.status).toBe("COLLECTED");
      if (org.status !== "COLLECTED") return;
      expect(org.managementAccountId).toBe(accountId);
      expect(org.organizationId).toMatch(/^o-[a-z0-9]{10,32}$/);
      expect(org.path).toEqual([
        { id: rootId, type: "ROOT", policyIds: ["p-FullAWSAccess", "p-RCPFullAWSAccess"] },
        { id: ouId, type: "ORGANIZATIONAL_UNIT", policyIds: [scpId, "p-FullAWSAccess", "p-RCPFullAWSAccess"].sort() },
        { id: accountId, type: "ACCOUNT", policyIds: ["p-FullAWSAccess", "p-RCPFullAWSAccess", rcpId].sort() },
      ]);
      expect(org.policies.map((p) => [p.id, p.type, p.awsManaged])).toEqual(
        [
          [scpId, "SERVICE_CONTROL_POLICY", false],
          [rcpId, "RESOURCE_CONTROL_POLICY", false],
          ["p-FullAWSAccess", "SERVICE_CONTROL_POLICY", true],
          ["p-RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", true],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      expect(org.policies.find((p) => p.id === scpId)?.document).toEqual({ Version: "2012-10-17", Statement: scp });
      expect(org.appliedPolicyTypes).toEqual(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]);
      expect(org.errors).toEqual([]);
    });

    it("maps to the engine's organization context: one array of documents per level, per type", async () => {
      const context = toOrganizationContext(await collectOrganization(clients, accountId));
      const full = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
      const rcpFull = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };
      const noDeletes = { Version: "2012-10-17", Statement: scp };
      const orgCallers = { Version: "2012-10-17", Statement: rcp };
      // Within a level, policies come in the code-point order of their ids.
      const ordered = (docs: [string, object][]) => docs.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
      expect(context?.serviceControlPolicies).toEqual([[full], ordered([[scpId, noDeletes], ["p-FullAWSAccess", full]]), [full]]);
      expect(context?.resourceControlPolicies).toEqual([[rcpFull], [rcpFull], ordered([[rcpId, orgCallers], ["p-RCPFullAWSAccess", rcpFull]])]);
    });
  });
});
