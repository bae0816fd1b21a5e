/**
 * The collected resource controls in Neo4j: writeInventory stores KMS keys with their key policies, object ACL
 * surveys, access points with their policies and the organization's SCPs/RCPs as raw facts, idempotently; a changed
 * account converges; loadInventory gives them back so that the access engine answers the same from the graph.
 * (These live with the collectors' tests because the collectors' owner owns the write and the load.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInventory } from "../../../graph/queries/load-inventory.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import type { Graph } from "../../../graph/driver.js";
import { canonicalJson } from "../../../graph/json.js";
import { computeEffectiveAccess } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";
import type { AccountInventory, BucketFacts } from "../../../services/aws/inventory.js";
import { countScope, deleteScope, openGraph, uniqueAccountId } from "../graph/support.js";

let graph: Graph;
const accountId = uniqueAccountId();
const keyArn = `arn:aws:kms:us-east-1:${accountId}:key/11111111-2222-4333-8444-555555555555`;
const apArn = `arn:aws:s3:us-east-1:${accountId}:accesspoint/reports`;
const org = `o-${accountId}`;
const orgPolicyArn = (type: string, id: string) => `arn:aws:organizations::${accountId}:policy/${org}/${type}/${id}`;
const user = (name: string) => `arn:aws:iam::${accountId}:user/${name}`;

function bucket(name: string, patch: Partial<BucketFacts>): BucketFacts {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: "us-east-1",
    createdAt: null,
    policy: null,
    policyJson: null,
    acl: null,
    publicAccessBlock: null,
    ownership: "BucketOwnerEnforced",
    encryption: { type: "AES256" },
    versioning: "Disabled",
    replication: [],
    tags: {},
    websiteEnabled: false,
    loggingTargetBucket: null,
    errors: [],
    objectAcls: null,
    ...patch,
  };
}

const owner = "c0ffee".repeat(10) + "c0ff";
const readAll = (bucketName: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "kms:Decrypt"], Resource: [`arn:aws:s3:::${bucketName}/*`, keyArn] },
  ],
});

function inventory(): AccountInventory {
  const secure = `sl-${accountId}-secure`;
  const press = `sl-${accountId}-press`;
  return {
    accountId,
    region: "us-east-1",
    collectedAt: "2026-11-26T12:00:00.000Z",
    accountPublicAccessBlock: null,
    buckets: [
      bucket(press, {
        ownership: "ObjectWriter",
        acl: { ownerCanonicalId: owner, grants: [{ grantee: { type: "CanonicalUser", id: owner }, permission: "FULL_CONTROL" }] },
        objectAcls: {
          objectsChecked: 3,
          complete: true,
          limit: 1000,
          publicObjectCount: 1,
          objects: [
            {
              key: "kit/logo.txt",
              public: true,
              acl: {
                ownerCanonicalId: owner,
                grants: [
                  { grantee: { type: "CanonicalUser", id: owner }, permission: "FULL_CONTROL" },
                  { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" },
                ],
              },
            },
          ],
          errors: [{ operation: "s3:GetObjectAcl", code: "AccessDenied", message: "Access Denied", resource: `arn:aws:s3:::${press}/kit/other.txt` }],
        },
      }),
      bucket(secure, { encryption: { type: "aws:kms", kmsKeyArn: keyArn, bucketKeyEnabled: true } }),
    ],
    iam: {
      users: ["ann", "bob"].map((name) => ({
        arn: user(name),
        name,
        id: `AIDA${name.toUpperCase()}`,
        path: "/",
        groupNames: [],
        attachedPolicyArns: [],
        inlinePolicies: [{ name: "read", document: readAll(secure) }],
        permissionsBoundaryArn: null,
        tags: {},
      })),
      groups: [],
      roles: [],
      policies: [],
    },
    kmsKeys: [
      {
        arn: keyArn,
        keyPolicy: {
          Version: "2012-10-17",
          Statement: [
            { Sid: "Iam", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "NotBob", Effect: "Deny", Principal: { AWS: user("bob") }, Action: "kms:Decrypt", Resource: "*" },
          ],
        },
        policyJson: "{ \"as\": \"KMS returned it\" }",
        keyId: "11111111-2222-4333-8444-555555555555",
        keyManager: "CUSTOMER",
        keyState: "Enabled",
        grants: [
          { grantId: "g1", granteePrincipal: user("ann"), retiringPrincipal: null, operations: ["Decrypt"], constraints: null },
        ],
        references: [`arn:aws:kms:us-east-1:${accountId}:alias/secure`],
        errors: [],
      },
    ],
    accessPoints: [
      {
        name: "reports",
        arn: apArn,
        bucket: secure,
        bucketAccountId: accountId,
        networkOrigin: "VPC",
        vpcId: "vpc-1",
        policy: {
          Version: "2012-10-17",
          Statement: [{ Sid: "AnnReads", Effect: "Allow", Principal: { AWS: user("ann") }, Action: "s3:GetObject", Resource: `${apArn}/object/*` }],
        },
        policyJson: null,
        publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        errors: [],
      },
    ],
    organization: {
      status: "COLLECTED",
      organizationId: org,
      managementAccountId: "999999999999",
      path: [
        { id: "r-root", type: "ROOT", policyIds: ["p-full"] },
        { id: accountId, type: "ACCOUNT", policyIds: ["p-full", "p-nodelete"] },
      ],
      policies: [
        {
          id: "p-full",
          arn: orgPolicyArn("service_control_policy", "p-full"),
          name: "FullAWSAccess",
          type: "SERVICE_CONTROL_POLICY",
          awsManaged: false,
          document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
        },
        {
          id: "p-nodelete",
          arn: orgPolicyArn("service_control_policy", "p-nodelete"),
          name: "NoDelete",
          type: "SERVICE_CONTROL_POLICY",
          awsManaged: false,
          document: { Version: "2012-10-17", Statement: [{ Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] },
        },
      ],
      appliedPolicyTypes: ["SERVICE_CONTROL_POLICY"],
      errors: [],
    },
    errors: [],
  };
}

beforeAll(async () => {
  graph = await openGraph();
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

describe("resource controls in the graph", () => {
  it("writes keys, access points, object ACL surveys and SCPs; a second write changes nothing", async () => {
    await writeInventory(graph, inventory(), "run-1");
    const first = await countScope(graph, accountId);
    expect(first).toEqual({
      nodes: { Account: 1, AccessPoint: 1, AccountRoot: 1, Bucket: 2, KmsKey: 1, Policy: 6, Principal: 3, Statement: 7, User: 2 },
      relationships: {
        // users' inline policies 2, the key policy, the access point policy, p-full at two levels, p-nodelete
        HAS_POLICY: 7,
        HAS_PRINCIPAL: 3,
        HAS_STATEMENT: 7,
        HAS_KMS_KEY: 1,
        ENCRYPTED_WITH: 1,
        HAS_ACCESS_POINT: 1,
        ACCESS_POINT_FOR: 1,
        OWNS: 2,
      },
    });
    const again = await writeInventory(graph, inventory(), "run-2");
    expect(again.counters).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await countScope(graph, accountId)).toEqual(first);
  });

  it("stores the facts queries need as properties and edges", async () => {
    const [key] = await graph.read<Record<string, unknown>>(
      `MATCH (:Bucket {arn: $bucket})-[:ENCRYPTED_WITH]->(k:KmsKey)-[:HAS_POLICY {attachment: 'key'}]->(p:Policy)-[:HAS_STATEMENT]->(s)
       WITH k, p, s ORDER BY s.index
       RETURN k.keyState AS state, k.references AS refs, p.policyId AS policyId, p.kind AS kind, collect(s.sid) AS sids`,
      { bucket: `arn:aws:s3:::sl-${accountId}-secure` },
    );
    expect(key).toEqual({
      state: "Enabled",
      refs: [`arn:aws:kms:us-east-1:${accountId}:alias/secure`],
      policyId: `${keyArn}#key-policy`,
      kind: "key",
      sids: ["Iam", "NotBob"],
    });
    const [press] = await graph.read<Record<string, unknown>>(
      "MATCH (b:Bucket {arn: $arn}) RETURN b.publicObjectCount AS publicObjects, b.objectAclsChecked AS checked, b.objectAclsComplete AS complete",
      { arn: `arn:aws:s3:::sl-${accountId}-press` },
    );
    expect(press).toEqual({ publicObjects: 1, checked: 3, complete: true });
    const [ap] = await graph.read<Record<string, unknown>>(
      `MATCH (:Account {accountId: $accountId})-[:HAS_ACCESS_POINT]->(ap:AccessPoint)-[:ACCESS_POINT_FOR]->(b:Bucket)
       MATCH (ap)-[:HAS_POLICY {attachment: 'access-point'}]->(p:Policy)
       RETURN ap.networkOrigin AS origin, ap.bpaRestrictPublicBuckets AS restrict, b.name AS bucket, p.kind AS kind`,
      { accountId },
    );
    expect(ap).toEqual({ origin: "VPC", restrict: true, bucket: `sl-${accountId}-secure`, kind: "access-point" });
    const governed = await graph.read<Record<string, unknown>>(
      `MATCH (:Account {accountId: $accountId})-[r:HAS_POLICY {attachment: 'organization'}]->(p:Policy)
       RETURN r.depth AS depth, r.targetType AS type, p.name AS name, p.kind AS kind, p.accountId AS accountId
       ORDER BY depth, name`,
      { accountId },
    );
    expect(governed).toEqual([
      { depth: 0, type: "ROOT", name: "FullAWSAccess", kind: "scp", accountId: null },
      { depth: 1, type: "ACCOUNT", name: "FullAWSAccess", kind: "scp", accountId: null },
      { depth: 1, type: "ACCOUNT", name: "NoDelete", kind: "scp", accountId: null },
    ]);
  });

  it("loads them back, so that the engine gives the same answer from the graph (bob loses READ to the key policy)", async () => {
    const original = inventory();
    const loaded = await loadInventory(graph, accountId);
    expect(loaded.kmsKeys).toEqual(original.kmsKeys);
    expect(loaded.accessPoints).toEqual(original.accessPoints?.map((ap) => ({ ...ap, policyJson: canonicalJson(ap.policy) })));
    expect(loaded.organization).toEqual(original.organization);
    expect(loaded.buckets.map((b) => b.objectAcls)).toEqual(original.buckets.map((b) => b.objectAcls));

    const readers = (inv: AccountInventory) =>
      computeEffectiveAccess(inv)
        .grants.filter((g) => g.bucketArn === `arn:aws:s3:::sl-${accountId}-secure` && g.level === "READ")
        .map((g) => g.principalArn)
        .sort();
    expect(readers(loaded)).toEqual([`arn:aws:iam::${accountId}:root`, user("ann")]);
    expect(readers(loaded)).toEqual(readers(original));
  });

  it("converges: a removed key, access point and organization leave no node or edge behind", async () => {
    const changed = inventory();
    changed.kmsKeys = [];
    changed.accessPoints = [];
    changed.buckets = changed.buckets.map((b) => ({ ...b, encryption: { type: "AES256" }, objectAcls: null }));
    changed.organization = {
      status: "NOT_ACCESSIBLE",
      reason: { operation: "organizations:ListParents", code: "AccessDeniedException", message: "not the management account" },
    };
    await writeInventory(graph, changed, "run-3");
    const counts = await countScope(graph, accountId);
    expect(counts.nodes).toEqual({ Account: 1, AccountRoot: 1, Bucket: 2, Policy: 2, Principal: 3, Statement: 2, User: 2 });
    expect(counts.relationships).toEqual({ HAS_POLICY: 2, HAS_PRINCIPAL: 3, HAS_STATEMENT: 2, OWNS: 2 });
    const loaded = await loadInventory(graph, accountId);
    expect(loaded.organization).toEqual(changed.organization);
    expect([loaded.kmsKeys, loaded.accessPoints, loaded.buckets.map((b) => b.objectAcls)]).toEqual([[], [], [null, null]]);
  });
});
