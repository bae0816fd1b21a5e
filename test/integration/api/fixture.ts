/**
 * A tiny access graph written straight into Neo4j with parameterised Cypher, under a random account id so that test
 * files and repeated runs never share nodes (only the global Public principal `*` is shared, and left in place).
 *
 *   bob --assume--> admin --assume--> reader --READ--> payments (cards.csv: 12 card numbers; people.json: 3 SSNs, 2 cards)
 *   alice --assume (MFA condition)--> reader;  alice --WRITE--> payments
 *   external account root --READ (bucket policy)--> payments
 *   Public (*) --READ (bucket policy)--> public-site (contacts.csv: 5 emails; posture finding S3BucketPublic)
 *   logs: no grants, no findings
 */
import type { Graph } from "../../../graph/driver.js";
import { updateSensitiveSummaries } from "../../../graph/writes/bucket-stats.js";

export interface Fixture {
  accountId: string;
  externalAccountId: string;
  bucket: { payments: string; publicSite: string; logs: string };
  arn: {
    payments: string;
    publicSite: string;
    logs: string;
    alice: string;
    bob: string;
    admin: string;
    reader: string;
    externalRoot: string;
    readPolicy: string;
  };
  runId: string;
}

export function newFixture(): Fixture {
  const accountId = String(100_000_000_000 + Math.floor(Math.random() * 800_000_000_000));
  const externalAccountId = `9${accountId.slice(1)}`;
  const bucket = { payments: `sl-${accountId}-payments`, publicSite: `sl-${accountId}-public-site`, logs: `sl-${accountId}-logs` };
  const iam = (path: string) => `arn:aws:iam::${accountId}:${path}`;
  return {
    accountId,
    externalAccountId,
    bucket,
    arn: {
      payments: `arn:aws:s3:::${bucket.payments}`,
      publicSite: `arn:aws:s3:::${bucket.publicSite}`,
      logs: `arn:aws:s3:::${bucket.logs}`,
      alice: iam("user/alice"),
      bob: iam("user/bob"),
      admin: iam("role/admin"),
      reader: iam("role/reader"),
      externalRoot: `arn:aws:iam::${externalAccountId}:root`,
      readPolicy: iam("policy/read-payments"),
    },
    runId: `audit-${accountId}`,
  };
}

const via = (policyId: string, sid: string, source: string) =>
  JSON.stringify([{ policyId, sid, index: 0, effect: "Allow", source }]);

