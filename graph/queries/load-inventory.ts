/**
 * Rebuilds one account's AccountInventory from the raw facts graph/writes/inventory.ts stored, so that the access
 * engine can answer questions (explainAccess) from the graph alone, without calling AWS.
 *
 * The resource controls (KMS keys, object ACL surveys, access points, the organization) come back through a second
 * set of reads (loadResourceControlQueries), merged over the first.
 *
 * What the graph does not keep, and so comes back differently: AWS managed policies that nothing in the account
 * attaches (dropped by the write; they cannot grant anything); group names of groups outside the inventory; a bucket's `policyJson` when the
 * collector gave only the parsed policy (the write stores its canonical JSON); key order inside policy documents
 * (canonical, sorted) and the order of lists (buckets, principals, policies by ARN; attachments by policy id).
 */
import type { AssumeEdge } from "../../services/access/effective-access.js";
import type { PolicyDocument } from "../../services/access/policy-document.js";
import type {
  AccessPointFacts,
  AccountInventory,
  BucketFacts,
  CollectionError,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  KmsKeyFacts,
  ManagedPolicy,
  ObjectAclSurvey,
  OrganizationFacts,
  OrganizationLevel,
  OrganizationPolicyType,
  PublicAccessBlock,
} from "../../services/aws/inventory.js";
import { NotFoundError } from "../../services/errors.js";
import { cypher } from "../cypher.js";
import type { CypherQuery, GraphReader } from "./reader.js";
import { parseJsonProperty, plain } from "./values.js";

export interface AccountRecord {
  accountId: string;
  region: string | null;
  collectedAt: string | null;
  publicAccessBlockBlockPublicAcls: boolean | null;
  publicAccessBlockIgnorePublicAcls: boolean | null;
  publicAccessBlockBlockPublicPolicy: boolean | null;
  publicAccessBlockRestrictPublicBuckets: boolean | null;
  errorsJson: string | null;
}

export interface BucketRecord {
  arn: string;
  name: string;
  region: string | null;
  createdAt: string | null;
  versioning: BucketFacts["versioning"] | null;
  encryptionType: BucketFacts["encryption"]["type"] | null;
  kmsKeyArn: string | null;
  bucketKeyEnabled: boolean | null;
  ownership: BucketFacts["ownership"];
  bpaBlockPublicAcls: boolean | null;
  bpaIgnorePublicAcls: boolean | null;
  bpaBlockPublicPolicy: boolean | null;
  bpaRestrictPublicBuckets: boolean | null;
  policyJson: string | null;
  aclJson: string | null;
  replicationJson: string | null;
  tagsJson: string | null;
  websiteEnabled: boolean | null;
  loggingTargetBucket: string | null;
  errorsJson: string | null;
  /** The document of the bucket's `bucket` Policy node, canonical JSON. */
  policyDocument: string | null;
}

export interface AttachmentRecord {
  attachment: "managed" | "inline" | "boundary" | "trust";
  policyId: string;
  name: string | null;
  document: string | null;
}

export interface PrincipalRecord {
  arn: string;
  kind: "User" | "Group" | "Role";
  name: string;
  principalId: string | null;
  path: string | null;
  permissionsBoundaryArn: string | null;
  tagsJson: string | null;
  groupNames: string[];
  attachments: AttachmentRecord[];
}

export interface ManagedPolicyRecord {
  arn: string;
  name: string;
  awsManaged: boolean;
  document: string;
}

export interface InventoryRecords {
  account: AccountRecord;
  buckets: BucketRecord[];
  principals: PrincipalRecord[];
  policies: ManagedPolicyRecord[];
}

