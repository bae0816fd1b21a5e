/**
 * exposureFindingsFromPaths: who counts as outside the account (by account, as sensitiveDataReach decides, not by
 * principal kind), how role chains reach a finding, and what each named reader carries. No database: pure function.
 */
import { describe, expect, it } from "vitest";
import { exposureFindingsFromPaths, readPathsQuery, type ReadPathRow } from "../../../graph/writes/exposure-findings.js";
import type { BucketSensitiveData } from "../../../services/findings/exposure-findings.js";

const owner = "123456789012";
const partner = "210987654321";
const bucket = "arn:aws:s3:::customers";
const partnerRoot = `arn:aws:iam::${partner}:root`;
const partnerRole = `arn:aws:iam::${partner}:role/reader`;
const access = `arn:aws:iam::${owner}:role/partner-access`;
const hop = `arn:aws:iam::${owner}:role/hop`;
const pii: BucketSensitiveData[] = [{ bucketArn: bucket, categories: { PERSONAL: 2 } }];
const personalExternal = "Sightline:S3Bucket/PersonalDataReadableByExternalAccount";

const path = (principalArn: string, principalKind: ReadPathRow["principalKind"], principalAccountId: string | null, via: string[] = [], conditional = false): ReadPathRow => ({
  bucketArn: bucket,
  principalArn,
  principalKind,
  principalAccountId,
  via,
  conditional,
});

describe("exposureFindingsFromPaths", () => {
  it("counts a role of another account reading directly as that account, keeping its own kind", () => {
    expect(exposureFindingsFromPaths(owner, [path(partnerRole, "Role", partner)], pii)).toEqual([
      {
        bucketArn: bucket,
        type: personalExternal,
        severity: "HIGH",
        detail: {
          category: "PERSONAL",
          objectCount: 2,
          conditional: false,
          principals: [{ arn: partnerRole, kind: "Role", conditional: false, viaRoleChains: [[]] }],
        },
      },
    ]);
  });

  it("raises the finding for another account that reads only through a role chain, naming the chain", () => {
    const findings = exposureFindingsFromPaths(owner, [path(partnerRoot, "ExternalAccount", partner, [access])], pii);
    expect(findings.map((f) => [f.type, f.severity])).toEqual([[personalExternal, "HIGH"]]);
    expect(findings[0]!.detail.principals).toEqual([{ arn: partnerRoot, kind: "ExternalAccount", conditional: false, viaRoleChains: [[access]] }]);
  });

  it("lists every way a reader reads, own grant first then shorter chains, and is unconditional if one way is", () => {
    const findings = exposureFindingsFromPaths(
      owner,
      [
        path(partnerRoot, "ExternalAccount", partner, [hop, access], true),
        path(partnerRoot, "ExternalAccount", partner, [access], true),
        path(partnerRoot, "ExternalAccount", partner, [], false),
        path(partnerRoot, "ExternalAccount", partner, [access], true),
      ],
      pii,
    );
    expect(findings[0]!.detail.principals).toEqual([
      { arn: partnerRoot, kind: "ExternalAccount", conditional: false, viaRoleChains: [[], [access], [hop, access]] },
    ]);
    expect(findings[0]!.severity).toBe("HIGH");
  });

  it("is MEDIUM when every path of every reader goes through a conditional grant or assumption", () => {
    const findings = exposureFindingsFromPaths(
      owner,
      [path(partnerRoot, "ExternalAccount", partner, [access], true), path(partnerRole, "Role", partner, [access], true)],
      pii,
    );
    expect(findings.map((f) => [f.type, f.severity, f.detail.conditional])).toEqual([[personalExternal, "MEDIUM", true]]);
    expect(findings[0]!.detail.principals.map((p) => [p.arn, p.conditional])).toEqual([
      [partnerRole, true],
      [partnerRoot, true],
    ]);
  });

  it("keeps the public and any signed-in user in the Public audience, reached directly or through a role", () => {
    const authenticated = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    const findings = exposureFindingsFromPaths(owner, [path("*", "Public", null, [access]), path(authenticated, "AuthenticatedUsers", null)], pii);
    expect(findings).toEqual([
      {
        bucketArn: bucket,
        type: "Sightline:S3Bucket/PersonalDataReadableByPublic",
        severity: "HIGH",
        detail: {
          category: "PERSONAL",
          objectCount: 2,
          conditional: false,
          principals: [
            { arn: "*", kind: "Public", conditional: false, viaRoleChains: [[access]] },
            { arn: authenticated, kind: "AuthenticatedUsers", conditional: false, viaRoleChains: [[]] },
          ],
        },
      },
    ]);
  });

  it("raises nothing for the account's own principals or for services, which have no account", () => {
    const paths = [
      path(`arn:aws:iam::${owner}:user/alice`, "User", owner),
      path(`arn:aws:iam::${owner}:root`, "AccountRoot", owner),
      path("service:ec2.amazonaws.com", "Service", null, [access]),
    ];
    expect(exposureFindingsFromPaths(owner, paths, pii)).toEqual([]);
  });

  it("raises nothing for a bucket whose readers hold no sensitive data", () => {
    expect(exposureFindingsFromPaths(owner, [path(partnerRole, "Role", partner)], [{ bucketArn: bucket, categories: {} }])).toEqual([]);
  });
});

describe("readPathsQuery", () => {
  it("follows role chains up to four assumptions by default, and takes the account and categories as parameters", () => {
    const query = readPathsQuery(owner, ["PERSONAL", "FINANCIAL"]);
    expect(query.cypher).toContain("[:CAN_ASSUME*0..4]");
    expect(query.params).toEqual({ accountId: owner, categories: ["PERSONAL", "FINANCIAL"] });
    expect(readPathsQuery(owner, ["PERSONAL"], 2).cypher).toContain("[:CAN_ASSUME*0..2]");
  });
});
