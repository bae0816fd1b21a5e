/** Sightline's exposure findings: sensitive data readable by the public or by other accounts. */
import { describe, expect, it } from "vitest";
import {
  computeExposureFindings,
  exposureFindingType,
  type ReadGrantRow,
} from "../../../services/findings/exposure-findings.js";

const site = "arn:aws:s3:::site";
const shared = "arn:aws:s3:::shared";
const quiet = "arn:aws:s3:::quiet";
const ext1 = "arn:aws:iam::444455556666:root";
const ext2 = "arn:aws:iam::777788889999:root";
const authenticated = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

const grant = (bucketArn: string, principalArn: string, principalKind: ReadGrantRow["principalKind"], conditional = false, level: ReadGrantRow["level"] = "READ"): ReadGrantRow => ({
  bucketArn,
  principalArn,
  principalKind,
  level,
  conditional,
});

describe("computeExposureFindings", () => {
  it("raises one HIGH finding per category and audience, naming the principals and object counts", () => {
    const findings = computeExposureFindings(
      [grant(site, "*", "Public"), grant(site, authenticated, "AuthenticatedUsers"), grant(site, ext1, "ExternalAccount")],
      [{ bucketArn: site, categories: { PERSONAL: 12, FINANCIAL: 3 } }],
    );
    expect(findings).toEqual([
      {
        bucketArn: site,
        type: "Sightline:S3Bucket/FinancialDataReadableByExternalAccount",
        severity: "HIGH",
        detail: { category: "FINANCIAL", objectCount: 3, principals: [{ arn: ext1, kind: "ExternalAccount", conditional: false }], conditional: false },
      },
      {
        bucketArn: site,
        type: "Sightline:S3Bucket/FinancialDataReadableByPublic",
        severity: "HIGH",
        detail: {
          category: "FINANCIAL",
          objectCount: 3,
          principals: [
            { arn: "*", kind: "Public", conditional: false },
            { arn: authenticated, kind: "AuthenticatedUsers", conditional: false },
          ],
          conditional: false,
        },
      },
      {
        bucketArn: site,
        type: "Sightline:S3Bucket/PersonalDataReadableByExternalAccount",
        severity: "HIGH",
        detail: { category: "PERSONAL", objectCount: 12, principals: [{ arn: ext1, kind: "ExternalAccount", conditional: false }], conditional: false },
      },
      {
        bucketArn: site,
        type: "Sightline:S3Bucket/PersonalDataReadableByPublic",
        severity: "HIGH",
        detail: {
          category: "PERSONAL",
          objectCount: 12,
          principals: [
            { arn: "*", kind: "Public", conditional: false },
            { arn: authenticated, kind: "AuthenticatedUsers", conditional: false },
          ],
          conditional: false,
        },
      },
    ]);
  });

  it("is MEDIUM only when every granting edge is conditional", () => {
    const allConditional = computeExposureFindings(
      [grant(shared, ext1, "ExternalAccount", true), grant(shared, ext2, "ExternalAccount", true)],
      [{ bucketArn: shared, categories: { CREDENTIALS: 1 } }],
    );
    expect(allConditional.map((f) => [f.type, f.severity, f.detail.conditional])).toEqual([
      ["Sightline:S3Bucket/CredentialsReadableByExternalAccount", "MEDIUM", true],
    ]);
    const oneUnconditional = computeExposureFindings(
      [grant(shared, ext1, "ExternalAccount", true), grant(shared, ext2, "ExternalAccount", false)],
      [{ bucketArn: shared, categories: { CREDENTIALS: 1 } }],
    );
    expect(oneUnconditional.map((f) => [f.severity, f.detail.principals])).toEqual([
      [
        "HIGH",
        [
          { arn: ext1, kind: "ExternalAccount", conditional: true },
          { arn: ext2, kind: "ExternalAccount", conditional: false },
        ],
      ],
    ]);
  });

  it("treats a principal as unconditional when any of its edges is", () => {
    const findings = computeExposureFindings(
      [grant(shared, ext1, "ExternalAccount", true), grant(shared, ext1, "ExternalAccount", false)],
      [{ bucketArn: shared, categories: { PERSONAL: 2 } }],
    );
    expect(findings.map((f) => [f.severity, f.detail.principals])).toEqual([["HIGH", [{ arn: ext1, kind: "ExternalAccount", conditional: false }]]]);
  });

  it("ignores other levels, principals of the account, categories without objects and buckets without readers", () => {
    const findings = computeExposureFindings(
      [
        grant(site, "*", "Public", false, "LIST"),
        grant(site, ext1, "ExternalAccount", false, "WRITE"),
        grant(site, "arn:aws:iam::111122223333:role/reader", "Role"),
        grant(site, "arn:aws:iam::111122223333:root", "AccountRoot"),
        grant(shared, ext1, "ExternalAccount"),
      ],
      [
        { bucketArn: site, categories: { PERSONAL: 5 } },
        { bucketArn: shared, categories: { PERSONAL: 0, FINANCIAL: 0 } },
        { bucketArn: quiet, categories: { CREDENTIALS: 9 } },
      ],
    );
    expect(findings).toEqual([]);
  });

  it("names the six types as Sightline publishes them", () => {
    expect(
      (["PERSONAL", "FINANCIAL", "CREDENTIALS"] as const).flatMap((c) =>
        (["Public", "ExternalAccount"] as const).map((a) => exposureFindingType(c, a)),
      ),
    ).toEqual([
      "Sightline:S3Bucket/PersonalDataReadableByPublic",
      "Sightline:S3Bucket/PersonalDataReadableByExternalAccount",
      "Sightline:S3Bucket/FinancialDataReadableByPublic",
      "Sightline:S3Bucket/FinancialDataReadableByExternalAccount",
      "Sightline:S3Bucket/CredentialsReadableByPublic",
      "Sightline:S3Bucket/CredentialsReadableByExternalAccount",
    ]);
  });
});
