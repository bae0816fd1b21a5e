/**
 * Resource matching. A request names either one exact ARN or, when Sightline asks about a whole bucket's data
 * without a key, "any object under arn:aws:s3:::bucket/". For the latter a pattern matches `some` objects when some
 * key could match it (an Allow then grants part of the bucket) and `all` objects when every key matches (only then
 * does a Deny remove access to the whole bucket).
 */
import { hasPolicyVariable, RequestContextKeys, substituteVariables, UNKNOWN } from "../condition/context.js";
import { compileWildcard, hasWildcard, type Matcher } from "./wildcard.js";

export interface ResourceTarget {
  arn: string;
  /** Set to the prefix "arn:aws:s3:::bucket/" to ask about any object in the bucket rather than one ARN. */
  anyObjectUnder?: string;
}

export interface ResourceMatch {
  some: boolean;
  all: boolean;
}

const NONE: ResourceMatch = { some: false, all: false };
const EVERY: ResourceMatch = { some: true, all: true };

/**
 * Runs the glob automaton over `prefix`; returns the states left, as a bitmap over pattern positions (index i means
 * "pattern[i..] is left to match"), or null when no state survives.
 */
function statesAfter(pattern: string, prefix: string): Uint8Array | null {
  const n = pattern.length;
  let states = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  states[0] = 1;
  closeOverStars(pattern, states);
  for (let c = 0; c < prefix.length; c++) {
    const ch = prefix[c];
    next.fill(0);
    let alive = false;
    for (let s = 0; s < n; s++) {
      if (!states[s]) continue;
      const p = pattern[s];
      if (p === "*") next[s] = 1;
      else if (p === "?" || p === ch) next[s + 1] = 1;
      else continue;
      alive = true;
    }
    if (!alive) return null;
    closeOverStars(pattern, next);
    const swap = states;
    states = next;
    next = swap;
  }
  return states;
}

/** A `*` may match nothing: a state before a star also stands after it. */
function closeOverStars(pattern: string, states: Uint8Array): void {
  for (let s = 0; s < pattern.length; s++) if (states[s] && pattern[s] === "*") states[s + 1] = 1;
}

/** Could the pattern match `prefix` followed by some non-empty key? */
export function canMatchUnder(pattern: string, prefix: string): boolean {
  const states = statesAfter(pattern, prefix);
  if (!states) return false;
  for (let s = 0; s < pattern.length; s++) if (states[s]) return true;
  return false;
}

/** Does the pattern match `prefix` followed by every non-empty key? */
export function coversAllUnder(pattern: string, prefix: string): boolean {
  const states = statesAfter(pattern, prefix);
  if (!states) return false;
  for (let s = 0; s < pattern.length; s++) {
    if (!states[s]) continue;
    let onlyStars = true;
    for (let i = s; i < pattern.length; i++) if (pattern[i] !== "*") onlyStars = false;
    if (onlyStars) return true;
  }
  return false;
}

export interface CompiledResources {
  patterns: string[];
  /** NotResource: the statement covers every resource except those listed. */
  not: boolean;
  match: (target: ResourceTarget, context: RequestContextKeys) => ResourceMatch;
}

const SOME: ResourceMatch = { some: true, all: false };

/** Bucket-wide matching, without the automaton for the common shapes (no wildcard, one trailing `*`). */
function matchUnder(pattern: string, prefix: string): ResourceMatch {
  if (!hasWildcard(pattern)) return pattern.startsWith(prefix) && pattern.length > prefix.length ? SOME : NONE;
  const star = pattern.indexOf("*");
  if (star === pattern.length - 1 && !pattern.includes("?")) {
    const head = pattern.slice(0, -1);
    if (prefix.startsWith(head)) return EVERY;
    return head.startsWith(prefix) ? SOME : NONE;
  }
  const some = canMatchUnder(pattern, prefix);
  return some ? { some, all: coversAllUnder(pattern, prefix) } : NONE;
}

interface PatternEntry {
  pattern: string;
  variable: boolean;
  matcher: Matcher;
  /** Bucket-wide results by prefix: the same statements meet the same buckets again and again. */
  under: Map<string, ResourceMatch>;
}

function matchOne(entry: PatternEntry, target: ResourceTarget): ResourceMatch {
  if (entry.pattern === "*") return EVERY;
  if (target.anyObjectUnder === undefined) return entry.matcher(target.arn) ? EVERY : NONE;
  let result = entry.under.get(target.anyObjectUnder);
  if (!result) {
    result = matchUnder(entry.pattern, target.anyObjectUnder);
    entry.under.set(target.anyObjectUnder, result);
  }
  return result;
}

export function compileResources(patterns: string[], not: boolean): CompiledResources {
  const compiled: PatternEntry[] = patterns.map((pattern) => ({
    pattern,
    variable: hasPolicyVariable(pattern),
    matcher: compileWildcard(pattern, false),
    under: new Map(),
  }));
  const positive = (target: ResourceTarget, context: RequestContextKeys): ResourceMatch => {
    let some = false;
    let all = false;
    for (const entry of compiled) {
      let result: ResourceMatch;
      if (entry.variable) {
        // An unresolved variable (unknown or absent key) makes the element match nothing, as AWS does for absent keys.
        const concrete = substituteVariables(entry.pattern, context);
        result =
          concrete === UNKNOWN || concrete === null
            ? NONE
            : matchOne({ pattern: concrete, variable: false, matcher: compileWildcard(concrete), under: new Map() }, target);
      } else {
        result = matchOne(entry, target);
      }
      some ||= result.some;
      all ||= result.all;
      if (all) return EVERY;
    }
    return { some, all };
  };
  return {
    patterns,
    not,
    match: not
      ? (target, context) => {
          const inner = positive(target, context);
          return { some: !inner.all, all: !inner.some };
        }
      : positive,
  };
}
