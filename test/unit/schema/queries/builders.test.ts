/**
 * The read queries' exact Cypher and parameters, pinned without a database (the integration tests run them against
 * Neo4j). A change here changes what the API asks the graph.
 */
import { describe, expect, it } from "vitest";
import { bucketByNameQuery, bucketFindingsQuery, bucketObjectSummariesQuery, bucketsQuery } from "../../../../graph/queries/buckets.js";
import { findingsQuery } from "../../../../graph/queries/findings.js";
import { principalsQuery } from "../../../../graph/queries/principals.js";
import { readShortestFirst, whoCanAccessQuery } from "../../../../graph/queries/access-paths.js";
import type { GraphReader } from "../../../../graph/queries/reader.js";
import { sensitiveDataReachQuery } from "../../../../graph/queries/sensitive-data-reach.js";
import { principalReachQuery } from "../../../../graph/queries/principal-reach.js";
import { sensitivePathsQuery } from "../../../../graph/queries/choke-points.js";
import { auditRunQuery } from "../../../../graph/queries/audit-runs.js";
import { encodeCursor } from "../../../../graph/queries/pagination.js";
import { InvalidInputError } from "../../../../services/errors.js";

describe("bucketsQuery", () => {
  it("without a filter counts every bucket and pages by name", () => {
    const q = bucketsQuery({}, { first: 2 });
    expect(q.cypher).toMatchInlineSnapshot(`
      "MATCH (:Account)-[:OWNS]->(b:Bucket)
      WITH count(*) AS totalCount
      CALL {
        MATCH (:Account)-[:OWNS]->(b:Bucket)
        WITH b ORDER BY b.name ASC LIMIT toInteger($first) + 1
        RETURN collect(b { .arn, .name, .accountId, .region, createdAt: toString(b.createdAt), .versioning, .encryptionType, .kmsKeyArn, .ownership, .effectivePublicAccess, .sharedAccess, .sensitivityScore, .objectCount, .sizeInBytes, .bpaBlockPublicAcls, .bpaIgnorePublicAcls, .bpaBlockPublicPolicy, .bpaRestrictPublicBuckets, .websiteEnabled, .errorCode, .lastAuditRunId }) AS nodes
      }
      RETURN totalCount, nodes"
    `);
    expect(q.params).toEqual({ first: 2 });
  });

  it("puts each filter in both the count and the page, and the cursor only in the page", () => {
    const q = bucketsQuery(
      {
        nameContains: "Prod",
        effectivePublicAccess: "PUBLIC",
        encryptionType: "NONE",
        minSensitivityScore: 50,
        hasSensitiveFindings: true,
      },
      { first: 10, after: encodeCursor("logs-bucket") },
    );
    expect(q.cypher).toMatchInlineSnapshot(`
      "MATCH (:Account)-[:OWNS]->(b:Bucket)
      WHERE toLower(b.name) CONTAINS toLower($nameContains)
        AND b.effectivePublicAccess = $effectivePublicAccess
        AND b.encryptionType = $encryptionType
        AND b.sensitivityScore >= $minSensitivityScore
        AND EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }
      WITH count(*) AS totalCount
      CALL {
        MATCH (:Account)-[:OWNS]->(b:Bucket)
        WHERE toLower(b.name) CONTAINS toLower($nameContains)
          AND b.effectivePublicAccess = $effectivePublicAccess
          AND b.encryptionType = $encryptionType
          AND b.sensitivityScore >= $minSensitivityScore
          AND EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }
          AND b.name > $after
        WITH b ORDER BY b.name ASC LIMIT toInteger($first) + 1
        RETURN collect(b { .arn, .name, .accountId, .region, createdAt: toString(b.createdAt), .versioning, .encryptionType, .kmsKeyArn, .ownership, .effectivePublicAccess, .sharedAccess, .sensitivityScore, .objectCount, .sizeInBytes, .bpaBlockPublicAcls, .bpaIgnorePublicAcls, .bpaBlockPublicPolicy, .bpaRestrictPublicBuckets, .websiteEnabled, .errorCode, .lastAuditRunId }) AS nodes
      }
      RETURN totalCount, nodes"
    `);
    expect(q.params).toEqual({
      nameContains: "Prod",
      effectivePublicAccess: "PUBLIC",
      encryptionType: "NONE",
      minSensitivityScore: 50,
      after: "logs-bucket",
      first: 10,
    });
  });

  it("hasSensitiveFindings: false asks for buckets without findings", () => {
    expect(bucketsQuery({ hasSensitiveFindings: false }, { first: 1 }).cypher).toContain(
      "WHERE NOT EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }",
    );
  });

  it("refuses page sizes outside 1..500 and cursors it did not make", () => {
    expect(() => bucketsQuery({}, { first: 0 })).toThrow(InvalidInputError);
    expect(() => bucketsQuery({}, { first: 501 })).toThrow("first: must be an integer from 1 to 500, got 501");
    expect(() => bucketsQuery({}, { first: 5, after: "bm90LWEtY3Vyc29y" })).toThrow(
      "after: is not a cursor returned by this API",
    );
  });
});

