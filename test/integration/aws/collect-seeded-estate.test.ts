/**
 * Seeds the Acme Analytics estate into moto, collects it back through the collectors and checks the exact facts the
 * estate promises (services/aws/seed/expected.ts), then seeds again and checks that nothing changed.
 *
 * Runs against AWS_ENDPOINT_URL (the shared dev moto by default). The estate's bucket names are fixed, so on a shared
 * moto it reuses whatever a previous seed left; set SIGHTLINE_TEST_MOTO_RESET=1 only against a private moto to reset
 * it first and assert account-wide counts too.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  ListObjectVersionsCommand,
} from "@aws-sdk/client-s3";
import { GetRoleCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../cli/config.js";
import { AwsCallError } from "../../../services/errors.js";
import { decodeIamPolicyDocument } from "../../../services/aws/policy-json.js";
import {
  collectAccountPublicAccessBlock,
  collectBucket,
  collectInventory,
  createAwsClients,
  destroyAwsClients,
  getAccountId,
  listObjects,
  openObject,
  type AccountInventory,
  type AwsClients,
  type BucketFacts,
} from "../../../services/aws/index.js";
import {
  BUCKETS,
  EXPECTED_ACCOUNT_ID,
  EXPECTED_BUCKET_COUNT,
  EXPECTED_BUCKETS,
  EXPECTED_IAM,
  EXPECTED_KMS_KEYS,
  EXPECTED_OBJECT_ACL_SURVEYS,
  EXPECTED_OBJECT_COUNT,
  EXPECTED_ACCESS_POINTS,
  EXPECTED_ORGANIZATION_STATUS,
  seedDemoEstate,
  type SeedSummary,
} from "../../../services/aws/seed/index.js";

process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";
const config = loadConfig();
// Never real AWS from a test: without an endpoint, use the dev moto.
const endpointUrl = config.aws.endpointUrl ?? "http://127.0.0.1:5000";
// `npm test` runs a private stack (SIGHTLINE_TEST_STACK=1), where resetting moto is safe.
const resetFirst = process.env.SIGHTLINE_TEST_MOTO_RESET === "1" || process.env.SIGHTLINE_TEST_STACK === "1";
const ESTATE = new Set(Object.keys(EXPECTED_BUCKETS));

let clients: AwsClients;
let firstSeed: SeedSummary;
let inventory: AccountInventory;

/** ETags of the seeded objects only: S3 and moto add their own server access logs to acme-access-logs. */
async function etagsOfEstate(): Promise<Map<string, string>> {
  const seeded = new Set(BUCKETS.flatMap((b) => b.objects.map((o) => `${b.name}/${o.key}`)));
  const etags = new Map<string, string>();
  for (const bucket of ESTATE) {
    for await (const page of listObjects(clients, bucket)) {
      for (const o of page) if (seeded.has(`${bucket}/${o.key}`)) etags.set(`${bucket}/${o.key}`, o.etag);
    }
  }
  return etags;
}

async function versionCount(bucket: string): Promise<number> {
  let n = 0;
  let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (;;) {
    const page = await clients.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, ...markers }));
    n += page.Versions?.length ?? 0;
    if (page.IsTruncated !== true) return n;
    markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
  }
}

/** The key ARN an alias of the estate resolved to, from the collected keys' references. */
function keyArnOf(alias: string): string {
  const found = inventory.kmsKeys.find((k) => k.references?.includes(`arn:aws:kms:us-east-1:${EXPECTED_ACCOUNT_ID}:${alias}`));
  if (found === undefined) throw new Error(`no collected key is referenced as ${alias}`);
  return found.arn;
}

function bucket(name: string): BucketFacts {
  const found = inventory.buckets.find((b) => b.name === name);
  if (found === undefined) throw new Error(`bucket ${name} missing from the inventory`);
  return found;
}