export async function writeFixture(graph: Graph, fx: Fixture): Promise<void> {
  const { arn, bucket, accountId } = fx;
  const buckets = [
    { arn: arn.payments, props: { name: bucket.payments, accountId, region: "us-east-1", createdAt: "2026-01-02T03:04:05.000Z", encryptionType: "aws:kms", effectivePublicAccess: "NOT_PUBLIC", sharedAccess: "EXTERNAL", sensitivityScore: 80, objectCount: 2, sizeInBytes: 3000, bpaBlockPublicAcls: true, bpaIgnorePublicAcls: true, bpaBlockPublicPolicy: true, bpaRestrictPublicBuckets: true } },
    { arn: arn.publicSite, props: { name: bucket.publicSite, accountId, region: "us-east-1", encryptionType: "NONE", effectivePublicAccess: "PUBLIC", sharedAccess: "NOT_SHARED", sensitivityScore: 40, objectCount: 2, sizeInBytes: 700 } },
    { arn: arn.logs, props: { name: bucket.logs, accountId, region: "us-east-1", encryptionType: "AES256", effectivePublicAccess: "NOT_PUBLIC", sharedAccess: "NOT_SHARED", sensitivityScore: 1, objectCount: 0, sizeInBytes: 0 } },
  ];
  const object = (b: string, key: string, size: number, classified: boolean) => ({
    bucketArn: `arn:aws:s3:::${b}`,
    arn: `arn:aws:s3:::${b}/${key}`,
    props: { bucket: b, key, size, ...(classified ? { classifiedEtag: `etag-${key}` } : { unclassifiableReason: "UNSUPPORTED_FORMAT" }) },
  });
  const objects = [
    object(bucket.payments, "cards.csv", 2000, true),
    object(bucket.payments, "people.json", 1000, true),
    object(bucket.publicSite, "index.html", 200, false),
    object(bucket.publicSite, "contacts.csv", 500, true),
  ];
  const detection = (objectArn: string, type: string, category: string, count: number, severity: string) => ({
    detectionId: `${objectArn}#${type}`,
    props: { type, category, count, distinctValues: count, severity },
  });
  const sensitive = (b: string, key: string, suffix: string, severity: string, detections: ReturnType<typeof detection>[]) => {
    const objectArn = `arn:aws:s3:::${b}/${key}`;
    const type = `SensitiveData:S3Object/${suffix}`;
    return {
      resourceArn: objectArn,
      findingId: `${objectArn}#${type}`,
      props: { type, category: "CLASSIFICATION", severity, count: 1, auditRunId: fx.runId, createdAt: "2026-01-02T04:00:00.000Z", updatedAt: "2026-01-02T04:00:00.000Z" },
      detections,
    };
  };
  const cards = `${arn.payments}/cards.csv`;
  const people = `${arn.payments}/people.json`;
  const contacts = `${arn.publicSite}/contacts.csv`;
  const findings = [
    sensitive(bucket.payments, "cards.csv", "Financial", "HIGH", [detection(cards, "CREDIT_CARD_NUMBER", "FINANCIAL", 12, "HIGH")]),
    sensitive(bucket.payments, "people.json", "Multiple", "HIGH", [
      detection(people, "USA_SOCIAL_SECURITY_NUMBER", "PERSONAL", 3, "HIGH"),
      detection(people, "CREDIT_CARD_NUMBER", "FINANCIAL", 2, "MEDIUM"),
    ]),
    sensitive(bucket.publicSite, "contacts.csv", "Personal", "MEDIUM", [detection(contacts, "EMAIL_ADDRESS", "PERSONAL", 5, "MEDIUM")]),
    {
      resourceArn: arn.publicSite,
      findingId: `${arn.publicSite}#Policy:IAMUser/S3BucketPublic`,
      props: { type: "Policy:IAMUser/S3BucketPublic", category: "POLICY", severity: "HIGH", count: 1, auditRunId: fx.runId },
      detections: [],
    },
  ];
  const principal = (principalArn: string, kind: string, name: string, account: string) => ({
    arn: principalArn,
    props: { kind, name, accountId: account },
  });
  const users = [principal(arn.alice, "User", "alice", accountId), principal(arn.bob, "User", "bob", accountId)];
  const roles = [principal(arn.admin, "Role", "admin", accountId), principal(arn.reader, "Role", "reader", accountId)];
  const externals = [principal(arn.externalRoot, "ExternalAccount", fx.externalAccountId, fx.externalAccountId)];
  const grant = (principalArn: string, bucketArn: string, level: string, actions: string[], viaJson: string, deniedWhen: unknown[] = []) => ({
    principalArn,
    bucketArn,
    props: { level, actions, conditional: false, conditionsJson: "[]", deniedWhenJson: deniedWhen.length > 0 ? JSON.stringify(deniedWhen) : null, viaJson, accountId },
  });
  const grants = [
    grant(arn.reader, arn.payments, "READ", ["s3:GetObject", "s3:GetObjectVersion"], via(arn.readPolicy, "ReadPayments", "identity")),
    grant(arn.alice, arn.payments, "WRITE", ["s3:PutObject"], via(`${arn.alice}#inline/upload`, "Upload", "identity")),
    grant(arn.externalRoot, arn.payments, "READ", ["s3:GetObject"], via(`${arn.payments}#policy`, "CrossAccount", "bucket-policy"), [
      { Bool: { "aws:SecureTransport": "false" } },
    ]),
    grant("*", arn.publicSite, "READ", ["s3:GetObject"], via(`${arn.publicSite}#policy`, "PublicRead", "bucket-policy")),
  ];
  const assume = (fromArn: string, toArn: string, conditional: boolean, conditions: unknown[]) => ({
    fromArn,
    toArn,
    props: { conditional, conditionsJson: JSON.stringify(conditions), viaJson: via(`${toArn}#trust`, "Trust", "trust"), accountId },
  });
  const assumes = [
    assume(arn.bob, arn.admin, false, []),
    assume(arn.admin, arn.reader, false, []),
    assume(arn.alice, arn.reader, true, [{ Bool: { "aws:MultiFactorAuthPresent": "true" } }]),
  ];
  const principalsWith = (label: string) =>
    `UNWIND $rows AS row MERGE (p:Principal {arn: row.arn}) SET p:${label}, p += row.props, p.fixture = $tag`;
  const tag = accountId;
  await graph.writeAll([
    {
      // Buckets are listed through the account that owns them, as the inventory writer links them.
      cypher:
        "MERGE (a:Account {accountId: $accountId}) SET a.fixture = $tag WITH a UNWIND $rows AS row MERGE (b:Bucket {arn: row.arn}) SET b += row.props, b.fixture = $tag MERGE (a)-[:OWNS]->(b)",
      params: { rows: buckets, tag, accountId },
    },
    {
      cypher:
        "UNWIND $rows AS row MATCH (b:Bucket {arn: row.bucketArn}) MERGE (o:Object {arn: row.arn}) SET o += row.props, o.fixture = $tag MERGE (b)-[:CONTAINS]->(o)",
      params: { rows: objects, tag },
    },
    {
      cypher: [
        "UNWIND $rows AS row",
        "OPTIONAL MATCH (o:Object {arn: row.resourceArn})",
        "OPTIONAL MATCH (b:Bucket {arn: row.resourceArn})",
        "WITH row, coalesce(o, b) AS r",
        "MERGE (f:Finding {findingId: row.findingId}) SET f += row.props, f.fixture = $tag",
        "MERGE (r)-[:HAS_FINDING]->(f)",
        "WITH f, row UNWIND row.detections AS d",
        "MERGE (det:Detection {detectionId: d.detectionId}) SET det += d.props, det.fixture = $tag",
        "MERGE (f)-[:HAS_DETECTION]->(det)",
      ].join("\n"),
      params: { rows: findings, tag },
    },
    { cypher: principalsWith("User"), params: { rows: users, tag } },
    { cypher: principalsWith("Role"), params: { rows: roles, tag } },
    { cypher: principalsWith("ExternalAccount"), params: { rows: externals, tag } },
    { cypher: "MERGE (p:Principal {arn: '*'}) ON CREATE SET p:Public, p.kind = 'Public', p.name = 'Public'", params: {} },
    {
      cypher:
        "UNWIND $rows AS row MATCH (p:Principal {arn: row.principalArn}), (b:Bucket {arn: row.bucketArn}) CREATE (p)-[g:CAN_ACCESS]->(b) SET g += row.props",
      params: { rows: grants },
    },
    {
      cypher:
        "UNWIND $rows AS row MATCH (p:Principal {arn: row.fromArn}), (r:Role {arn: row.toArn}) CREATE (p)-[e:CAN_ASSUME]->(r) SET e += row.props",
      params: { rows: assumes },
    },
    {
      cypher:
        "CREATE (r:AuditRun {runId: $runId}) SET r.accountId = $accountId, r.status = 'COMPLETED', r.startedAt = $startedAt, r.finishedAt = $finishedAt, r.statsJson = $statsJson, r.fixture = $tag",
      params: {
        runId: fx.runId,
        accountId,
        startedAt: "2026-01-02T03:00:00.000Z",
        finishedAt: "2026-01-02T03:05:00.000Z",
        statsJson: JSON.stringify({ accountId, buckets: 3, objects: 4, bytes: 3700, objectsClassified: 3, objectsUnclassifiable: 1, sensitiveObjects: 3, postureFindings: 1, errors: 0 }),
        tag,
      },
    },
  ]);
  // As the classification activity ends for each bucket: sensitiveDataReach reads these summaries.
  await updateSensitiveSummaries(graph, buckets.map((b) => b.arn));
}

export async function deleteFixture(graph: Graph, fx: Fixture): Promise<void> {
  await graph.write("MATCH (:Bucket {fixture: $tag})-[:HAS_SENSITIVE_SUMMARY]->(s) DETACH DELETE s", { tag: fx.accountId });
  await graph.write("MATCH (n {fixture: $tag}) DETACH DELETE n", { tag: fx.accountId });
}
