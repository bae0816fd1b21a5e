/**
 * Sightline's own findings, beyond Macie's posture findings: sensitive data that principals outside the account can
 * read. Macie says a bucket is public, and separately that an object holds PII; these say both at once, naming who
 * can read it (the public, any signed-in AWS user, or another account) and how many objects of each category.
 * Pure: READ grants and per-bucket sensitive-data counts in, findings out.
 */
import type { AccessLevel, PrincipalKind } from "../access/effective-access.js";
import type { Severity } from "../classify/types.js";

/** One effective-access edge into a bucket (a CAN_ACCESS edge in the graph). */
export interface ReadGrantRow {
  bucketArn: string;
  principalArn: string;
  principalKind: PrincipalKind;
  level: AccessLevel;
  conditional: boolean;
  /**
   * Who the grant exposes the data to, when the caller knows the principal's account (a role of another account is
   * ExternalAccount); without it, the principal's kind decides.
   */
  audience?: Audience;
}

export type ExposedCategory = "PERSONAL" | "FINANCIAL" | "CREDENTIALS";

/** How many objects of a bucket hold data of each category (an object with two categories counts in both). */
export interface BucketSensitiveData {
  bucketArn: string;
  categories: Partial<Record<ExposedCategory, number>>;
}

export type ExposureFindingType =
  | "Sightline:S3Bucket/PersonalDataReadableByPublic"
  | "Sightline:S3Bucket/PersonalDataReadableByExternalAccount"
  | "Sightline:S3Bucket/FinancialDataReadableByPublic"
  | "Sightline:S3Bucket/FinancialDataReadableByExternalAccount"
  | "Sightline:S3Bucket/CredentialsReadableByPublic"
  | "Sightline:S3Bucket/CredentialsReadableByExternalAccount";

export interface ExposedPrincipal {
  arn: string;
  kind: PrincipalKind;
  conditional: boolean;
}

export interface ExposureFinding {
  bucketArn: string;
  type: ExposureFindingType;
  severity: Severity;
  detail: {
    category: ExposedCategory;
    /** Objects of the bucket with data of `category`. */
    objectCount: number;
    /** Who can read them, by ARN; conditional when every grant to that principal depends on unknown conditions. */
    principals: ExposedPrincipal[];
    /** True when every granting edge is conditional: the severity is then MEDIUM. */
    conditional: boolean;
  };
}

export type Audience = "Public" | "ExternalAccount";

/** AuthenticatedUsers is any AWS account's signed-in principal: as open as the public, as Macie treats it. */
const AUDIENCE: Partial<Record<PrincipalKind, Audience>> = {
  Public: "Public",
  AuthenticatedUsers: "Public",
  ExternalAccount: "ExternalAccount",
};

const TYPE_PREFIX: Record<ExposedCategory, string> = {
  PERSONAL: "PersonalData",
  FINANCIAL: "FinancialData",
  CREDENTIALS: "Credentials",
};

const CATEGORIES: readonly ExposedCategory[] = ["PERSONAL", "FINANCIAL", "CREDENTIALS"];
const AUDIENCES: readonly Audience[] = ["Public", "ExternalAccount"];

export function exposureFindingType(category: ExposedCategory, audience: Audience): ExposureFindingType {
  return `Sightline:S3Bucket/${TYPE_PREFIX[category]}ReadableBy${audience}` as ExposureFindingType;
}

/** Code-unit order, independent of locale, so that the stored detail is stable across machines. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The principals of one audience that can read a bucket; a principal is unconditional if any of its edges is. */
function readers(grants: readonly ReadGrantRow[]): Map<string, Map<Audience, Map<string, ExposedPrincipal>>> {
  const byBucket = new Map<string, Map<Audience, Map<string, ExposedPrincipal>>>();
  for (const g of grants) {
    const audience = g.audience ?? AUDIENCE[g.principalKind];
    if (g.level !== "READ" || audience === undefined) continue;
    let byAudience = byBucket.get(g.bucketArn);
    if (!byAudience) byBucket.set(g.bucketArn, (byAudience = new Map()));
    let principals = byAudience.get(audience);
    if (!principals) byAudience.set(audience, (principals = new Map()));
    const seen = principals.get(g.principalArn);
    principals.set(g.principalArn, {
      arn: g.principalArn,
      kind: g.principalKind,
      conditional: (seen?.conditional ?? true) && g.conditional,
    });
  }
  return byBucket;
}

/** One finding per bucket, category with objects, and audience that can read it; ordered by bucket, then type. */
export function computeExposureFindings(
  grants: readonly ReadGrantRow[],
  sensitiveData: readonly BucketSensitiveData[],
): ExposureFinding[] {
  const byBucket = readers(grants);
  const findings: ExposureFinding[] = [];
  for (const bucket of sensitiveData) {
    const byAudience = byBucket.get(bucket.bucketArn);
    if (!byAudience) continue;
    for (const category of CATEGORIES) {
      const objectCount = bucket.categories[category] ?? 0;
      if (objectCount <= 0) continue;
      for (const audience of AUDIENCES) {
        const principals = [...(byAudience.get(audience)?.values() ?? [])].sort((a, b) => compare(a.arn, b.arn));
        if (principals.length === 0) continue;
        const conditional = principals.every((p) => p.conditional);
        findings.push({
          bucketArn: bucket.bucketArn,
          type: exposureFindingType(category, audience),
          severity: conditional ? "MEDIUM" : "HIGH",
          detail: { category, objectCount, principals, conditional },
        });
      }
    }
  }
  return findings.sort((a, b) => compare(a.bucketArn, b.bucketArn) || compare(a.type, b.type));
}