beforeAll(async () => {
  if (resetFirst) {
    const response = await fetch(`${endpointUrl}/moto-api/reset`, { method: "POST" });
    expect(response.status).toBe(200);
  }
  clients = createAwsClients({ region: config.aws.region, endpointUrl });
  const started = Date.now();
  firstSeed = await seedDemoEstate(clients);
  console.log(`first seed: ${Date.now() - started} ms ${JSON.stringify(firstSeed)}`);
  const collecting = Date.now();
  inventory = await collectInventory(clients, { region: config.aws.region });
  console.log(`collectInventory: ${Date.now() - collecting} ms, ${inventory.buckets.length} buckets`);
});

afterAll(() => destroyAwsClients(clients));

describe("seeding the demo estate", () => {
  it.runIf(resetFirst)("creates everything on a fresh account", () => {
    expect(firstSeed).toEqual({
      bucketsCreated: EXPECTED_BUCKET_COUNT,
      bucketsExisting: 0,
      objectsPut: EXPECTED_OBJECT_COUNT,
      objectsUnchanged: 0,
      iamCreated: EXPECTED_IAM.users + EXPECTED_IAM.groups + EXPECTED_IAM.roles + EXPECTED_IAM.customerManagedPolicies,
      iamExisting: 0,
      documentsUpdated: 0,
      kmsKeysCreated: EXPECTED_KMS_KEYS.length,
      accessPointsCreated: EXPECTED_ACCESS_POINTS.length,
    });
  });

  it("changes nothing when run again: same summary of existing things, same ETags, no new versions", async () => {
    const etagsBefore = await etagsOfEstate();
    const versionedBuckets = Object.entries(EXPECTED_BUCKETS)
      .filter(([, e]) => e.versioning !== "Disabled")
      .map(([n]) => n);
    const versionsBefore = await Promise.all(versionedBuckets.map(versionCount));

    const second = await seedDemoEstate(clients);

    expect(second).toEqual({
      bucketsCreated: 0,
      bucketsExisting: EXPECTED_BUCKET_COUNT,
      objectsPut: 0,
      objectsUnchanged: EXPECTED_OBJECT_COUNT,
      iamCreated: 0,
      iamExisting: EXPECTED_IAM.users + EXPECTED_IAM.groups + EXPECTED_IAM.roles + EXPECTED_IAM.customerManagedPolicies,
      documentsUpdated: 0,
      kmsKeysCreated: 0,
      accessPointsCreated: 0,
    });
    expect(etagsBefore.size).toBe(EXPECTED_OBJECT_COUNT);
    expect(await etagsOfEstate()).toEqual(etagsBefore);
    expect(await Promise.all(versionedBuckets.map(versionCount))).toEqual(versionsBefore);
  });
});

