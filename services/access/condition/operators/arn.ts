/**
 * ARN condition operators. AWS compares the six colon-separated parts one by one, each with IAM wildcards, so a `*`
 * in the account part never swallows the resource part. ArnEquals behaves like ArnLike.
 */
import { compileWildcard, type Matcher } from "../../matching/wildcard.js";

const cache = new Map<string, Matcher[]>();

function segments(arn: string): string[] | null {
  const parts = arn.split(":");
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

function compiled(pattern: string): Matcher[] | null {
  let matchers = cache.get(pattern);
  if (!matchers) {
    const parts = segments(pattern);
    if (!parts) return null;
    matchers = parts.map((part) => compileWildcard(part, false));
    cache.set(pattern, matchers);
  }
  return matchers;
}

export const ArnLike = (value: string, policyValue: string): boolean => {
  if (policyValue === "*") return true;
  const matchers = compiled(policyValue);
  const parts = segments(value);
  if (!matchers || !parts) return false;
  return matchers.every((match, i) => match(parts[i]!));
};

export const ArnEquals = ArnLike;
