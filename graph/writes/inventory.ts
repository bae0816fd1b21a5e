/**
 * Writes one account's AccountInventory: the Account, its Buckets, IAM principals, group memberships, policies with
 * their statements, policy attachments and replication, then the resource controls (KMS keys and their key policies,
 * object ACL surveys, access points and their policies, the organization's SCPs/RCPs), and removes what the account
 * no longer has. The write is one transaction whose statements each reconcile a set (MERGE what is there, delete what
 * is not), so that writing an unchanged inventory again leaves the graph as it was, and a changed account converges.
 *
 * Objects of removed buckets are deleted first, in batches of their own (a bucket can hold millions).
 */
import type { PolicyDocument, PolicyStatement } from "../../services/access/policy-document.js";
import { classifyPublicPolicy } from "../../services/access/public-policy.js";
import type {
  AccountInventory,
  BucketFacts,
  CollectionError,
  InlinePolicy,
  OrganizationFacts,
  PublicAccessBlock,
} from "../../services/aws/inventory.js";
import { type CypherQuery, cypher } from "../cypher.js";
import type { Graph, WriteCounters } from "../driver.js";
import { canonicalJson, jsonOrNull } from "../json.js";
import { deleteBucketObjects } from "./objects.js";

export type PolicyKind = "managed" | "inline" | "bucket" | "trust" | "key" | "access-point" | "scp" | "rcp";
export type PolicyAttachment =
  | "managed"
  | "inline"
  | "boundary"
  | "bucket"
  | "trust"
  | "key"
  | "access-point"
  | "organization";
type IamLabel = "User" | "Group" | "Role" | "AccountRoot";

/** The keys graph/MODEL.md gives policies, so that access edges can name the policy they came through. */
export const policyIds = {
  inline: (ownerArn: string, name: string) => `${ownerArn}#inline/${name}`,
  bucket: (bucketArn: string) => `${bucketArn}#policy`,
  trust: (roleArn: string) => `${roleArn}#trust`,
  /** The id the access engine gives a key policy, so that grants through it name this node. */
  key: (keyArn: string) => `${keyArn}#key-policy`,
  accessPoint: (accessPointArn: string) => `${accessPointArn}#policy`,
  statement: (policyId: string, index: number) => `${policyId}#${index}`,
};

export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** The account in an IAM ARN (`arn:aws:iam::<account>:...`); null for AWS managed policies (`arn:aws:iam::aws:...`). */
export function arnAccountId(arn: string): string | null {
  const account = arn.split(":")[4] ?? "";
  return /^\d{12}$/.test(account) ? account : null;
}

/** Macie reports a bucket it may not read with errorCode ACCESS_DENIED; other failures stay in errorsJson only. */
export function bucketErrorCode(errors: readonly CollectionError[]): "ACCESS_DENIED" | null {
  return errors.some((e) => /^access_?denied(exception)?$/i.test(e.code)) ? "ACCESS_DENIED" : null;
}

function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

interface PolicyRow {
  policyId: string;
  props: {
    kind: PolicyKind;
    name: string;
    accountId: string | null;
    awsManaged: boolean;
    document: string | null;
  };
  statements: { statementId: string; props: { sid: string | null; index: number; effect: string; json: string } }[];
}

function policyRow(
  policyId: string,
  kind: PolicyKind,
  name: string,
  accountId: string | null,
  awsManaged: boolean,
  document: PolicyDocument,
): PolicyRow {
  return {
    policyId,
    props: { kind, name, accountId, awsManaged, document: canonicalJson(document) },
    statements: statementsOf(document).map((statement, index) => ({
      statementId: policyIds.statement(policyId, index),
      props: { sid: statement.Sid ?? null, index, effect: statement.Effect, json: canonicalJson(statement) },
    })),
  };
}

interface AttachmentRow {
  arn: string;
  /** `<attachment> <policyId>`: the identity of a HAS_POLICY edge, compared as one string. */
  attachmentKeys: string[];
  attachments: { policyId: string; attachment: PolicyAttachment }[];
}

function attachmentRow(arn: string, attachments: { policyId: string; attachment: PolicyAttachment }[]): AttachmentRow {
  return { arn, attachmentKeys: attachments.map((a) => `${a.attachment} ${a.policyId}`), attachments };
}