/** The four reads, each scoped to the account's own nodes; pure, so that the Cypher can be pinned. */
export function loadInventoryQueries(accountId: string): Record<keyof InventoryRecords, CypherQuery> {
  const params = { accountId };
  return {
    account: {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        RETURN a.accountId AS accountId, a.region AS region, a.collectedAt AS collectedAt,
               a.publicAccessBlockBlockPublicAcls AS publicAccessBlockBlockPublicAcls,
               a.publicAccessBlockIgnorePublicAcls AS publicAccessBlockIgnorePublicAcls,
               a.publicAccessBlockBlockPublicPolicy AS publicAccessBlockBlockPublicPolicy,
               a.publicAccessBlockRestrictPublicBuckets AS publicAccessBlockRestrictPublicBuckets,
               a.errorsJson AS errorsJson`,
      params,
    },
    buckets: {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
        OPTIONAL MATCH (b)-[:HAS_POLICY {attachment: 'bucket'}]->(p:Policy)
        RETURN b.arn AS arn, b.name AS name, b.region AS region, b.createdAt AS createdAt, b.versioning AS versioning,
               b.encryptionType AS encryptionType, b.kmsKeyArn AS kmsKeyArn, b.bucketKeyEnabled AS bucketKeyEnabled,
               b.ownership AS ownership, b.bpaBlockPublicAcls AS bpaBlockPublicAcls,
               b.bpaIgnorePublicAcls AS bpaIgnorePublicAcls, b.bpaBlockPublicPolicy AS bpaBlockPublicPolicy,
               b.bpaRestrictPublicBuckets AS bpaRestrictPublicBuckets, b.policyJson AS policyJson, b.aclJson AS aclJson,
               b.replicationJson AS replicationJson, b.tagsJson AS tagsJson, b.websiteEnabled AS websiteEnabled,
               b.loggingTargetBucket AS loggingTargetBucket, b.errorsJson AS errorsJson, p.document AS policyDocument
        ORDER BY arn`,
      params,
    },
    principals: {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:HAS_PRINCIPAL]->(p:Principal)
        WHERE p:User OR p:Group OR p:Role
        RETURN p.arn AS arn, p.kind AS kind, p.name AS name, p.principalId AS principalId, p.path AS path,
               p.permissionsBoundaryArn AS permissionsBoundaryArn, p.tagsJson AS tagsJson,
               [(p)-[:MEMBER_OF]->(g:Group) | g.name] AS groupNames,
               [(p)-[r:HAS_POLICY]->(pol:Policy) |
                 {attachment: r.attachment, policyId: pol.policyId, name: pol.name, document: pol.document}] AS attachments
        ORDER BY arn`,
      params,
    },
    // The account's own managed policies (attached or not), and the AWS managed ones its principals attach.
    policies: {
      cypher: cypher`
        CALL {
          MATCH (p:Policy {accountId: $accountId, kind: 'managed'})
          RETURN p
          UNION
          MATCH (:Account {accountId: $accountId})-[:HAS_PRINCIPAL]->(:Principal)-[r:HAS_POLICY]->(p:Policy {awsManaged: true})
          WHERE r.attachment IN ['managed', 'boundary']
          RETURN p
        }
        WITH p WHERE p.document IS NOT NULL
        RETURN p.policyId AS arn, p.name AS name, p.awsManaged AS awsManaged, p.document AS document
        ORDER BY arn`,
      params,
    },
  };
}

function parsed<T>(json: string | null, fallback: T): T {
  return json === null ? fallback : (JSON.parse(json) as T);
}

function publicAccessBlock(flags: (boolean | null)[]): PublicAccessBlock | null {
  const [blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets] = flags;
  if (flags.every((f) => f === null)) return null;
  return {
    blockPublicAcls: blockPublicAcls ?? false,
    ignorePublicAcls: ignorePublicAcls ?? false,
    blockPublicPolicy: blockPublicPolicy ?? false,
    restrictPublicBuckets: restrictPublicBuckets ?? false,
  };
}

function bucketFacts(b: BucketRecord, accountRegion: string): BucketFacts {
  const encryption: BucketFacts["encryption"] = { type: b.encryptionType ?? "NONE" };
  if (b.kmsKeyArn !== null) encryption.kmsKeyArn = b.kmsKeyArn;
  if (b.bucketKeyEnabled !== null) encryption.bucketKeyEnabled = b.bucketKeyEnabled;
  return {
    name: b.name,
    arn: b.arn,
    region: b.region ?? accountRegion,
    createdAt: b.createdAt,
    policy: parsed<PolicyDocument | null>(b.policyDocument, null),
    policyJson: b.policyJson,
    acl: parsed(b.aclJson, null),
    publicAccessBlock: publicAccessBlock([
      b.bpaBlockPublicAcls,
      b.bpaIgnorePublicAcls,
      b.bpaBlockPublicPolicy,
      b.bpaRestrictPublicBuckets,
    ]),
    ownership: b.ownership,
    encryption,
    versioning: b.versioning ?? "Disabled",
    replication: parsed(b.replicationJson, []),
    tags: parsed(b.tagsJson, {}),
    websiteEnabled: b.websiteEnabled ?? false,
    loggingTargetBucket: b.loggingTargetBucket,
    errors: parsed(b.errorsJson, []),
  };
}

function byPolicyId(a: AttachmentRecord, b: AttachmentRecord): number {
  return a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : 0;
}

function identityPolicies(p: PrincipalRecord): { attachedPolicyArns: string[]; inlinePolicies: InlinePolicy[] } {
  const attachments = [...p.attachments].sort(byPolicyId);
  return {
    attachedPolicyArns: attachments.filter((a) => a.attachment === "managed").map((a) => a.policyId),
    inlinePolicies: attachments
      .filter((a) => a.attachment === "inline" && a.document !== null)
      .map((a) => ({
        name: a.name ?? a.policyId.slice(a.policyId.indexOf("#inline/") + "#inline/".length),
        document: JSON.parse(a.document!) as PolicyDocument,
      })),
  };
}

const EMPTY_TRUST: PolicyDocument = { Version: "2012-10-17", Statement: [] };

/** Pure: the records read from the graph, as the AccountInventory the collectors would have produced. */
export function inventoryFromRecords(records: InventoryRecords): AccountInventory {
  const { account } = records;
  const region = account.region ?? "us-east-1";
  const users: IamUser[] = [];
  const groups: IamGroup[] = [];
  const roles: IamRole[] = [];
  for (const p of records.principals) {
    const common = { arn: p.arn, name: p.name, id: p.principalId ?? "", path: p.path ?? "/", ...identityPolicies(p) };
    if (p.kind === "Group") {
      groups.push(common);
      continue;
    }
    const tags = parsed<Record<string, string>>(p.tagsJson, {});
    if (p.kind === "User") {
      users.push({ ...common, groupNames: [...p.groupNames].sort(), permissionsBoundaryArn: p.permissionsBoundaryArn, tags });
    } else {
      const trust = p.attachments.find((a) => a.attachment === "trust");
      roles.push({
        ...common,
        trustPolicy: parsed<PolicyDocument>(trust?.document ?? null, EMPTY_TRUST),
        permissionsBoundaryArn: p.permissionsBoundaryArn,
        tags,
      });
    }
  }
  const policies: ManagedPolicy[] = records.policies.map((p) => ({
    arn: p.arn,
    name: p.name,
    document: JSON.parse(p.document) as PolicyDocument,
    awsManaged: p.awsManaged,
  }));
  return {
    accountId: account.accountId,
    region,
    collectedAt: account.collectedAt ?? "",
    accountPublicAccessBlock: publicAccessBlock([
      account.publicAccessBlockBlockPublicAcls,
      account.publicAccessBlockIgnorePublicAcls,
      account.publicAccessBlockBlockPublicPolicy,
      account.publicAccessBlockRestrictPublicBuckets,
    ]),
    buckets: records.buckets.map((b) => bucketFacts(b, region)),
    iam: { users, groups, roles, policies },
    kmsKeys: [],
    errors: parsed(account.errorsJson, []),
  };
}

async function readAll<T>(graph: GraphReader, query: CypherQuery): Promise<T[]> {
  const rows = await graph.read<unknown>(query.cypher, query.params);
  return rows.map((row) => plain(row) as T);
}

export interface OrganizationRecord {
  organizationStatus: OrganizationFacts["status"] | null;
  organizationId: string | null;
  managementAccountId: string | null;
  organizationPathJson: string | null;
  organizationAppliedPolicyTypes: OrganizationPolicyType[] | null;
  organizationErrorsJson: string | null;
  /** The SCPs/RCPs attached on the account's path (once per level they are attached at). */
  policies: {
    policyId: string;
    organizationPolicyId: string | null;
    name: string;
    kind: "scp" | "rcp";
    awsManaged: boolean;
    document: string;
  }[];
}

export interface BucketControlsRecord {
  arn: string;
  objectAclSurveyJson: string | null;
}

export interface KmsKeyRecord {
  arn: string;
  keyId: string | null;
  keyManager: "AWS" | "CUSTOMER" | null;
  keyState: string | null;
  policyJson: string | null;
  grantsJson: string | null;
  references: string[] | null;
  errorsJson: string | null;
  /** The document of the key's `key` Policy node, canonical JSON. */
  policyDocument: string | null;
}

export interface AccessPointRecord {
  arn: string;
  name: string;
  bucket: string;
  bucketAccountId: string | null;
  networkOrigin: "Internet" | "VPC";
  vpcId: string | null;
  policyJson: string | null;
  bpaBlockPublicAcls: boolean | null;
  bpaIgnorePublicAcls: boolean | null;
  bpaBlockPublicPolicy: boolean | null;
  bpaRestrictPublicBuckets: boolean | null;
  errorsJson: string | null;
  policyDocument: string | null;
}

export interface ResourceControlRecords {
  organization: OrganizationRecord;
  buckets: BucketControlsRecord[];
  kmsKeys: KmsKeyRecord[];
  accessPoints: AccessPointRecord[];
}

/** The reads of what buildResourceControlsWrite stored, scoped to the account; pure, so that they can be pinned. */
export function loadResourceControlQueries(accountId: string): Record<keyof ResourceControlRecords, CypherQuery> {
  const params = { accountId };
  return {
    organization: {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        RETURN a.organizationStatus AS organizationStatus, a.organizationId AS organizationId,
               a.managementAccountId AS managementAccountId, a.organizationPathJson AS organizationPathJson,
               a.organizationAppliedPolicyTypes AS organizationAppliedPolicyTypes,
               a.organizationErrorsJson AS organizationErrorsJson,
               [(a)-[:HAS_POLICY {attachment: 'organization'}]->(p:Policy) |
                 {policyId: p.policyId, organizationPolicyId: p.organizationPolicyId, name: p.name, kind: p.kind,
                  awsManaged: p.awsManaged, document: p.document}] AS policies`,
      params,
    },
    buckets: {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
        RETURN b.arn AS arn, b.objectAclSurveyJson AS objectAclSurveyJson
        ORDER BY arn`,
      params,
    },
    kmsKeys: {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:HAS_KMS_KEY]->(k:KmsKey)
        OPTIONAL MATCH (k)-[:HAS_POLICY {attachment: 'key'}]->(p:Policy)
        RETURN k.arn AS arn, k.keyId AS keyId, k.keyManager AS keyManager, k.keyState AS keyState,
               k.policyJson AS policyJson, k.grantsJson AS grantsJson, k.references AS references,
               k.errorsJson AS errorsJson, p.document AS policyDocument
        ORDER BY arn`,
      params,
    },
    accessPoints: {
      cypher: cypher`
        MATCH (:Account {accountId: $accountId})-[:HAS_ACCESS_POINT]->(ap:AccessPoint)
        OPTIONAL MATCH (ap)-[:HAS_POLICY {attachment: 'access-point'}]->(p:Policy)
        RETURN ap.arn AS arn, ap.name AS name, ap.bucket AS bucket, ap.bucketAccountId AS bucketAccountId,
               ap.networkOrigin AS networkOrigin, ap.vpcId AS vpcId, ap.policyJson AS policyJson,
               ap.bpaBlockPublicAcls AS bpaBlockPublicAcls, ap.bpaIgnorePublicAcls AS bpaIgnorePublicAcls,
               ap.bpaBlockPublicPolicy AS bpaBlockPublicPolicy, ap.bpaRestrictPublicBuckets AS bpaRestrictPublicBuckets,
               ap.errorsJson AS errorsJson, p.document AS policyDocument
        ORDER BY arn`,
      params,
    },
  };
}