describe("bucket detail queries", () => {
  it("bucketByNameQuery", () => {
    expect(bucketByNameQuery("b1")).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (b:Bucket {name: $name})
      RETURN b { .arn, .name, .accountId, .region, createdAt: toString(b.createdAt), .versioning, .encryptionType, .kmsKeyArn, .ownership, .effectivePublicAccess, .sharedAccess, .sensitivityScore, .objectCount, .sizeInBytes, .bpaBlockPublicAcls, .bpaIgnorePublicAcls, .bpaBlockPublicPolicy, .bpaRestrictPublicBuckets, .websiteEnabled, .errorCode, .lastAuditRunId } AS bucket",
        "params": {
          "name": "b1",
        },
      }
    `);
  });

  it("bucketObjectSummariesQuery batches ARNs with UNWIND", () => {
    expect(bucketObjectSummariesQuery(["arn:aws:s3:::a", "arn:aws:s3:::b"])).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $bucketArns AS bucketArn
      OPTIONAL MATCH (:Bucket {arn: bucketArn})-[:CONTAINS]->(o:Object)
      RETURN bucketArn, count(o) AS objectCount, coalesce(sum(o.size), 0) AS totalSizeInBytes,
        count(o.classifiedEtag) AS classified, count(o.unclassifiableReason) AS unclassifiable,
        count(CASE WHEN EXISTS { (o)-[:HAS_FINDING]->(:Finding) } THEN o END) AS withSensitiveFindings",
        "params": {
          "bucketArns": [
            "arn:aws:s3:::a",
            "arn:aws:s3:::b",
          ],
        },
      }
    `);
  });

  it("bucketFindingsQuery batches ARNs, most severe first, capped per bucket", () => {
    expect(bucketFindingsQuery(["arn:aws:s3:::a"], 100)).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $bucketArns AS bucketArn
      MATCH (b:Bucket {arn: bucketArn})
      CALL (b) {
        MATCH (b)-[:HAS_FINDING]->(f:Finding)
        RETURN b AS r, f
        UNION
        MATCH (b)-[:CONTAINS]->(r:Object)-[:HAS_FINDING]->(f:Finding)
        RETURN r, f
      }
      WITH bucketArn, r, f ORDER BY CASE toUpper(f.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END DESC, f.findingId ASC
      RETURN bucketArn, collect(f { .findingId, .type, severity: toUpper(f.severity), .category, .count, createdAt: toString(f.createdAt), updatedAt: toString(f.updatedAt), .auditRunId, resourceArn: r.arn, bucket: CASE WHEN r:Object THEN r.bucket ELSE r.name END, objectKey: CASE WHEN r:Object THEN r.key END, .detailJson, detections: [(f)-[:HAS_DETECTION]->(d:Detection) | d { .type, .category, .count, .distinctValues, severity: toUpper(d.severity) }] })[0..toInteger($perBucketLimit)] AS findings",
        "params": {
          "bucketArns": [
            "arn:aws:s3:::a",
          ],
          "perBucketLimit": 100,
        },
      }
    `);
  });
});

describe("findingsQuery", () => {
  it("filters by type, detection category and identifier, severity and bucket", () => {
    const q = findingsQuery(
      {
        type: "SensitiveData:S3Object/Financial",
        category: "FINANCIAL",
        identifierType: "CREDIT_CARD_NUMBER",
        severity: "HIGH",
        minSeverity: "MEDIUM",
        bucket: "payments",
      },
      { first: 20 },
    );
    expect(q.cypher).toMatchInlineSnapshot(`
      "CALL {
        MATCH (r:Object {bucket: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f
        UNION
        MATCH (r:Bucket {name: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f
      }
      WITH r, f
      WHERE f.type = $type
        AND EXISTS { (f)-[:HAS_DETECTION]->(:Detection {category: $category}) }
        AND EXISTS { (f)-[:HAS_DETECTION]->(:Detection {type: $identifierType}) }
        AND toUpper(f.severity) = $severity
        AND CASE toUpper(f.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END >= $minSeverityRank
      WITH count(*) AS totalCount
      CALL {
        CALL {
          MATCH (r:Object {bucket: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f
          UNION
          MATCH (r:Bucket {name: $bucket})-[:HAS_FINDING]->(f:Finding) RETURN r, f
        }
        WITH r, f
        WHERE f.type = $type
          AND EXISTS { (f)-[:HAS_DETECTION]->(:Detection {category: $category}) }
          AND EXISTS { (f)-[:HAS_DETECTION]->(:Detection {type: $identifierType}) }
          AND toUpper(f.severity) = $severity
          AND CASE toUpper(f.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END >= $minSeverityRank
        WITH r, f ORDER BY f.findingId ASC LIMIT toInteger($first) + 1
        RETURN collect(f { .findingId, .type, severity: toUpper(f.severity), .category, .count, createdAt: toString(f.createdAt), updatedAt: toString(f.updatedAt), .auditRunId, resourceArn: r.arn, bucket: CASE WHEN r:Object THEN r.bucket ELSE r.name END, objectKey: CASE WHEN r:Object THEN r.key END, .detailJson, detections: [(f)-[:HAS_DETECTION]->(d:Detection) | d { .type, .category, .count, .distinctValues, severity: toUpper(d.severity) }] }) AS nodes
      }
      RETURN totalCount, nodes"
    `);
    expect(q.params).toEqual({
      type: "SensitiveData:S3Object/Financial",
      category: "FINANCIAL",
      identifierType: "CREDIT_CARD_NUMBER",
      severity: "HIGH",
      minSeverityRank: 2,
      bucket: "payments",
      first: 20,
    });
  });
});

describe("findingsQuery without a bucket", () => {
  it("reads findings on any object or bucket", () => {
    const q = findingsQuery({ minSeverity: "HIGH" }, { first: 3 });
    expect(q.cypher.split("\n").slice(0, 4)).toEqual([
      "MATCH (r)-[:HAS_FINDING]->(f:Finding)",
      "WHERE (r:Object OR r:Bucket)",
      "  AND CASE toUpper(f.severity) WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END >= $minSeverityRank",
      "WITH count(*) AS totalCount",
    ]);
    expect(q.params).toEqual({ minSeverityRank: 3, first: 3 });
  });
});

describe("principalsQuery", () => {
  it("filters by kind, name and account and pages by ARN", () => {
    const q = principalsQuery({ kind: "Role", nameContains: "admin", accountId: "123456789012" }, { first: 5 });
    expect(q.cypher).toMatchInlineSnapshot(`
      "MATCH (p:Principal)
      WHERE p.kind = $kind
        AND toLower(p.name) CONTAINS toLower($nameContains)
        AND p.accountId = $accountId
      WITH count(*) AS totalCount
      CALL {
        MATCH (p:Principal)
        WHERE p.kind = $kind
          AND toLower(p.name) CONTAINS toLower($nameContains)
          AND p.accountId = $accountId
        WITH p ORDER BY p.arn ASC LIMIT toInteger($first) + 1
        RETURN collect(p { .arn, .kind, .name, .accountId, .path, .permissionsBoundaryArn }) AS nodes
      }
      RETURN totalCount, nodes"
    `);
    expect(q.params).toEqual({ kind: "Role", nameContains: "admin", accountId: "123456789012", first: 5 });
  });
});

describe("path queries", () => {
  it("whoCanAccessQuery writes the checked hop bound into the variable-length pattern", () => {
    const q = whoCanAccessQuery({ bucket: "payments", action: "s3:GetObject", maxHops: 4 });
    expect(q.cypher).toMatchInlineSnapshot(`
      "MATCH (b:Bucket {name: $bucket})<-[g:CAN_ACCESS]-(grantee:Principal)
      WHERE (g.level = toUpper($action) OR any(a IN coalesce(g.actions, []) WHERE toLower(a) = toLower($action)))
      MATCH route = (p:Principal)-[:CAN_ASSUME*4..4]->(grantee)
      WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])
      WITH p, b, g, route ORDER BY p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC
      LIMIT toInteger($limit)
      RETURN p { .arn, .kind, .name, .accountId } AS principal,
        b { .arn, .name, .accountId } AS bucket,
        g { .level, .actions, .conditional, .conditionsJson, .deniedWhenJson, .viaJson } AS grant,
        [n IN nodes(route) | n { .arn, .kind, .name }] AS chain,
        [r IN relationships(route) | r { .conditional, .conditionsJson, .viaJson }] AS assumes"
    `);
    expect(q.params).toEqual({ bucket: "payments", action: "s3:GetObject", limit: 200 });
  });

  it("refuses actions the access engine does not evaluate, naming those it does", () => {
    expect(() => whoCanAccessQuery({ bucket: "b", action: "s3:GetObjectTagging", maxHops: 1 })).toThrow(
      'action: "s3:GetObjectTagging" is not an action Sightline evaluates',
    );
    const error = (() => {
      try {
        whoCanAccessQuery({ bucket: "b", action: "s3:*", maxHops: 1 });
        return null;
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).hint).toBe(
        "Use one of s3:GetObject, s3:GetObjectVersion, s3:ListBucket, s3:PutObject, s3:DeleteObject, " +
          "s3:DeleteObjectVersion, s3:PutBucketPolicy, s3:PutBucketAcl, s3:PutObjectAcl, s3:PutBucketPublicAccessBlock, " +
          "s3:PutBucketOwnershipControls, or a level: READ, LIST, WRITE, PERMISSIONS.",
    );
    expect(whoCanAccessQuery({ bucket: "b", action: " write ", maxHops: 1 }).params.action).toBe("write");
  });

  it("refuses hop bounds that are not small integers (they are written into the Cypher text)", () => {
    expect(() => whoCanAccessQuery({ bucket: "b", action: "s3:GetObject", maxHops: 9 })).toThrow(
      "maxHops: must be an integer from 0 to 8, got 9",
    );
    expect(() => whoCanAccessQuery({ bucket: "b", action: "s3:GetObject", maxHops: 1.5 })).toThrow(InvalidInputError);
  });

  it("sensitiveDataReachQuery finds the buckets by their sensitive-data summary, then follows READ grants and role chains", () => {
    const q = sensitiveDataReachQuery({ category: "PERSONAL", type: "USA_SOCIAL_SECURITY_NUMBER", minSeverity: "HIGH", maxHops: 3 });
    expect(q.cypher).toMatchInlineSnapshot(`
      "MATCH (s:SensitiveSummary {key: $key})<-[:HAS_SENSITIVE_SUMMARY]-(b:Bucket)
      WITH b, s.findingCount AS findingCount, s.objectCount AS objectCount, s.occurrences AS occurrences
      MATCH (b)<-[g:CAN_ACCESS]-(grantee:Principal)
      WHERE g.level = 'READ'
      MATCH route = (p:Principal)-[:CAN_ASSUME*3..3]->(grantee)
      WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])
      WITH p, b, g, route, findingCount, objectCount, occurrences ORDER BY p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC
      LIMIT toInteger($limit)
      RETURN [p.arn, p.kind, p.name, p.accountId] AS principal,
        [b.arn, b.name, b.accountId] AS bucket,
        [g.level, g.actions, g.conditional, g.conditionsJson, g.deniedWhenJson, g.viaJson] AS grant,
        [n IN tail(nodes(route)) | [n.arn, n.kind, n.name]] AS chain,
        [r IN relationships(route) | [r.conditional, r.conditionsJson, r.viaJson]] AS assumes,
        findingCount, objectCount, occurrences"
    `);
    expect(q.params).toEqual({ key: "PERSONAL|USA_SOCIAL_SECURITY_NUMBER|HIGH", limit: 1000 });
  });

  it("sensitiveDataReachQuery without filters covers every detection", () => {
    const q = sensitiveDataReachQuery({ maxHops: 4 });
    expect(q.cypher.split("\n").slice(0, 2)).toEqual([
      "MATCH (s:SensitiveSummary {key: $key})<-[:HAS_SENSITIVE_SUMMARY]-(b:Bucket)",
      "WITH b, s.findingCount AS findingCount, s.objectCount AS objectCount, s.occurrences AS occurrences",
    ]);
    expect(q.params).toEqual({ key: "*|*|*", limit: 1000 });
  });

  it("principalReachQuery starts the chain at the principal", () => {
    expect(principalReachQuery("arn:aws:iam::123456789012:user/alice", 2)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH route = (p:Principal {arn: $arn})-[:CAN_ASSUME*0..2]->(grantee:Principal)
      WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])
      MATCH (grantee)-[g:CAN_ACCESS]->(b:Bucket)
      RETURN p { .arn, .kind, .name, .accountId } AS principal,
        b { .arn, .name, .accountId } AS bucket,
        g { .level, .actions, .conditional, .conditionsJson, .deniedWhenJson, .viaJson } AS grant,
        [n IN nodes(route) | n { .arn, .kind, .name }] AS chain,
        [r IN relationships(route) | r { .conditional, .conditionsJson, .viaJson }] AS assumes,
        COUNT { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) } AS findingCount,
        COUNT { (b)-[:CONTAINS]->(o:Object) WHERE EXISTS { (o)-[:HAS_FINDING]->(:Finding) } } AS objectCount,
        reduce(total = 0, c IN COLLECT {
          MATCH (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding)-[:HAS_DETECTION]->(d:Detection)
          RETURN coalesce(d.count, 0)
        } | total + c) AS occurrences
      ORDER BY length(route) ASC, p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC
      LIMIT toInteger($limit)",
        "params": {
          "arn": "arn:aws:iam::123456789012:user/alice",
          "limit": 1000,
        },
      }
    `);
  });

  it("sensitivePathsQuery reads every READ path into a bucket with findings", () => {
    expect(sensitivePathsQuery(4)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (b:Bucket)<-[g:CAN_ACCESS]-(grantee:Principal)
      WHERE g.level = 'READ' AND EXISTS { (b)-[:CONTAINS]->(:Object)-[:HAS_FINDING]->(:Finding) }
      MATCH route = (p:Principal)-[:CAN_ASSUME*0..4]->(grantee)
      WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])
      RETURN b.arn AS bucketArn, [n IN nodes(route) | n { .arn, .kind, .name }] AS chain,
        [r IN relationships(route) | r.viaJson] AS assumeVia, g.viaJson AS grantVia
      LIMIT toInteger($limit)",
        "params": {
          "limit": 20000,
        },
      }
    `);
  });
});

describe("readShortestFirst", () => {
  /** Answers the query for chains of `hops` with `rowsPerLength[hops]` rows, capped at the query's limit, and records what it was asked. */
  function lengthsReader(rowsPerLength: number[]): { reader: GraphReader; asked: { hops: number; limit: number }[] } {
    const asked: { hops: number; limit: number }[] = [];
    const reader: GraphReader = {
      read: <T>(_cypher: string, params: Record<string, unknown>) => {
        const { hops, limit } = params as { hops: number; limit: number };
        asked.push({ hops, limit });
        const count = Math.min(rowsPerLength[hops] ?? 0, limit);
        return Promise.resolve(Array.from({ length: count }, (_, i) => ({ id: `${hops}-${i}` }) as T));
      },
    };
    return { reader, asked };
  }
  const queryFor = (hops: number, remaining: number) => ({ cypher: "", params: { hops, limit: remaining } });

  it("asks one chain length at a time for the rows still missing, and stops once the limit is reached", async () => {
    const { reader, asked } = lengthsReader([2, 3, 10, 50, 50]);
    const rows = await readShortestFirst<{ id: string }>(reader, 4, 8, queryFor);
    expect(rows.map((r) => r.id)).toEqual(["0-0", "0-1", "1-0", "1-1", "1-2", "2-0", "2-1", "2-2"]);
    expect(asked).toEqual([
      { hops: 0, limit: 8 },
      { hops: 1, limit: 6 },
      { hops: 2, limit: 3 },
    ]);
  });

  it("goes up to maxHops when the short chains do not fill the limit", async () => {
    const { reader, asked } = lengthsReader([1, 0, 1, 1, 1]);
    const rows = await readShortestFirst<{ id: string }>(reader, 2, 10, queryFor);
    expect(rows.map((r) => r.id)).toEqual(["0-0", "2-0"]);
    expect(asked.map((a) => a.hops)).toEqual([0, 1, 2]);
  });
});

describe("auditRunQuery", () => {
  it("reads one run by id", () => {
    expect(auditRunQuery("audit-1")).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (r:AuditRun {runId: $runId})
      RETURN r { .runId, .accountId, .status, startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt),
        .statsJson, .error } AS run",
        "params": {
          "runId": "audit-1",
        },
      }
    `);
  });
});
