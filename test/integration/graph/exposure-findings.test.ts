/**
 * refreshExposureFindings against a real Neo4j: the audit's stored inventory, effective access and detections in,
 * Sightline:S3Bucket/* findings on the buckets out, for readers outside the account whether they read directly or
 * through a role that trusts them; idempotent within a run, counted across runs, removed when resolved, and listed by
 * the API's findings(filter: {type}).
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../../../graph/driver.js";
import { writeEffectiveAccess } from "../../../graph/writes/effective-access.js";
import { EXPOSURE_CATEGORY, refreshExposureFindings } from "../../../graph/writes/exposure-findings.js";
import { writeInventory } from "../../../graph/writes/inventory.js";
import { writePostureFindings } from "../../../graph/writes/posture-findings.js";
import { createApiServer, createRequestContext, type ApiDeps } from "../../../schema/server.js";
import { computeEffectiveAccess } from "../../../services/access/index.js";
import type { AccountInventory } from "../../../services/aws/inventory.js";
import { computePostureFindings } from "../../../services/findings/posture-findings.js";
import { fixtureInventory } from "../../unit/graph/fixtures/inventory.js";
import { deleteScope, openGraph, uniqueAccountId } from "./support.js";

const accountId = uniqueAccountId();
const site = `sl-${accountId}-site`;
const shared = `sl-${accountId}-shared`;
const siteArn = `arn:aws:s3:::${site}`;
const sharedArn = `arn:aws:s3:::${shared}`;
const dataArn = `arn:aws:s3:::sl-${accountId}-data`;
const dataReader = `arn:aws:iam::${accountId}:role/data-reader`;
const external = "arn:aws:iam::444455556666:root";
let graph: Graph;

/**
 * The fixture (account 444455556666 may assume data-reader, which reads the data bucket) plus a public site and a
 * bucket shared with account 444455556666 from one IP range only.
 */
function inventory(sitePublic: boolean): AccountInventory {
  const inv = fixtureInventory(accountId);
  const logs = inv.buckets[1]!;
  const publicRead = {
    Version: "2012-10-17",
    Statement: [{ Sid: "PublicRead", Effect: "Allow" as const, Principal: "*" as const, Action: "s3:GetObject", Resource: `${siteArn}/*` }],
  };
  const sharedRead = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Partner",
        Effect: "Allow" as const,
        Principal: { AWS: external },
        Action: "s3:GetObject",
        Resource: `${sharedArn}/*`,
        Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      },
    ],
  };
  inv.buckets.push(
    { ...logs, name: site, arn: siteArn, errors: [], policy: sitePublic ? publicRead : null, policyJson: null },
    { ...logs, name: shared, arn: sharedArn, errors: [], policy: sharedRead, policyJson: null },
  );
  return inv;
}

async function audit(sitePublic: boolean, runId: string): Promise<void> {
  const inv = inventory(sitePublic);
  await writeInventory(graph, inv, runId);
  await writeEffectiveAccess(graph, accountId, computeEffectiveAccess(inv));
  await writePostureFindings(graph, accountId, computePostureFindings(inv), runId);
}

/** Objects with sensitive-data findings and detections, as writeClassification stores them (graph/MODEL.md). */
async function writeDetections(): Promise<void> {
  const detection = (bucket: string, key: string, type: string, category: string) => ({ bucket, key, type, category });
  const rows = [
    detection(site, "people.csv", "EMAIL_ADDRESS", "PERSONAL"),
    detection(site, "people.csv", "CREDIT_CARD_NUMBER", "FINANCIAL"),
    detection(site, "staff.json", "USA_SOCIAL_SECURITY_NUMBER", "PERSONAL"),
    detection(site, "staff.json", "EMAIL_ADDRESS", "PERSONAL"),
    detection(shared, "deploy.env", "AWS_CREDENTIALS", "CREDENTIALS"),
    detection(`sl-${accountId}-data`, "cards.csv", "CREDIT_CARD_NUMBER", "FINANCIAL"),
  ];
  await graph.write(
    `UNWIND $rows AS row
     MATCH (b:Bucket {name: row.bucket})
     MERGE (o:Object {arn: 'arn:aws:s3:::' + row.bucket + '/' + row.key})
     SET o.bucket = row.bucket, o.key = row.key
     MERGE (b)-[:CONTAINS]->(o)
     MERGE (f:Finding {findingId: o.arn + '#SensitiveData:S3Object/Multiple'})
     SET f.type = 'SensitiveData:S3Object/Multiple', f.category = 'CLASSIFICATION', f.severity = 'HIGH'
     MERGE (o)-[:HAS_FINDING]->(f)
     MERGE (d:Detection {detectionId: o.arn + '#' + row.type})
     SET d.type = row.type, d.category = row.category, d.count = 1, d.severity = 'HIGH'
     MERGE (f)-[:HAS_DETECTION]->(d)`,
    { rows },
  );
}

