import { describe, expect, it } from "vitest";
import { principalFirstIsCheaper, reachByPrincipalQuery, sensitiveBucketsQuery, sensitiveSummaryKey } from "../../../graph/queries/sensitive-data-reach.js";

function bucket(grantDegree: number, allGrants: number) {
  return { arn: `arn:aws:s3:::b${grantDegree}`, findingCount: 1, objectCount: 1, occurrences: 1, grantDegree, allGrants };
}

describe("principalFirstIsCheaper", () => {
  it("walks principals when the matching buckets take a large share of all grants", () => {
    // 80,000 of 2.3 million grants: the walk touches about 1000 x 2.3M / 80k = 29k edges instead of 80k.
    expect(principalFirstIsCheaper([bucket(50_000, 2_300_000), bucket(30_000, 2_300_000)], 1000)).toBe(true);
  });

  it("expands the buckets' grants when they are few", () => {
    expect(principalFirstIsCheaper([bucket(500, 2_300_000)], 1000)).toBe(false);
    expect(principalFirstIsCheaper([bucket(0, 2_300_000)], 1000)).toBe(false);
    expect(principalFirstIsCheaper([], 1000)).toBe(false);
  });
});

describe("sensitiveDataReach queries", () => {
  it("finds the matching buckets with their counts and the degrees the plan choice needs", () => {
    expect(sensitiveBucketsQuery({ type: "CREDIT_CARD_NUMBER", minSeverity: "MEDIUM", maxHops: 4 })).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (s:SensitiveSummary {key: $key})<-[:HAS_SENSITIVE_SUMMARY]-(b:Bucket)
      RETURN b.arn AS arn, s.findingCount AS findingCount, s.objectCount AS objectCount, s.occurrences AS occurrences,
        COUNT { (b)<-[:CAN_ACCESS]-() } AS grantDegree, COUNT { ()-[:CAN_ACCESS]->() } AS allGrants",
        "params": {
          "key": "*|CREDIT_CARD_NUMBER|MEDIUM",
        },
      }
    `);
  });

  it("keys a filter by category, type and minimum severity, * where it is not set", () => {
    expect(sensitiveSummaryKey({ category: "PERSONAL" })).toBe("PERSONAL|*|*");
    expect(sensitiveSummaryKey({ type: "CREDIT_CARD_NUMBER", minSeverity: "MEDIUM" })).toBe("*|CREDIT_CARD_NUMBER|MEDIUM");
    expect(sensitiveSummaryKey({ category: "FINANCIAL", type: "CREDIT_CARD_NUMBER", minSeverity: "HIGH" })).toBe("FINANCIAL|CREDIT_CARD_NUMBER|HIGH");
    expect(sensitiveSummaryKey({ category: null, type: "", minSeverity: null })).toBe("*|*|*");
  });

  it("walks principals in ARN order from the index, then their chains, then READ grants into the buckets", () => {
    expect(reachByPrincipalQuery(["arn:aws:s3:::a"], 2, 10)).toMatchInlineSnapshot(`
      {
        "cypher": "MATCH (p:Principal) USING INDEX p:Principal(arn)
      WHERE p.arn IS NOT NULL
      MATCH route = (p)-[:CAN_ASSUME*2..2]->(grantee:Principal)
      WHERE all(i IN range(0, length(route) - 1) WHERE NOT nodes(route)[i] IN nodes(route)[i + 1..])
      MATCH (grantee)-[g:CAN_ACCESS]->(b:Bucket)
      WHERE g.level = 'READ' AND b.arn IN $arns
      WITH p, b, g, route ORDER BY p.arn ASC, b.name ASC, g.level ASC, [n IN nodes(route) | n.arn] ASC
      LIMIT toInteger($limit)
      RETURN [p.arn, p.kind, p.name, p.accountId] AS principal,
        [b.arn, b.name, b.accountId] AS bucket,
        [g.level, g.actions, g.conditional, g.conditionsJson, g.deniedWhenJson, g.viaJson] AS grant,
        [n IN tail(nodes(route)) | [n.arn, n.kind, n.name]] AS chain,
        [r IN relationships(route) | [r.conditional, r.conditionsJson, r.viaJson]] AS assumes",
        "params": {
          "arns": [
            "arn:aws:s3:::a",
          ],
          "limit": 10,
        },
      }
    `);
  });
});
