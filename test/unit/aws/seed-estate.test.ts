import { createHash } from "node:crypto";
import { gunzipSync, strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderContent } from "../../../services/aws/seed/content.js";
import {
  ACCESS_POINTS,
  BUCKETS,
  IAM_ESTATE,
  KMS_KEYS,
  type BucketSpec,
  type ObjectSpec,
} from "../../../services/aws/seed/estate.js";
import {
  EXPECTED_BUCKET_COUNT,
  EXPECTED_BUCKETS,
  EXPECTED_ACCESS_POINTS,
  EXPECTED_IAM,
  EXPECTED_KMS_KEYS,
  EXPECTED_OBJECT_ACL_SURVEYS,
  EXPECTED_OBJECT_COUNT,
  EXPECTED_PUBLIC_BUCKETS,
  EXPECTED_SENSITIVE_OBJECTS,
  type SensitiveType,
} from "../../../services/aws/seed/expected.js";
import { Prng } from "../../../services/aws/seed/prng.js";
import { luhnCheckDigit, syntheticCardNumber, syntheticSsn } from "../../../services/aws/seed/synthetic.js";

const render = (b: BucketSpec, o: ObjectSpec) => renderContent(o.content, `${b.name}/${o.key}`);
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/** The text a classifier would see: archives opened, members concatenated. */
function textOf(key: string, bytes: Uint8Array): string {
  if (key.endsWith(".gz")) return strFromU8(gunzipSync(bytes));
  if (key.endsWith(".zip"))
    return Object.values(unzipSync(bytes))
      .map((m) => strFromU8(m))
      .join("\n");
  return strFromU8(bytes);
}

