/** String condition operators. StringLike uses IAM wildcards (`*`, `?`), case-sensitively. */
import { compileWildcard, type Matcher } from "../../matching/wildcard.js";

const likeCache = new Map<string, Matcher>();

function like(pattern: string): Matcher {
  let matcher = likeCache.get(pattern);
  if (!matcher) {
    matcher = compileWildcard(pattern, false);
    likeCache.set(pattern, matcher);
  }
  return matcher;
}

export const StringEquals = (value: string, policyValue: string): boolean => value === policyValue;

export const StringEqualsIgnoreCase = (value: string, policyValue: string): boolean =>
  value.toLowerCase() === policyValue.toLowerCase();

export const StringLike = (value: string, policyValue: string): boolean => like(policyValue)(value);
