/**
 * Public-policy classification, as S3 Block Public Access and Access Analyzer define it: a resource policy is public
 * when an Allow names Principal "*" (or uses NotPrincipal) without pinning the caller to fixed values of
 * aws:SourceIp (a non-public range), aws:SourceArn, aws:SourceVpc(e), aws:SourceOwner, aws:SourceAccount,
 * aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn and similar keys. A value with a wildcard or a policy
 * variable is not fixed.
 */
import type { StatementRef } from "./effective-access.js";
import type { PolicyDocument } from "./policy-document.js";
import { compilePolicy, type CompiledPolicy, type CompiledStatement } from "./policy/normalize.js";

const PINNING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceOwner",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:userid",
    "aws:PrincipalServiceName",
    "s3:DataAccessPointAccount",
    "s3:DataAccessPointArn",
  ].map((k) => k.toLowerCase()),
);

const FIXED_VALUE_OPERATORS = new Set(["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"]);

function isFixed(value: string): boolean {
  return !value.includes("*") && !value.includes("?") && !value.includes("${");
}

/** A CIDR is public when it spans more than a /8 (IPv4) or /32 (IPv6): such ranges admit much of the internet. */
function isNonPublicCidr(cidr: string): boolean {
  const [base, prefixText] = cidr.split("/");
  if (!isFixed(cidr) || base === undefined) return false;
  const v6 = base.includes(":");
  const prefix = prefixText === undefined ? (v6 ? 128 : 32) : Number(prefixText);
  return Number.isInteger(prefix) && prefix >= (v6 ? 32 : 8);
}

function valuesOf(raw: unknown): string[] {
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

function statementIsPinned(statement: CompiledStatement): boolean {
  const block = statement.condition?.block;
  if (!block) return false;
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, raw] of Object.entries(keys)) {
      const lower = key.toLowerCase();
      const values = valuesOf(raw);
      if (values.length === 0) continue;
      if (PINNING_KEYS.has(lower) && FIXED_VALUE_OPERATORS.has(operator) && values.every(isFixed)) return true;
      if (lower === "aws:sourceip" && operator === "IpAddress" && values.every(isNonPublicCidr)) return true;
    }
  }
  return false;
}

function opensToEveryone(statement: CompiledStatement): boolean {
  const p = statement.principals;
  return p !== null && (p.wildcard || p.not);
}

export interface PublicPolicyClassification {
  isPublic: boolean;
  /** The Allow statements that make it public. */
  publicStatements: StatementRef[];
}

const cache = new WeakMap<CompiledPolicy, PublicPolicyClassification>();

export function classifyPublicPolicy(policy: PolicyDocument | CompiledPolicy | null | undefined): PublicPolicyClassification {
  if (!policy) return { isPublic: false, publicStatements: [] };
  const compiled = "statements" in policy ? policy : compilePolicy(policy, "policy", "bucket-policy");
  const cached = cache.get(compiled);
  if (cached) return cached;
  const publicStatements = compiled.statements
    .filter((s) => s.effect === "Allow" && opensToEveryone(s) && !statementIsPinned(s))
    .map((s) => s.ref);
  const result = { isPublic: publicStatements.length > 0, publicStatements };
  cache.set(compiled, result);
  return result;
}