function inlineAttachments(ownerArn: string, inline: readonly InlinePolicy[]) {
  return inline.map((p) => ({ policyId: policyIds.inline(ownerArn, p.name), attachment: "inline" as const }));
}

function managedAttachments(arns: readonly string[]) {
  return arns.map((arn) => ({ policyId: arn, attachment: "managed" as const }));
}

function publicAccessBlockProps(prefix: string, block: PublicAccessBlock | null): Record<string, boolean | null> {
  return {
    [`${prefix}BlockPublicAcls`]: block?.blockPublicAcls ?? null,
    [`${prefix}IgnorePublicAcls`]: block?.ignorePublicAcls ?? null,
    [`${prefix}BlockPublicPolicy`]: block?.blockPublicPolicy ?? null,
    [`${prefix}RestrictPublicBuckets`]: block?.restrictPublicBuckets ?? null,
  };
}

/**
 * AWS's public-policy classification of the bucket policy as written (null when it cannot be read): a public
 * grant kept conditional by a fixed-value condition such as aws:SourceIp 203.0.113.0/24 is not public, one with
 * 0.0.0.0/0 is. The bucket access summary in writes/effective-access.ts needs it to name such buckets.
 */
function policyIsPublic(bucket: BucketFacts): boolean | null {
  try {
    return classifyPublicPolicy(bucket.policy).isPublic;
  } catch {
    return null;
  }
}

function bucketProps(accountId: string, bucket: BucketFacts, runId: string) {
  return {
    name: bucket.name,
    accountId,
    region: bucket.region,
    createdAt: bucket.createdAt,
    versioning: bucket.versioning,
    encryptionType: bucket.encryption.type,
    kmsKeyArn: bucket.encryption.kmsKeyArn ?? null,
    bucketKeyEnabled: bucket.encryption.bucketKeyEnabled ?? null,
    ownership: bucket.ownership,
    ...publicAccessBlockProps("bpa", bucket.publicAccessBlock),
    policyJson: bucket.policyJson ?? jsonOrNull(bucket.policy),
    policyIsPublic: policyIsPublic(bucket),
    aclJson: jsonOrNull(bucket.acl),
    replicationJson: bucket.replication.length > 0 ? canonicalJson(bucket.replication) : null,
    tagsJson: canonicalJson(bucket.tags),
    websiteEnabled: bucket.websiteEnabled,
    loggingTargetBucket: bucket.loggingTargetBucket,
    errorCode: bucketErrorCode(bucket.errors),
    errorsJson: bucket.errors.length > 0 ? canonicalJson(bucket.errors) : null,
    lastAuditRunId: runId,
  };
}

/** One replication edge per destination; an enabled rule wins over a disabled one to the same place. */
function replicationRows(bucket: BucketFacts) {
  const byDestination = new Map<string, BucketFacts["replication"][number]>();
  for (const rule of bucket.replication) {
    const seen = byDestination.get(rule.destinationBucketArn);
    if (seen === undefined || (seen.status === "Disabled" && rule.status === "Enabled")) {
      byDestination.set(rule.destinationBucketArn, rule);
    }
  }
  return [...byDestination.values()].map((rule) => ({
    arn: rule.destinationBucketArn,
    name: rule.destinationBucketArn.replace(/^arn:aws:s3:::/, ""),
    accountId: rule.destinationAccountId,
    ruleId: rule.id,
    status: rule.status,
  }));
}

