import { describe, expect, it } from "vitest";
import {
  type ClassifiedObject,
  OCCURRENCES_KEPT,
  buildClassificationsReset,
  buildFindingsWrite,
  buildFingerprintCleanup,
  buildFingerprintLinks,
  fingerprintLinks,
  lastResultPerKey,
  maxSeverity,
  sensitiveDataFindingType,
} from "../../../graph/writes/classification.js";
import type { Classification, Detection, Occurrence } from "../../../services/classify/types.js";

function occurrence(row: number, fingerprint: string): Occurrence {
  return {
    cell: { row, column: 1, columnName: "email" },
    evidence: { pattern: "email", validator: null, keyword: null },
    fingerprint,
  };
}

function detection(type: string, category: Detection["category"], severity: Detection["severity"], count = 1): Detection {
  const occurrences = Array.from({ length: count }, (_, i) => occurrence(i + 1, `fp-${type}-${i % 2}`));
  return { type, category, count, distinctValues: Math.min(count, 2), severity, occurrences };
}

const classification: Classification = {
  detections: [detection("EMAIL_ADDRESS", "PERSONAL", "LOW", 20)],
  unclassifiable: null,
  bytesScanned: 2048,
  format: "csv",
};

describe("sensitiveDataFindingType", () => {
  it("names the single category found, as Macie does", () => {
    expect(sensitiveDataFindingType([detection("EMAIL_ADDRESS", "PERSONAL", "LOW")])).toBe("SensitiveData:S3Object/Personal");
    expect(sensitiveDataFindingType([detection("AWS_SECRET_KEY", "CREDENTIALS", "HIGH")])).toBe(
      "SensitiveData:S3Object/Credentials",
    );
    expect(sensitiveDataFindingType([detection("EMPLOYEE_ID", "CUSTOM_IDENTIFIER", "MEDIUM")])).toBe(
      "SensitiveData:S3Object/CustomIdentifier",
    );
    expect(
      sensitiveDataFindingType([detection("CREDIT_CARD_NUMBER", "FINANCIAL", "HIGH"), detection("IBAN", "FINANCIAL", "HIGH")]),
    ).toBe("SensitiveData:S3Object/Financial");
  });

  it("is Multiple when more than one category was found", () => {
    expect(
      sensitiveDataFindingType([detection("EMAIL_ADDRESS", "PERSONAL", "LOW"), detection("IBAN", "FINANCIAL", "HIGH")]),
    ).toBe("SensitiveData:S3Object/Multiple");
  });
});

describe("maxSeverity", () => {
  it("is the highest severity of the detections", () => {
    expect(maxSeverity(["LOW", "HIGH", "MEDIUM"])).toBe("HIGH");
    expect(maxSeverity(["LOW", "MEDIUM"])).toBe("MEDIUM");
    expect(maxSeverity(["LOW"])).toBe("LOW");
  });
});

const people: ClassifiedObject = { key: "people.csv", etag: '"e1"', classification };

describe("buildFindingsWrite", () => {
  const query = buildFindingsWrite(
    "data",
    [people, { key: "empty.txt", etag: "e2", classification: { ...classification, detections: [] } }],
    "run-1",
    "2026-11-26T10:00:00.000Z",
  )!;

  it("merges one finding per object and type, and its detections, for every object in one statement", () => {
    expect(query.cypher).toMatchInlineSnapshot(`
      "UNWIND $rows AS row
      MATCH (o:Object {arn: row.objectArn})
      MERGE (f:Finding {findingId: row.findingId})
      ON CREATE SET f.createdAt = $now, f.count = 0
      SET f += row.finding,
          f.count = CASE WHEN f.auditRunId = $runId THEN f.count ELSE f.count + 1 END,
          f.auditRunId = $runId,
          f.updatedAt = $now
      MERGE (o)-[:HAS_FINDING]->(f)
      WITH f, row
      UNWIND row.detections AS detection
      MERGE (d:Detection {detectionId: detection.detectionId})
      SET d += detection.props
      MERGE (f)-[:HAS_DETECTION]->(d)"
    `);
  });

  it(`keeps only the first ${OCCURRENCES_KEPT} occurrences and skips objects where nothing was found`, () => {
    const rows = query.params.rows as {
      objectArn: string;
      findingId: string;
      finding: Record<string, unknown>;
      detections: { detectionId: string; props: { occurrencesJson: string } }[];
    }[];
    expect(rows.map((r) => r.objectArn)).toEqual(["arn:aws:s3:::data/people.csv"]);
    const [row] = rows;
    expect(row!.findingId).toBe("arn:aws:s3:::data/people.csv#SensitiveData:S3Object/Personal");
    expect(row!.detections.map((d) => d.detectionId)).toEqual(["arn:aws:s3:::data/people.csv#EMAIL_ADDRESS"]);
    expect((JSON.parse(row!.detections[0]!.props.occurrencesJson) as unknown[]).length).toBe(15);
    expect(row!.finding).toEqual({
      type: "SensitiveData:S3Object/Personal",
      category: "CLASSIFICATION",
      severity: "LOW",
      detectionsJson: '[{"category":"PERSONAL","count":20,"severity":"LOW","type":"EMAIL_ADDRESS"}]',
    });
  });

  it("writes no finding when nothing was detected in any object", () => {
    expect(buildFindingsWrite("data", [{ ...people, classification: { ...classification, detections: [] } }], "run-1", "now")).toBeNull();
  });
});