function luhnValid(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** Deliberately simple detectors, independent of services/classify, to check the estate says what it claims. */
function sensitiveTypes(text: string): SensitiveType[] {
  const found: SensitiveType[] = [];
  if (/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.test(text)) found.push("EMAIL_ADDRESS");
  if (/(?<![\d-])\d{3}-\d{3}-\d{4}(?![\d-])/.test(text)) found.push("PHONE_NUMBER");
  if (/\bssn\b/i.test(text) && /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/.test(text))
    found.push("USA_SOCIAL_SECURITY_NUMBER");
  const cards = [...text.matchAll(/(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g)].map((m) => m[0].replace(/[ -]/g, ""));
  if (cards.some(luhnValid)) found.push("CREDIT_CARD_NUMBER");
  if (/\bAKIA[A-Z2-7]{16}\b/.test(text) && /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/.test(text))
    found.push("AWS_CREDENTIALS");
  return found;
}

describe("demo estate", () => {
  it("renders every object to the same bytes every time", () => {
    for (const b of BUCKETS)
      for (const o of b.objects) expect(md5(render(b, o)), `${b.name}/${o.key}`).toBe(md5(render(b, o)));
  });

  it("pins the bytes of a CSV, a gzip and a zip object (any change to the generators shows here)", () => {
    const pick = (bucket: string, key: string) => {
      const b = BUCKETS.find((x) => x.name === bucket) as BucketSpec;
      return md5(render(b, b.objects.find((o) => o.key === key) as ObjectSpec));
    };
    expect({
      roster: pick("acme-hr", "employees/roster-2024.csv"),
      gz: pick("acme-backups", "db/customers-2024-06-01.csv.gz"),
      zip: pick("acme-backups", "exports/hr-export-2024-05.zip"),
    }).toMatchInlineSnapshot(`
      {
        "gz": "26dbc4cc33f8e71f70ecc9eb16e3a5c4",
        "roster": "78afd24243486acda6df84eaa8c18a39",
        "zip": "0d78c5a2048133001d607e5c6e2a5cc5",
      }
    `);
  });

  it("writes well-formed JSON, JSONL and archives", () => {
    for (const b of BUCKETS) {
      for (const o of b.objects) {
        const text = textOf(o.key, render(b, o));
        const inner = o.key.replace(/\.gz$/, "");
        if (inner.endsWith(".json")) expect(() => JSON.parse(text), o.key).not.toThrow();
        if (inner.endsWith(".jsonl"))
          for (const line of text.trimEnd().split("\n")) expect(() => JSON.parse(line), o.key).not.toThrow();
      }
    }
    const backups = BUCKETS.find((b) => b.name === "acme-backups") as BucketSpec;
    const zip = backups.objects.find((o) => o.key === "exports/hr-export-2024-05.zip") as ObjectSpec;
    expect(Object.keys(unzipSync(render(backups, zip)))).toEqual(["roster.csv", "notes.txt"]);
  });

  it("matches the stated answers: bucket names, object counts and configuration", () => {
    expect(BUCKETS.length).toBe(EXPECTED_BUCKET_COUNT);
    expect(BUCKETS.map((b) => b.name).sort()).toEqual(Object.keys(EXPECTED_BUCKETS).sort());
    expect(BUCKETS.reduce((n, b) => n + b.objects.length, 0)).toBe(EXPECTED_OBJECT_COUNT);
    for (const b of BUCKETS) {
      const e = EXPECTED_BUCKETS[b.name];
      expect(new Set(b.objects.map((o) => o.key)).size, `${b.name} keys are unique`).toBe(b.objects.length);
      expect(
        {
          objectCount: b.objects.length,
          encryption: b.encryption.type,
          versioning: b.versioning ?? "Disabled",
          ownership: b.ownership ?? null,
          publicAccessBlock: b.publicAccessBlock ?? null,
          hasPolicy: b.policy !== undefined,
          websiteEnabled: b.website !== undefined,
          loggingTargetBucket: b.logging?.targetBucket ?? null,
          replicationDestinationAccountId: b.replication?.rules[0]?.destinationAccountId ?? null,
          dataClassificationTag: b.tags["data-classification"],
        },
        b.name,
      ).toEqual({
        objectCount: e?.objectCount,
        encryption: e?.encryption,
        versioning: e?.versioning,
        ownership: e?.ownership,
        publicAccessBlock: e?.publicAccessBlock,
        hasPolicy: e?.hasPolicy,
        websiteEnabled: e?.websiteEnabled,
        loggingTargetBucket: e?.loggingTargetBucket,
        replicationDestinationAccountId: e?.replicationDestinationAccountId,
        dataClassificationTag: e?.dataClassificationTag,
      });
    }
    expect(
      Object.entries(EXPECTED_BUCKETS)
        .filter(([, e]) => e.public !== null)
        .map(([n]) => n)
        .sort(),
    ).toEqual([...EXPECTED_PUBLIC_BUCKETS]);
  });

  it("matches the stated KMS keys, access points and object ACL surveys", () => {
    const sids = (doc: { Statement: unknown }) => [doc.Statement].flat().map((st) => (st as { Sid?: string }).Sid);
    expect(
      KMS_KEYS.map((k) => ({
        alias: k.alias,
        buckets: BUCKETS.filter((b) => b.encryption.type === "aws:kms" && b.encryption.kmsKeyArn === `arn:aws:kms:us-east-1:123456789012:${k.alias}`).map((b) => b.name),
        keyPolicySids: sids(k.policy),
      })).sort((a, b) => a.alias.localeCompare(b.alias)),
    ).toEqual(EXPECTED_KMS_KEYS);
    for (const b of BUCKETS) {
      const e = EXPECTED_BUCKETS[b.name];
      const alias = b.encryption.type === "aws:kms" ? b.encryption.kmsKeyArn.split(":").pop() : undefined;
      expect(alias, b.name).toBe(e?.kmsKeyAlias);
    }
    expect(
      ACCESS_POINTS.map((ap) => ({ name: ap.name, bucket: ap.bucket, networkOrigin: "Internet", policySids: sids(ap.policy), publicAccessBlock: ap.publicAccessBlock })),
    ).toEqual(EXPECTED_ACCESS_POINTS);
    // GetObjectAcl is spent where ACLs are enabled, on every object (the estate is far below the 1,000 cap).
    const surveyed = BUCKETS.filter((b) => b.ownership !== "BucketOwnerEnforced");
    expect(
      Object.fromEntries(
        surveyed.map((b) => [b.name, { objectsChecked: b.objects.length, publicObjectCount: b.objectAcl === "public-read" ? b.objects.length : 0 }]),
      ),
    ).toEqual(EXPECTED_OBJECT_ACL_SURVEYS);
  });

  it("matches the stated IAM answers", () => {
    expect([
      IAM_ESTATE.users.length,
      IAM_ESTATE.groups.length,
      IAM_ESTATE.roles.length,
      IAM_ESTATE.policies.length,
    ]).toEqual([EXPECTED_IAM.users, EXPECTED_IAM.groups, EXPECTED_IAM.roles, EXPECTED_IAM.customerManagedPolicies]);
    const etl = IAM_ESTATE.roles.find((r) => r.name === "acme-etl-lambda");
    expect(`arn:aws:iam::123456789012:policy/${etl?.permissionsBoundary}`).toBe(EXPECTED_IAM.boundaryArn);
  });

  it("puts sensitive data exactly where expected.ts says, and nowhere else", () => {
    const actual: string[] = [];
    for (const b of BUCKETS) {
      for (const o of b.objects) {
        const types = sensitiveTypes(textOf(o.key, render(b, o)));
        if (types.length > 0) actual.push(`${b.name}/${o.key} ${types.sort().join(",")}`);
      }
    }
    const expected = EXPECTED_SENSITIVE_OBJECTS.map((e) => `${e.bucket}/${e.key} ${[...e.types].sort().join(",")}`);
    expect(actual.sort()).toEqual(expected.sort());
  });
});

describe("synthetic identifiers", () => {
  it("generates Luhn-valid card numbers of real networks' shapes", () => {
    const rng = new Prng("cards");
    for (let i = 0; i < 500; i++) {
      const n = syntheticCardNumber(rng);
      expect(luhnValid(n), n).toBe(true);
      expect(n).toMatch(/^(4\d{15}|5[1-5]\d{14}|3[47]\d{13})$/);
    }
    expect(luhnCheckDigit("7992739871")).toBe(3);
  });

  it("generates SSNs in issued ranges only", () => {
    const rng = new Prng("ssns");
    for (let i = 0; i < 2000; i++) {
      const [area, group, serial] = syntheticSsn(rng).split("-").map(Number) as [number, number, number];
      expect(area >= 1 && area <= 899 && area !== 666 && group >= 1 && serial >= 1).toBe(true);
    }
  });
});