describe("repairing drift", () => {
  // Mutates estate resources, so only against a private moto (the shared one may be read by others meanwhile).
  it.runIf(resetFirst)("puts back a changed object, a deleted object, a bucket policy and a role trust", async () => {
    const hr = "acme-hr";
    await clients.s3.send(new PutObjectCommand({ Bucket: hr, Key: "handbook/handbook.txt", Body: "tampered" }));
    await clients.s3.send(
      new DeleteObjectCommand({ Bucket: "acme-data-lake", Key: "metrics/dt=2024-02-29/metrics.csv" }),
    );
    await clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: "acme-partner-share" }));
    await clients.s3.send(
      new PutBucketPolicyCommand({
        Bucket: "acme-backups",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-backups/*" },
          ],
        }),
      }),
    );
    const everyone = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    };
    await clients.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "acme-hr-analytics", PolicyDocument: JSON.stringify(everyone) }),
    );

    const repaired = await seedDemoEstate(clients);

    // Partner share policy re-created (not counted: it was absent), backups policy removed, trust restored.
    expect({ put: repaired.objectsPut, updated: repaired.documentsUpdated, created: repaired.bucketsCreated }).toEqual({
      put: 2,
      updated: 2,
      created: 0,
    });
    const after = await collectInventory(clients, {
      region: config.aws.region,
      bucketNames: ["acme-partner-share", "acme-backups"],
    });
    expect(after.buckets.map((b) => [b.name, b.policy !== null])).toEqual([
      ["acme-backups", false],
      ["acme-partner-share", true],
    ]);
    const trust = (await clients.iam.send(new GetRoleCommand({ RoleName: "acme-hr-analytics" }))).Role
      ?.AssumeRolePolicyDocument;
    expect(JSON.stringify(decodeIamPolicyDocument(trust ?? ""))).toContain("role/acme-analytics-gateway");
    expect(await seedDemoEstate(clients)).toMatchObject({ objectsPut: 0, documentsUpdated: 0 });
  });
});

describe("collecting the seeded estate", () => {
  it("identifies the account and reads its (absent) Block Public Access", async () => {
    expect(inventory.accountId).toBe(EXPECTED_ACCOUNT_ID);
    expect(await getAccountId(clients)).toBe(EXPECTED_ACCOUNT_ID);
    if (resetFirst) {
      expect(inventory.accountPublicAccessBlock).toBeNull();
      expect(inventory.errors).toEqual([]);
    }
  });

  it("finds every estate bucket with the configuration the estate states", () => {
    const estateBuckets = inventory.buckets.filter((b) => ESTATE.has(b.name));
    expect(estateBuckets.length).toBe(EXPECTED_BUCKET_COUNT);
    if (resetFirst) expect(inventory.buckets.length).toBe(EXPECTED_BUCKET_COUNT);
    for (const b of estateBuckets) {
      const e = EXPECTED_BUCKETS[b.name];
      expect(
        {
          errors: b.errors,
          region: b.region,
          encryption: b.encryption.type,
          kmsKeyArn: b.encryption.kmsKeyArn,
          objectAcls:
            b.objectAcls === null || b.objectAcls === undefined
              ? null
              : { objectsChecked: b.objectAcls.objectsChecked, publicObjectCount: b.objectAcls.publicObjectCount },
          versioning: b.versioning,
          ownership: b.ownership,
          publicAccessBlock: b.publicAccessBlock,
          hasPolicy: b.policy !== null,
          websiteEnabled: b.websiteEnabled,
          loggingTargetBucket: b.loggingTargetBucket,
          replicationDestinationAccountId: b.replication[0]?.destinationAccountId ?? null,
          classification: b.tags["data-classification"],
        },
        b.name,
      ).toEqual({
        errors: [],
        region: "us-east-1",
        encryption: e?.encryption,
        kmsKeyArn: e?.kmsKeyAlias === undefined ? undefined : keyArnOf(e.kmsKeyAlias),
        objectAcls: EXPECTED_OBJECT_ACL_SURVEYS[b.name] ?? null,
        versioning: e?.versioning,
        ownership: e?.ownership,
        publicAccessBlock: e?.publicAccessBlock,
        hasPolicy: e?.hasPolicy,
        websiteEnabled: e?.websiteEnabled,
        loggingTargetBucket: e?.loggingTargetBucket,
        replicationDestinationAccountId: e?.replicationDestinationAccountId,
        classification: e?.dataClassificationTag,
      });
    }
  });

  it("reads the partner share policy, the public ACL and the replication rule", () => {
    expect(bucket("acme-partner-share").policy?.Statement).toEqual([
      expect.objectContaining({
        Sid: "PartnerReadObjects",
        Principal: { AWS: "arn:aws:iam::210987654321:root" },
        Action: "s3:GetObject",
      }),
      expect.objectContaining({
        Sid: "PartnerListBucket",
        Principal: { AWS: "arn:aws:iam::210987654321:root" },
        Action: "s3:ListBucket",
      }),
    ]);
    expect(JSON.parse(bucket("acme-partner-share").policyJson ?? "null")).toEqual(bucket("acme-partner-share").policy);
    expect(bucket("acme-public-acl").acl?.grants).toContainEqual({
      grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
      permission: "READ",
    });
    expect(bucket("acme-public-website").acl?.grants.some((g) => g.grantee.type === "Group")).toBe(false);
    expect(bucket("acme-replicated-source").replication).toEqual([
      {
        id: "dr-to-partner-account",
        status: "Enabled",
        destinationBucketArn: "arn:aws:s3:::acme-dr-replica-210987654321",
        destinationAccountId: "210987654321",
      },
    ]);
    expect(bucket("acme-kms-finance").encryption).toEqual({
      type: "aws:kms",
      kmsKeyArn: keyArnOf("alias/acme-finance"),
      bucketKeyEnabled: true,
    });
    expect(keyArnOf("alias/acme-finance")).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
  });

  it("reads the KMS keys SSE-KMS buckets name, alias resolved, with their key policies", () => {
    const keys = EXPECTED_KMS_KEYS.map((e) => inventory.kmsKeys.find((k) => k.arn === keyArnOf(e.alias)));
    expect(
      keys.map((k) => ({
        sids: (Array.isArray(k?.keyPolicy?.Statement) ? k.keyPolicy.Statement : []).map((st) => st.Sid),
        keyManager: k?.keyManager,
        keyState: k?.keyState,
        grants: k?.grants,
        errors: k?.errors,
      })),
    ).toEqual(
      EXPECTED_KMS_KEYS.map((e) => ({ sids: e.keyPolicySids, keyManager: "CUSTOMER", keyState: "Enabled", grants: [], errors: [] })),
    );
    if (resetFirst) expect(inventory.kmsKeys.map((k) => k.arn).sort()).toEqual(EXPECTED_KMS_KEYS.map((e) => keyArnOf(e.alias)).sort());
    const finance = inventory.kmsKeys.find((k) => k.arn === keyArnOf("alias/acme-finance"));
    expect(JSON.parse(finance?.policyJson ?? "null")).toEqual(finance?.keyPolicy);
    expect(finance?.keyPolicy?.Statement).toContainEqual({
      Sid: "DenyDecryptToPaymentApprover",
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::123456789012:user/tom.becker" },
      Action: "kms:Decrypt",
      Resource: "*",
    });
  });

  it("reads the public-read object ACLs of acme-public-acl, and no other public object", () => {
    const survey = bucket("acme-public-acl").objectAcls;
    expect(survey?.complete).toBe(true);
    expect(survey?.errors).toEqual([]);
    expect(survey?.objects.map((o) => [o.key, o.public])).toEqual([
      ["press-kit/boilerplate.txt", true],
      ["press-kit/fact-sheet.txt", true],
      ["press-kit/logo-usage.txt", true],
      ["press-kit/media-contacts.csv", true],
    ]);
    expect(survey?.objects[0]?.acl.grants).toContainEqual({
      grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
      permission: "READ",
    });
    // BucketOwnerEnforced disables ACLs: no GetObjectAcl is spent there.
    expect(bucket("acme-hr").objectAcls).toBeNull();
    expect(bucket("acme-unencrypted-legacy").objectAcls?.objects).toEqual([]);
  });

  it("reads the access point and its policy, and finds no organization", () => {
    const points = (inventory.accessPoints ?? []).filter((ap) => EXPECTED_ACCESS_POINTS.some((e) => e.name === ap.name));
    expect(
      points.map((ap) => ({
        name: ap.name,
        bucket: ap.bucket,
        networkOrigin: ap.networkOrigin,
        policySids: (Array.isArray(ap.policy?.Statement) ? ap.policy.Statement : []).map((st) => st.Sid),
        publicAccessBlock: ap.publicAccessBlock,
      })),
    ).toEqual(EXPECTED_ACCESS_POINTS.map(({ name, bucket: b, networkOrigin, policySids, publicAccessBlock }) => ({ name, bucket: b, networkOrigin, policySids, publicAccessBlock })));
    expect(points[0]?.arn).toBe("arn:aws:s3:us-east-1:123456789012:accesspoint/acme-data-lake-analytics");
    expect(points[0]?.errors).toEqual([]);
    expect(inventory.organization).toEqual({ status: EXPECTED_ORGANIZATION_STATUS });
  });

  it("reads IAM: principals, the role chain's trust policies, the boundary, the explicit Deny", () => {
    const { users, groups, roles, policies } = inventory.iam;
    if (resetFirst) {
      expect([users.length, groups.length, roles.length]).toEqual([
        EXPECTED_IAM.users,
        EXPECTED_IAM.groups,
        EXPECTED_IAM.roles,
      ]);
      expect(policies.filter((p) => !p.awsManaged).length).toBe(EXPECTED_IAM.customerManagedPolicies);
      expect(policies.filter((p) => p.awsManaged).length).toBe(EXPECTED_IAM.awsManagedPolicies);
    }
    const role = (name: string) => roles.find((r) => r.name === name);
    for (const [name, principal] of Object.entries(EXPECTED_IAM.chainTrust)) {
      expect(role(name)?.trustPolicy, name).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }],
      });
    }
    expect(role("acme-etl-lambda")?.permissionsBoundaryArn).toBe(EXPECTED_IAM.boundaryArn);
    expect(role("acme-partner-access")?.trustPolicy.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: "arn:aws:iam::210987654321:root" },
        Condition: EXPECTED_IAM.externalTrustCondition,
      }),
    ]);
    expect(users.find((u) => u.name === "sam.rivera")?.groupNames.sort()).toEqual(["contractors", "hr"]);
    expect(users.find((u) => u.name === "dana.reyes")?.inlinePolicies.map((p) => p.name)).toEqual([
      "AssumeAnalyticsGateway",
    ]);
    expect(groups.find((g) => g.name === "hr")?.attachedPolicyArns).toEqual([
      "arn:aws:iam::123456789012:policy/AcmeHrDataRead",
    ]);
    expect(groups.find((g) => g.name === "contractors")?.inlinePolicies).toEqual([
      {
        name: "DenyHrData",
        document: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "NoEmployeeRecords",
              Effect: "Deny",
              Action: ["s3:GetObject", "s3:GetObjectVersion"],
              Resource: "arn:aws:s3:::acme-hr/*",
            },
          ],
        },
      },
    ]);
    expect(policies.find((p) => p.arn === EXPECTED_IAM.boundaryArn)?.document.Statement).toEqual([
      expect.objectContaining({ Sid: "DataPlatformBuckets" }),
      expect.objectContaining({ Sid: "Logs" }),
    ]);
  });

  it("lists objects page by page", async () => {
    const pages: number[] = [];
    for await (const page of listObjects(clients, "acme-data-lake", { pageSize: 50 })) pages.push(page.length);
    expect(pages).toEqual([50, 50, 50, 35]);
  });
});

describe("failures are recorded or typed, never silent", () => {
  const scratch = `sightline-aws-it-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await clients.s3.send(new CreateBucketCommand({ Bucket: scratch }));
    await clients.s3.send(new PutObjectCommand({ Bucket: scratch, Key: "hello.txt", Body: "hello world" }));
    await clients.s3.send(new PutObjectCommand({ Bucket: scratch, Key: "empty.txt", Body: new Uint8Array(0) }));
    await clients.s3.send(
      new PutObjectCommand({ Bucket: scratch, Key: "archived.txt", Body: "cold", StorageClass: "GLACIER" }),
    );
    await clients.s3.send(new PutObjectCommand({ Bucket: scratch, Key: "secret.txt", Body: "classified" }));
    await clients.s3.send(
      new PutBucketPolicyCommand({
        Bucket: scratch,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${scratch}/secret.txt` },
          ],
        }),
      }),
    );
  });

  afterAll(async () => {
    await clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: scratch }));
    for (const Key of ["hello.txt", "empty.txt", "archived.txt", "secret.txt"])
      await clients.s3.send(new DeleteObjectCommand({ Bucket: scratch, Key }));
    await clients.s3.send(new DeleteBucketCommand({ Bucket: scratch }));
  });

  it("records NoSuchBucket on a bucket that vanished between listing and collection, for every call", async () => {
    const gone = await collectBucket(clients, `${scratch}-vanished`);
    expect(gone.errors.map((e) => `${e.operation}:${e.code}`)).toEqual([
      "s3:GetBucketLocation:NoSuchBucket",
      "s3:GetBucketPolicy:NoSuchBucket",
      "s3:GetBucketAcl:NoSuchBucket",
      "s3:GetPublicAccessBlock:NoSuchBucket",
      "s3:GetBucketOwnershipControls:NoSuchBucket",
      "s3:GetBucketEncryption:NoSuchBucket",
      "s3:GetBucketVersioning:NoSuchBucket",
      "s3:GetBucketReplication:NoSuchBucket",
      "s3:GetBucketTagging:NoSuchBucket",
      "s3:GetBucketWebsite:NoSuchBucket",
      "s3:GetBucketLogging:NoSuchBucket",
    ]);
    expect(gone.errors[0]?.resource).toBe(`arn:aws:s3:::${scratch}-vanished`);
  });

  it("records a requested bucket the account does not own instead of failing the sweep", async () => {
    const partial = await collectInventory(clients, {
      region: config.aws.region,
      bucketNames: [scratch, `${scratch}-vanished`],
    });
    expect(partial.buckets.map((b) => b.name)).toEqual([scratch]);
    expect(partial.errors.filter((e) => e.code === "NoSuchBucket").map((e) => e.resource)).toEqual([
      `arn:aws:s3:::${scratch}-vanished`,
    ]);
  });

  it("opens an object as a stream, honouring maxBytes, and an empty one as an empty stream", async () => {
    const read = async (key: string, maxBytes?: number) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await openObject(clients, scratch, key, maxBytes === undefined ? {} : { maxBytes }))
        chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks).toString("utf8");
    };
    expect(await read("hello.txt")).toBe("hello world");
    expect(await read("hello.txt", 5)).toBe("hello");
    expect(await read("empty.txt", 5)).toBe("");
  });

  it("types open failures: NoSuchKey, InvalidObjectState (Glacier), AccessDenied (bucket policy Deny)", async () => {
    const codeOf = async (key: string) => {
      try {
        await openObject(clients, scratch, key);
        return "opened";
      } catch (error) {
        expect(error).toBeInstanceOf(AwsCallError);
        return (error as AwsCallError).awsCode;
      }
    };
    expect(await codeOf("missing.txt")).toBe("NoSuchKey");
    expect(await codeOf("archived.txt")).toBe("InvalidObjectState");
    expect(await codeOf("secret.txt")).toBe("AccessDenied");
  });

  it.runIf(resetFirst)("reads the account Block Public Access through S3 Control once it is set", async () => {
    const { PutPublicAccessBlockCommand, DeletePublicAccessBlockCommand } = await import("@aws-sdk/client-s3-control");
    await clients.s3control.send(
      new PutPublicAccessBlockCommand({
        AccountId: EXPECTED_ACCOUNT_ID,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    try {
      expect(await collectAccountPublicAccessBlock(clients, EXPECTED_ACCOUNT_ID)).toEqual({
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      });
    } finally {
      await clients.s3control.send(new DeletePublicAccessBlockCommand({ AccountId: EXPECTED_ACCOUNT_ID }));
    }
    expect(await collectAccountPublicAccessBlock(clients, EXPECTED_ACCOUNT_ID)).toBeNull();
  });
});