describe("fingerprintLinks", () => {
  it("lists each distinct (fingerprint, detection) pair once, ordered by value, typed by the first identifier that found it", () => {
    const phone: Detection = { ...detection("PHONE_NUMBER", "PERSONAL", "LOW", 1), occurrences: [occurrence(1, "fp-EMAIL_ADDRESS-1")] };
    const links = fingerprintLinks("data", [people, { key: "a.csv", etag: "e", classification: { ...classification, detections: [phone] } }]);
    expect(links).toEqual([
      { value: "fp-EMAIL_ADDRESS-0", type: "EMAIL_ADDRESS", detectionId: "arn:aws:s3:::data/people.csv#EMAIL_ADDRESS" },
      { value: "fp-EMAIL_ADDRESS-1", type: "EMAIL_ADDRESS", detectionId: "arn:aws:s3:::data/a.csv#PHONE_NUMBER" },
      { value: "fp-EMAIL_ADDRESS-1", type: "EMAIL_ADDRESS", detectionId: "arn:aws:s3:::data/people.csv#EMAIL_ADDRESS" },
    ]);
  });

  it("builds no statement when no fingerprint was found", () => {
    expect(buildFingerprintLinks([])).toBeNull();
  });
});

describe("lastResultPerKey", () => {
  it("keeps the last result of an object named twice, in first-seen order", () => {
    const later = { ...people, etag: '"e9"' };
    const other = { ...people, key: "b.csv" };
    expect(lastResultPerKey([people, other, later])).toEqual([later, other]);
  });
});

describe("buildClassificationsReset", () => {
  it("records the classified etag and unclassifiable reason, and clears the previous detections", () => {
    const query = buildClassificationsReset("data", [
      {
        key: "big.zip",
        etag: '"e9"',
        classification: { detections: [], unclassifiable: { reason: "ARCHIVE_TOO_LARGE", detail: "over 1 GiB" }, bytesScanned: 0, format: "zip" },
      },
      people,
    ]);
    expect(query).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $rows AS row
      MATCH (o:Object {arn: row.objectArn})
      SET o += row.props
      WITH o, row
      OPTIONAL MATCH (o)-[:HAS_FINDING]->(f:Finding {category: 'CLASSIFICATION'})
      OPTIONAL MATCH (f)-[:HAS_DETECTION]->(d:Detection)
      OPTIONAL MATCH (d)-[:HAS_FINGERPRINT]->(fp:Fingerprint)
      WITH o, row, collect(DISTINCT f) AS findings, collect(DISTINCT d) AS detections, collect(DISTINCT fp.value) AS fingerprints
      FOREACH (n IN detections | DETACH DELETE n)
      FOREACH (n IN [x IN findings WHERE row.findingId IS NULL OR x.findingId <> row.findingId] | DETACH DELETE n)
      RETURN o.arn AS arn, fingerprints",
        "params": {
          "rows": [
            {
              "findingId": null,
              "objectArn": "arn:aws:s3:::data/big.zip",
              "props": {
                "bytesScanned": 0,
                "classifiedEtag": ""e9"",
                "format": "zip",
                "unclassifiableDetail": "over 1 GiB",
                "unclassifiableReason": "ARCHIVE_TOO_LARGE",
              },
            },
            {
              "findingId": "arn:aws:s3:::data/people.csv#SensitiveData:S3Object/Personal",
              "objectArn": "arn:aws:s3:::data/people.csv",
              "props": {
                "bytesScanned": 2048,
                "classifiedEtag": ""e1"",
                "format": "csv",
                "unclassifiableDetail": null,
                "unclassifiableReason": null,
              },
            },
          ],
        },
      }
    `);
  });
});

describe("classifiedEtag", () => {
  const unclassifiable = (reason: "READ_FAILED" | "OBJECT_TOO_LARGE"): ClassifiedObject => ({
    key: "k",
    etag: "e1",
    classification: { detections: [], unclassifiable: { reason, detail: "d" }, bytesScanned: 0, format: "unknown" },
  });
  const propsOf = (object: ClassifiedObject): unknown =>
    (buildClassificationsReset("data", [object]).params.rows as { props: unknown }[])[0]!.props;

  it("is recorded when the object could not be classified for a lasting reason, so it is not read again", () => {
    expect(propsOf(unclassifiable("OBJECT_TOO_LARGE"))).toMatchObject({ classifiedEtag: "e1", unclassifiableReason: "OBJECT_TOO_LARGE" });
  });

  it("is left as it was after a failed read, so the next run tries the object again", () => {
    const props = propsOf(unclassifiable("READ_FAILED"));
    expect(props).not.toHaveProperty("classifiedEtag");
    expect(props).toMatchObject({ unclassifiableReason: "READ_FAILED" });
  });
});

describe("buildFingerprintCleanup", () => {
  it("deletes only fingerprints no detection links to, each value once and in value order", () => {
    expect(buildFingerprintCleanup(["b", "a", "b"])).toMatchInlineSnapshot(`
      {
        "cypher": "UNWIND $values AS value
      MATCH (fp:Fingerprint {value: value})
      WHERE NOT EXISTS { (fp)<-[:HAS_FINGERPRINT]-() }
      DELETE fp",
        "params": {
          "values": [
            "a",
            "b",
          ],
        },
      }
    `);
  });
});