interface StoredFinding {
  findingId: string;
  type: string;
  severity: string;
  category: string;
  count: number;
  auditRunId: string;
  detail: unknown;
}

async function storedFindings(): Promise<StoredFinding[]> {
  const rows = await graph.read<Omit<StoredFinding, "detail"> & { detailJson: string }>(
    `MATCH (:Account {accountId: $accountId})-[:OWNS]->(:Bucket)-[:HAS_FINDING]->(f:Finding {category: $category})
     RETURN f.findingId AS findingId, f.type AS type, f.severity AS severity, f.category AS category, f.count AS count,
            f.auditRunId AS auditRunId, f.detailJson AS detailJson
     ORDER BY findingId`,
    { accountId, category: EXPOSURE_CATEGORY },
  );
  return rows.map(({ detailJson, ...f }) => ({ ...f, detail: JSON.parse(detailJson) }));
}

beforeAll(async () => {
  graph = await openGraph();
  await audit(true, `run-1-${accountId}`);
  await writeDetections();
});

afterAll(async () => {
  await deleteScope(graph, accountId);
  await graph.close();
});

const principal = (arn: string, kind: string, conditional: boolean, viaRoleChains: string[][] = [[]]) => ({
  arn,
  conditional,
  kind,
  viaRoleChains,
});
const everyone = [
  principal("*", "Public", false),
  principal("http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "AuthenticatedUsers", false),
];
// The other account has no grant of its own on the data bucket: it reads the card numbers as data-reader.
const financialViaRole = (count: number, runId: string) => ({
  findingId: `${dataArn}#Sightline:S3Bucket/FinancialDataReadableByExternalAccount`,
  type: "Sightline:S3Bucket/FinancialDataReadableByExternalAccount",
  severity: "HIGH",
  category: "EXPOSURE",
  count,
  auditRunId: runId,
  detail: { category: "FINANCIAL", conditional: false, objectCount: 1, principals: [principal(external, "ExternalAccount", false, [[dataReader]])] },
});
const credentials = (count: number, runId: string) => ({
  findingId: `${sharedArn}#Sightline:S3Bucket/CredentialsReadableByExternalAccount`,
  type: "Sightline:S3Bucket/CredentialsReadableByExternalAccount",
  severity: "MEDIUM",
  category: "EXPOSURE",
  count,
  auditRunId: runId,
  detail: { category: "CREDENTIALS", conditional: true, objectCount: 1, principals: [principal(external, "ExternalAccount", true)] },
});
const publicFindings = (count: number, runId: string) => [
  {
    findingId: `${siteArn}#Sightline:S3Bucket/FinancialDataReadableByPublic`,
    type: "Sightline:S3Bucket/FinancialDataReadableByPublic",
    severity: "HIGH",
    category: "EXPOSURE",
    count,
    auditRunId: runId,
    detail: { category: "FINANCIAL", conditional: false, objectCount: 1, principals: everyone },
  },
  {
    findingId: `${siteArn}#Sightline:S3Bucket/PersonalDataReadableByPublic`,
    type: "Sightline:S3Bucket/PersonalDataReadableByPublic",
    severity: "HIGH",
    category: "EXPOSURE",
    count,
    auditRunId: runId,
    detail: { category: "PERSONAL", conditional: false, objectCount: 2, principals: everyone },
  },
];
const NOTHING = { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0 };

// The tests run in order: each is the next audit of the same account.
describe("refreshExposureFindings", () => {
  const run1 = `run-1-${accountId}`;
  const run2 = `run-2-${accountId}`;
  const run3 = `run-3-${accountId}`;

  it("raises findings for sensitive data readable by the public, by another account through a role, and (conditionally) by its own grant", async () => {
    const refresh = await refreshExposureFindings(graph, accountId, run1);
    expect(refresh.findings.map((f) => [f.bucketArn, f.type, f.severity])).toEqual([
      [dataArn, "Sightline:S3Bucket/FinancialDataReadableByExternalAccount", "HIGH"],
      [sharedArn, "Sightline:S3Bucket/CredentialsReadableByExternalAccount", "MEDIUM"],
      [siteArn, "Sightline:S3Bucket/FinancialDataReadableByPublic", "HIGH"],
      [siteArn, "Sightline:S3Bucket/PersonalDataReadableByPublic", "HIGH"],
    ]);
    expect(refresh.counters).toMatchObject({ nodesCreated: 4, relationshipsCreated: 4, nodesDeleted: 0 });
    expect(await storedFindings()).toEqual([financialViaRole(1, run1), credentials(1, run1), ...publicFindings(1, run1)]);
  });

  it("changes nothing, counters included, when re-run for the same audit with unchanged inputs", async () => {
    const again = await refreshExposureFindings(graph, accountId, run1);
    expect(again.counters).toEqual(NOTHING);
    expect(await storedFindings()).toEqual([financialViaRole(1, run1), credentials(1, run1), ...publicFindings(1, run1)]);
  });

  it("survives the posture findings write of the next audit, and counts that audit once", async () => {
    await audit(true, run2);
    expect((await storedFindings()).map((f) => f.count)).toEqual([1, 1, 1, 1]);
    await refreshExposureFindings(graph, accountId, run2);
    await refreshExposureFindings(graph, accountId, run2);
    expect(await storedFindings()).toEqual([financialViaRole(2, run2), credentials(2, run2), ...publicFindings(2, run2)]);
  });

  it("is listed by the API's findings(filter: {type})", async () => {
    const deps: ApiDeps = {
      graph,
      audits: {
        start: () => Promise.reject(new Error("no audits in this test")),
        status: () => Promise.reject(new Error("no audits in this test")),
      },
    };
    const server = await createApiServer(deps);
    try {
      const response = await server.executeOperation<{ findings: { totalCount: number; nodes: unknown[] } }>(
        {
          query: `query($type: String, $bucket: String) {
            findings(filter: {type: $type, bucket: $bucket}) {
              totalCount nodes { findingId type severity category count auditRunId resourceArn bucket objectKey detail }
            }
          }`,
          variables: { type: "Sightline:S3Bucket/PersonalDataReadableByPublic", bucket: site },
        },
        { contextValue: createRequestContext(deps) },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      expect(response.body.singleResult.errors).toBeUndefined();
      expect(response.body.singleResult.data!.findings).toEqual({
        totalCount: 1,
        nodes: [
          {
            findingId: `${siteArn}#Sightline:S3Bucket/PersonalDataReadableByPublic`,
            type: "Sightline:S3Bucket/PersonalDataReadableByPublic",
            severity: "HIGH",
            category: "EXPOSURE",
            count: 2,
            auditRunId: run2,
            resourceArn: siteArn,
            bucket: site,
            objectKey: null,
            detail: { category: "PERSONAL", conditional: false, objectCount: 2, principals: everyone },
          },
        ],
      });
    } finally {
      await server.stop();
    }
  });

  it("removes the findings that no longer hold once the site is no longer public", async () => {
    await audit(false, run3);
    const refresh = await refreshExposureFindings(graph, accountId, run3);
    expect(refresh.counters).toMatchObject({ nodesDeleted: 2, nodesCreated: 0 });
    expect(await storedFindings()).toEqual([financialViaRole(3, run3), credentials(3, run3)]);
  });
});