/** The policy rows an inventory yields; AWS managed policies only when something in this account attaches them. */
export function inventoryPolicies(inventory: AccountInventory): { full: PolicyRow[]; referenced: PolicyRow[] } {
  const { accountId, iam } = inventory;
  const attached = new Set<string>();
  for (const p of [...iam.users, ...iam.groups, ...iam.roles]) p.attachedPolicyArns.forEach((a) => attached.add(a));
  for (const p of [...iam.users, ...iam.roles]) if (p.permissionsBoundaryArn) attached.add(p.permissionsBoundaryArn);

  const full: PolicyRow[] = [];
  const listed = new Set<string>();
  for (const policy of iam.policies) {
    if (policy.awsManaged && !attached.has(policy.arn)) continue;
    listed.add(policy.arn);
    full.push(
      policyRow(
        policy.arn,
        "managed",
        policy.name,
        policy.awsManaged ? null : arnAccountId(policy.arn),
        policy.awsManaged,
        policy.document,
      ),
    );
  }
  for (const owner of [...iam.users, ...iam.groups, ...iam.roles]) {
    for (const inline of owner.inlinePolicies) {
      full.push(
        policyRow(policyIds.inline(owner.arn, inline.name), "inline", inline.name, accountId, false, inline.document),
      );
    }
  }
  for (const role of iam.roles) {
    const id = policyIds.trust(role.arn);
    full.push(policyRow(id, "trust", `${role.name} trust policy`, accountId, false, role.trustPolicy));
  }
  for (const bucket of inventory.buckets) {
    if (bucket.policy !== null) {
      const id = policyIds.bucket(bucket.arn);
      full.push(policyRow(id, "bucket", `${bucket.name} bucket policy`, accountId, false, bucket.policy));
    }
  }
  for (const key of inventory.kmsKeys) {
    if (key.keyPolicy !== null) {
      full.push(policyRow(policyIds.key(key.arn), "key", `${key.arn} key policy`, accountId, false, key.keyPolicy));
    }
  }
  for (const ap of inventory.accessPoints ?? []) {
    if (ap.policy !== null) {
      const name = `${ap.name} access point policy`;
      full.push(policyRow(policyIds.accessPoint(ap.arn), "access-point", name, accountId, false, ap.policy));
    }
  }
  // Attached managed policies the collector did not list (e.g. filtered out): a node without a document, so that the
  // attachment is still visible.
  const referenced = [...attached]
    .filter((arn) => !listed.has(arn))
    .sort()
    .map((arn) => {
      const awsManaged = arnAccountId(arn) === null;
      return {
        policyId: arn,
        props: {
          kind: "managed" as const,
          name: arn.split("/").pop() ?? arn,
          accountId: awsManaged ? null : arnAccountId(arn),
          awsManaged,
          document: null,
        },
        statements: [],
      };
    });
  return { full, referenced };
}

function principalQuery(accountId: string, label: IamLabel, rows: unknown[]): CypherQuery {
  // An account seen as a grantee before it was audited has its root as an ExternalAccount node: it becomes the root.
  const relabel = label === "AccountRoot" ? " REMOVE p:ExternalAccount" : "";
  return {
    cypher: cypher`
      MATCH (a:Account {accountId: $accountId})
      UNWIND $rows AS row
      MERGE (p:Principal {arn: row.arn})
      SET p:${label}, p += row.props${relabel}
      MERGE (a)-[:HAS_PRINCIPAL]->(p)`,
    params: { accountId, rows },
  };
}