function organizationFacts(r: OrganizationRecord): OrganizationFacts | undefined {
  if (r.organizationStatus === null) return undefined;
  if (r.organizationStatus === "NOT_IN_ORGANIZATION") return { status: "NOT_IN_ORGANIZATION" };
  const errors = parsed<CollectionError[]>(r.organizationErrorsJson, []);
  if (r.organizationStatus === "NOT_ACCESSIBLE") {
    return {
      status: "NOT_ACCESSIBLE",
      reason: errors[0] ?? {
        operation: "organizations:DescribeOrganization",
        code: "Unknown",
        message: "no reason stored",
      },
    };
  }
  return {
    status: "COLLECTED",
    organizationId: r.organizationId ?? "",
    managementAccountId: r.managementAccountId ?? "",
    path: parsed<OrganizationLevel[]>(r.organizationPathJson, []),
    // A policy attached at several levels of the path comes once per level.
    policies: [...new Map(r.policies.map((p) => [p.policyId, p])).values()]
      .map((p) => ({
        id: p.organizationPolicyId ?? p.policyId,
        arn: p.policyId,
        name: p.name,
        type: p.kind === "scp" ? ("SERVICE_CONTROL_POLICY" as const) : ("RESOURCE_CONTROL_POLICY" as const),
        awsManaged: p.awsManaged,
        document: JSON.parse(p.document) as PolicyDocument,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    appliedPolicyTypes: r.organizationAppliedPolicyTypes ?? [],
    errors,
  };
}

function kmsKeyFacts(k: KmsKeyRecord): KmsKeyFacts {
  const facts: KmsKeyFacts = {
    arn: k.arn,
    keyPolicy: parsed<PolicyDocument | null>(k.policyDocument, null),
    policyJson: k.policyJson,
    grants: parsed(k.grantsJson, []),
    references: k.references ?? [],
    errors: parsed(k.errorsJson, []),
  };
  if (k.keyId !== null) facts.keyId = k.keyId;
  if (k.keyManager !== null) facts.keyManager = k.keyManager;
  if (k.keyState !== null) facts.keyState = k.keyState;
  return facts;
}

function accessPointFacts(ap: AccessPointRecord): AccessPointFacts {
  return {
    name: ap.name,
    arn: ap.arn,
    bucket: ap.bucket,
    bucketAccountId: ap.bucketAccountId,
    networkOrigin: ap.networkOrigin,
    vpcId: ap.vpcId,
    policy: parsed<PolicyDocument | null>(ap.policyDocument, null),
    policyJson: ap.policyJson,
    publicAccessBlock: publicAccessBlock([
      ap.bpaBlockPublicAcls,
      ap.bpaIgnorePublicAcls,
      ap.bpaBlockPublicPolicy,
      ap.bpaRestrictPublicBuckets,
    ]),
    errors: parsed(ap.errorsJson, []),
  };
}

/**
 * Pure: an inventory with the resource controls read back laid over it. The organization status is written for every
 * inventory the collectors produce; without it (an inventory built by hand, or before these were collected) object
 * ACL surveys and access points stay absent, as they were in what was written.
 */
export function withResourceControls(inventory: AccountInventory, records: ResourceControlRecords): AccountInventory {
  const organization = organizationFacts(records.organization);
  const kmsKeys = records.kmsKeys.map(kmsKeyFacts);
  if (organization === undefined) return { ...inventory, kmsKeys };
  const surveys = new Map(
    records.buckets.map((b) => [b.arn, parsed<ObjectAclSurvey | null>(b.objectAclSurveyJson, null)]),
  );
  return {
    ...inventory,
    buckets: inventory.buckets.map((b) => ({ ...b, objectAcls: surveys.get(b.arn) ?? null })),
    kmsKeys,
    accessPoints: records.accessPoints.map(accessPointFacts),
    organization,
  };
}

/** The account's inventory as last written; NotFoundError when the graph has no audited account with this id. */
export async function loadInventory(graph: GraphReader, accountId: string): Promise<AccountInventory> {
  const queries = loadInventoryQueries(accountId);
  const controls = loadResourceControlQueries(accountId);
  const [accounts, buckets, principals, policies, organizations, bucketControls, kmsKeys, accessPoints] =
    await Promise.all([
      readAll<AccountRecord>(graph, queries.account),
      readAll<BucketRecord>(graph, queries.buckets),
      readAll<PrincipalRecord>(graph, queries.principals),
      readAll<ManagedPolicyRecord>(graph, queries.policies),
      readAll<OrganizationRecord>(graph, controls.organization),
      readAll<BucketControlsRecord>(graph, controls.buckets),
      readAll<KmsKeyRecord>(graph, controls.kmsKeys),
      readAll<AccessPointRecord>(graph, controls.accessPoints),
    ]);
  const account = accounts[0];
  const organization = organizations[0];
  if (account === undefined || organization === undefined) throw new NotFoundError("account", accountId);
  return withResourceControls(inventoryFromRecords({ account, buckets, principals, policies }), {
    organization,
    buckets: bucketControls,
    kmsKeys,
    accessPoints,
  });
}

/** The audited account that owns a bucket; null when no audit has seen the bucket (or only as a replication target). */
export async function bucketOwnerAccountId(graph: GraphReader, bucketName: string): Promise<string | null> {
  const rows = await graph.read<{ accountId: string }>(
    cypher`
      MATCH (a:Account)-[:OWNS]->(:Bucket {name: $bucketName})
      RETURN a.accountId AS accountId`,
    { bucketName },
  );
  return rows[0]?.accountId ?? null;
}

/** Whether the graph knows a principal by its node key (IAM principals of audited accounts, and grantees). */
export async function principalExists(graph: GraphReader, arn: string): Promise<boolean> {
  const rows = await graph.read<{ found: boolean }>(
    "MATCH (p:Principal {arn: $arn}) RETURN true AS found LIMIT 1",
    { arn },
  );
  return rows.length > 0;
}

/** The CAN_ASSUME edges the analysis of `accountId` produced: the role chains explainAccess can follow. */
export async function assumeEdges(graph: GraphReader, accountId: string): Promise<AssumeEdge[]> {
  const rows = await graph.read<unknown>(
    cypher`
      MATCH (p:Principal)-[e:CAN_ASSUME {accountId: $accountId}]->(r:Role)
      RETURN p.arn AS fromArn, p.kind AS fromKind, r.arn AS toRoleArn, coalesce(e.conditional, false) AS conditional,
             e.conditionsJson AS conditionsJson, e.viaJson AS viaJson
      ORDER BY fromArn, toRoleArn`,
    { accountId },
  );
  return rows.map((row) => {
    const r = plain(row) as Omit<AssumeEdge, "conditions" | "via"> & { conditionsJson: unknown; viaJson: unknown };
    return {
      fromArn: r.fromArn,
      fromKind: r.fromKind,
      toRoleArn: r.toRoleArn,
      conditional: r.conditional,
      conditions: parseJsonProperty(r.conditionsJson, []),
      via: parseJsonProperty(r.viaJson, []),
    };
  });
}