/** The statements of one inventory write, in order: pure, so that the exact Cypher and parameters can be pinned. */
export function buildInventoryWrite(inventory: AccountInventory, runId: string): CypherQuery[] {
  const { accountId, iam } = inventory;
  const groupArnByName = new Map(iam.groups.map((g) => [g.name, g.arn]));
  const rootArn = accountRootArn(accountId);
  const principal = (
    arn: string,
    name: string,
    kind: IamLabel,
    facts: { id?: string; path?: string; permissionsBoundaryArn?: string | null; tags?: Record<string, string> },
  ) => ({
    arn,
    props: {
      name,
      kind,
      accountId,
      principalId: facts.id ?? null,
      path: facts.path ?? null,
      permissionsBoundaryArn: facts.permissionsBoundaryArn ?? null,
      tagsJson: jsonOrNull(facts.tags),
      lastAuditRunId: runId,
    },
  });
  const principals: Record<IamLabel, unknown[]> = {
    User: iam.users.map((u) => principal(u.arn, u.name, "User", u)),
    Group: iam.groups.map((g) => principal(g.arn, g.name, "Group", g)),
    Role: iam.roles.map((r) => principal(r.arn, r.name, "Role", r)),
    AccountRoot: [principal(rootArn, "root", "AccountRoot", {})],
  };
  const principalArns = [rootArn, ...[...iam.users, ...iam.groups, ...iam.roles].map((p) => p.arn)];

  const policies = inventoryPolicies(inventory);
  const policyIdsKept = [...policies.full, ...policies.referenced].map((p) => p.policyId);

  const boundary = (arn: string | null) => (arn === null ? [] : [{ policyId: arn, attachment: "boundary" as const }]);
  const principalAttachments = [
    ...iam.users.map((u) =>
      attachmentRow(u.arn, [
        ...managedAttachments(u.attachedPolicyArns),
        ...inlineAttachments(u.arn, u.inlinePolicies),
        ...boundary(u.permissionsBoundaryArn),
      ]),
    ),
    ...iam.groups.map((g) =>
      attachmentRow(g.arn, [
        ...managedAttachments(g.attachedPolicyArns),
        ...inlineAttachments(g.arn, g.inlinePolicies),
      ]),
    ),
    ...iam.roles.map((r) =>
      attachmentRow(r.arn, [
        ...managedAttachments(r.attachedPolicyArns),
        ...inlineAttachments(r.arn, r.inlinePolicies),
        ...boundary(r.permissionsBoundaryArn),
        { policyId: policyIds.trust(r.arn), attachment: "trust" },
      ]),
    ),
  ];
  const bucketAttachments = inventory.buckets.map((b) =>
    attachmentRow(b.arn, b.policy === null ? [] : [{ policyId: policyIds.bucket(b.arn), attachment: "bucket" }]),
  );

  const queries: CypherQuery[] = [
    {
      cypher: cypher`
        MERGE (a:Account {accountId: $accountId})
        SET a += $props`,
      params: {
        accountId,
        props: {
          external: false,
          region: inventory.region,
          ...publicAccessBlockProps("publicAccessBlock", inventory.accountPublicAccessBlock),
          errorsJson: inventory.errors.length > 0 ? canonicalJson(inventory.errors) : null,
          collectedAt: inventory.collectedAt,
          lastAuditRunId: runId,
        },
      },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
        WHERE NOT b.arn IN $bucketArns
        CALL (b) {
          MATCH (b)-[:HAS_FINDING]->(f:Finding)
          DETACH DELETE f
        }
        CALL (b) {
          MATCH (b)-[:HAS_SENSITIVE_SUMMARY]->(s:SensitiveSummary)
          DETACH DELETE s
        }
        CALL (b) {
          MATCH (b)-[:REPLICATES_TO]->(d:Bucket)
          WHERE NOT EXISTS { (:Account)-[:OWNS]->(d) } AND COUNT { (d)--() } = 1
          DETACH DELETE d
        }
        DETACH DELETE b`,
      params: { accountId, bucketArns: inventory.buckets.map((b) => b.arn) },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        UNWIND $rows AS row
        MERGE (b:Bucket {arn: row.arn})
        SET b += row.props
        MERGE (a)-[:OWNS]->(b)`,
      params: {
        accountId,
        rows: inventory.buckets.map((b) => ({ arn: b.arn, props: bucketProps(accountId, b, runId) })),
      },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})-[:HAS_PRINCIPAL]->(p:Principal)
        WHERE NOT p.arn IN $principalArns
        DETACH DELETE p`,
      params: { accountId, principalArns },
    },
    ...(["AccountRoot", "User", "Group", "Role"] as const).map((label) =>
      principalQuery(accountId, label, principals[label]),
    ),
    {
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (u:Principal {arn: row.arn})
        CALL (u, row) {
          MATCH (u)-[m:MEMBER_OF]->(g:Group)
          WHERE NOT g.arn IN row.groupArns
          DELETE m
        }
        CALL (u, row) {
          UNWIND row.groupArns AS groupArn
          MATCH (g:Principal {arn: groupArn})
          MERGE (u)-[:MEMBER_OF]->(g)
        }`,
      params: {
        rows: iam.users.map((u) => ({
          arn: u.arn,
          groupArns: u.groupNames.flatMap((name) => groupArnByName.get(name) ?? []),
        })),
      },
    },
    {
      cypher: cypher`
        UNWIND $rows AS row
        MERGE (p:Policy {policyId: row.policyId})
        SET p += row.props
        WITH p, row
        CALL (p, row) {
          MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
          WHERE NOT s.statementId IN [st IN row.statements | st.statementId]
          DETACH DELETE s
        }
        CALL (p, row) {
          UNWIND row.statements AS st
          MERGE (s:Statement {statementId: st.statementId})
          SET s += st.props
          MERGE (p)-[:HAS_STATEMENT]->(s)
        }`,
      params: { rows: policies.full },
    },
    {
      cypher: cypher`
        UNWIND $rows AS row
        MERGE (p:Policy {policyId: row.policyId})
        ON CREATE SET p += row.props`,
      params: { rows: policies.referenced.map(({ policyId, props }) => ({ policyId, props })) },
    },
    attachmentQuery("Principal", principalAttachments),
    attachmentQuery("Bucket", bucketAttachments),
    {
      cypher: cypher`
        MATCH (p:Policy {accountId: $accountId})
        WHERE NOT p.policyId IN $policyIds
        OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
        DETACH DELETE s, p`,
      params: { accountId, policyIds: policyIdsKept },
    },
    {
      // AWS managed policies are shared by every account; one goes when no account attaches it any more.
      cypher: cypher`
        MATCH (p:Policy {awsManaged: true})
        WHERE NOT EXISTS { ()-[:HAS_POLICY]->(p) }
        OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
        DETACH DELETE s, p`,
      params: {},
    },
    {
      // A destination outside the inventory is a Bucket node owned by no audited account; it goes with its last edge.
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (b:Bucket {arn: row.arn})
        CALL (b, row) {
          MATCH (b)-[r:REPLICATES_TO]->(d:Bucket)
          WHERE NOT d.arn IN [x IN row.destinations | x.arn]
          DELETE r
          WITH d
          WHERE NOT EXISTS { (d)--() }
          DELETE d
        }
        CALL (b, row) {
          UNWIND row.destinations AS dest
          MERGE (d:Bucket {arn: dest.arn})
          ON CREATE SET d.name = dest.name, d.accountId = dest.accountId
          MERGE (b)-[r:REPLICATES_TO]->(d)
          SET r.ruleId = dest.ruleId, r.status = dest.status
        }`,
      params: { rows: inventory.buckets.map((b) => ({ arn: b.arn, destinations: replicationRows(b) })) },
    },
  ];
  return queries;
}

/** The account's organization facts as Account properties; the path and errors as JSON. */
function organizationProps(organization: OrganizationFacts | undefined) {
  const collected = organization?.status === "COLLECTED" ? organization : null;
  return {
    organizationStatus: organization?.status ?? null,
    organizationId: collected?.organizationId ?? null,
    managementAccountId: collected?.managementAccountId ?? null,
    organizationPathJson: collected === null ? null : canonicalJson(collected.path),
    organizationAppliedPolicyTypes: collected?.appliedPolicyTypes ?? null,
    organizationErrorsJson:
      organization?.status === "NOT_ACCESSIBLE"
        ? canonicalJson([organization.reason])
        : collected !== null && collected.errors.length > 0
          ? canonicalJson(collected.errors)
          : null,
  };
}

function objectAclProps(bucket: BucketFacts) {
  const survey = bucket.objectAcls ?? null;
  return {
    publicObjectCount: survey?.publicObjectCount ?? null,
    objectAclsChecked: survey?.objectsChecked ?? null,
    objectAclsComplete: survey?.complete ?? null,
    objectAclSurveyJson: jsonOrNull(survey),
  };
}

/**
 * The resource controls of an inventory, after buildInventoryWrite in the same transaction (it has written the key
 * and access point Policy nodes with their statements): KMS keys, the buckets' object ACL surveys, access points, the
 * organization's SCPs/RCPs. Each statement reconciles its set for the account. Pure, so that it can be pinned.
 */
export function buildResourceControlsWrite(inventory: AccountInventory, runId: string): CypherQuery[] {
  const { accountId } = inventory;
  const keys = inventory.kmsKeys.map((k) => ({
    arn: k.arn,
    policyId: k.keyPolicy === null ? null : policyIds.key(k.arn),
    props: {
      accountId: arnAccountId(k.arn),
      keyId: k.keyId ?? null,
      keyManager: k.keyManager ?? null,
      keyState: k.keyState ?? null,
      policyJson: k.policyJson ?? jsonOrNull(k.keyPolicy),
      grantsJson: jsonOrNull(k.grants),
      references: k.references ?? [],
      errorsJson: k.errors !== undefined && k.errors.length > 0 ? canonicalJson(k.errors) : null,
      lastAuditRunId: runId,
    },
  }));
  const accessPoints = (inventory.accessPoints ?? []).map((ap) => ({
    arn: ap.arn,
    bucketArn: `arn:aws:s3:::${ap.bucket}`,
    policyId: ap.policy === null ? null : policyIds.accessPoint(ap.arn),
    props: {
      name: ap.name,
      accountId,
      bucket: ap.bucket,
      bucketAccountId: ap.bucketAccountId,
      networkOrigin: ap.networkOrigin,
      vpcId: ap.vpcId,
      policyJson: ap.policyJson ?? jsonOrNull(ap.policy),
      ...publicAccessBlockProps("bpa", ap.publicAccessBlock),
      errorsJson: ap.errors.length > 0 ? canonicalJson(ap.errors) : null,
      lastAuditRunId: runId,
    },
  }));
  const organization = inventory.organization?.status === "COLLECTED" ? inventory.organization : null;
  const orgPolicies = (organization?.policies ?? []).map((p) => {
    const kind = p.type === "SERVICE_CONTROL_POLICY" ? "scp" : "rcp";
    const row = policyRow(p.arn, kind, p.name, null, p.awsManaged, p.document);
    return { ...row, props: { ...row.props, organizationPolicyId: p.id } };
  });
  const arnById = new Map((organization?.policies ?? []).map((p) => [p.id, p.arn]));
  // One HAS_POLICY {attachment: 'organization'} edge from the Account per policy and level on its path (`depth` 0 is
  // the root, the account itself the last level), so that a policy attached at several levels keeps each.
  const governedBy = (organization?.path ?? []).flatMap((level, depth) =>
    level.policyIds.flatMap((id) => {
      const policyId = arnById.get(id);
      if (policyId === undefined) return [];
      return [{ policyId, targetId: level.id, targetType: level.type, depth, key: `${depth} ${level.id} ${policyId}` }];
    }),
  );

  return [
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        SET a += $props`,
      params: { accountId, props: organizationProps(inventory.organization) },
    },
    {
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (b:Bucket {arn: row.arn})
        SET b += row.props`,
      params: { rows: inventory.buckets.map((b) => ({ arn: b.arn, props: objectAclProps(b) })) },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})-[:HAS_KMS_KEY]->(k:KmsKey)
        WHERE NOT k.arn IN $keyArns
        DETACH DELETE k`,
      params: { accountId, keyArns: keys.map((k) => k.arn) },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        UNWIND $rows AS row
        MERGE (k:KmsKey {arn: row.arn})
        SET k += row.props
        MERGE (a)-[:HAS_KMS_KEY]->(k)
        WITH k, row
        CALL (k, row) {
          MATCH (k)-[r:HAS_POLICY]->(p:Policy)
          WHERE row.policyId IS NULL OR p.policyId <> row.policyId
          DELETE r
        }
        CALL (k, row) {
          MATCH (p:Policy {policyId: row.policyId})
          MERGE (k)-[:HAS_POLICY {attachment: 'key'}]->(p)
        }`,
      params: { accountId, rows: keys },
    },
    {
      // A bucket's default-encryption key: moved when the bucket names another key, removed when it names none.
      cypher: cypher`
        UNWIND $rows AS row
        MATCH (b:Bucket {arn: row.arn})
        CALL (b, row) {
          MATCH (b)-[r:ENCRYPTED_WITH]->(k:KmsKey)
          WHERE row.keyArn IS NULL OR k.arn <> row.keyArn
          DELETE r
        }
        CALL (b, row) {
          MATCH (k:KmsKey {arn: row.keyArn})
          MERGE (b)-[:ENCRYPTED_WITH]->(k)
        }`,
      params: {
        rows: inventory.buckets.map((b) => ({
          arn: b.arn,
          keyArn: b.encryption.type.startsWith("aws:kms") ? (b.encryption.kmsKeyArn ?? null) : null,
        })),
      },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})-[:HAS_ACCESS_POINT]->(ap:AccessPoint)
        WHERE NOT ap.arn IN $accessPointArns
        DETACH DELETE ap`,
      params: { accountId, accessPointArns: accessPoints.map((ap) => ap.arn) },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        UNWIND $rows AS row
        MERGE (ap:AccessPoint {arn: row.arn})
        SET ap += row.props
        MERGE (a)-[:HAS_ACCESS_POINT]->(ap)
        WITH ap, row
        CALL (ap, row) {
          MATCH (ap)-[r:ACCESS_POINT_FOR]->(b:Bucket)
          WHERE b.arn <> row.bucketArn
          DELETE r
        }
        CALL (ap, row) {
          MATCH (b:Bucket {arn: row.bucketArn})
          MERGE (ap)-[:ACCESS_POINT_FOR]->(b)
        }
        CALL (ap, row) {
          MATCH (ap)-[r:HAS_POLICY]->(p:Policy)
          WHERE row.policyId IS NULL OR p.policyId <> row.policyId
          DELETE r
        }
        CALL (ap, row) {
          MATCH (p:Policy {policyId: row.policyId})
          MERGE (ap)-[:HAS_POLICY {attachment: 'access-point'}]->(p)
        }`,
      params: { accountId, rows: accessPoints },
    },
    {
      // SCPs and RCPs belong to the organization, not the account (accountId null): shared by every audited member.
      cypher: cypher`
        UNWIND $rows AS row
        MERGE (p:Policy {policyId: row.policyId})
        SET p += row.props
        WITH p, row
        CALL (p, row) {
          MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
          WHERE NOT s.statementId IN [st IN row.statements | st.statementId]
          DETACH DELETE s
        }
        CALL (p, row) {
          UNWIND row.statements AS st
          MERGE (s:Statement {statementId: st.statementId})
          SET s += st.props
          MERGE (p)-[:HAS_STATEMENT]->(s)
        }`,
      params: { rows: orgPolicies },
    },
    {
      cypher: cypher`
        MATCH (a:Account {accountId: $accountId})
        CALL (a) {
          MATCH (a)-[r:HAS_POLICY {attachment: 'organization'}]->(p:Policy)
          WHERE NOT (toString(r.depth) + ' ' + r.targetId + ' ' + p.policyId) IN $keys
          DELETE r
        }
        CALL (a) {
          UNWIND $rows AS row
          MATCH (p:Policy {policyId: row.policyId})
          MERGE (a)-[r:HAS_POLICY {attachment: 'organization', depth: row.depth, targetId: row.targetId}]->(p)
          SET r.targetType = row.targetType
        }`,
      params: { accountId, keys: governedBy.map((g) => g.key), rows: governedBy.map(({ key: _key, ...row }) => row) },
    },
    {
      // An SCP or RCP that no audited account is governed by any more.
      cypher: cypher`
        MATCH (p:Policy)
        WHERE p.kind IN ['scp', 'rcp'] AND NOT EXISTS { ()-[:HAS_POLICY]->(p) }
        OPTIONAL MATCH (p)-[:HAS_STATEMENT]->(s:Statement)
        DETACH DELETE s, p`,
      params: {},
    },
  ];
}

function attachmentQuery(label: "Principal" | "Bucket", rows: AttachmentRow[]): CypherQuery {
  return {
    cypher: cypher`
      UNWIND $rows AS row
      MATCH (owner:${label} {arn: row.arn})
      CALL (owner, row) {
        MATCH (owner)-[r:HAS_POLICY]->(p:Policy)
        WHERE NOT (r.attachment + ' ' + p.policyId) IN row.attachmentKeys
        DELETE r
      }
      CALL (owner, row) {
        UNWIND row.attachments AS attachment
        MATCH (p:Policy {policyId: attachment.policyId})
        MERGE (owner)-[:HAS_POLICY {attachment: attachment.attachment}]->(p)
      }`,
    params: { rows },
  };
}

export interface InventoryWriteSummary {
  counters: WriteCounters;
  /** ARNs of the account's buckets that were in the graph but not in this inventory, now deleted. */
  removedBucketArns: string[];
}

export async function writeInventory(
  graph: Graph,
  inventory: AccountInventory,
  runId: string,
): Promise<InventoryWriteSummary> {
  const removed = await graph.read<{ arn: string; name: string }>(
    cypher`
      MATCH (:Account {accountId: $accountId})-[:OWNS]->(b:Bucket)
      WHERE NOT b.arn IN $bucketArns
      RETURN b.arn AS arn, b.name AS name
      ORDER BY arn`,
    { accountId: inventory.accountId, bucketArns: inventory.buckets.map((b) => b.arn) },
  );
  for (const bucket of removed) await deleteBucketObjects(graph, bucket.name, null);
  const counters = await graph.writeAll([
    ...buildInventoryWrite(inventory, runId),
    ...buildResourceControlsWrite(inventory, runId),
  ]);
  return { counters, removedBucketArns: removed.map((b) => b.arn) };
}
