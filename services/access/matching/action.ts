/**
 * Action matching: case-insensitive, `service:Action` with IAM wildcards. Requests carry the lower-cased action so
 * that each compiled pattern is tested without re-casing.
 */
import { compileWildcard, type Matcher } from "./wildcard.js";

export interface CompiledActions {
  patterns: string[];
  /** NotAction: the statement covers every action except those listed. */
  not: boolean;
  matches: (lowerCaseAction: string) => boolean;
}

export function compileActions(patterns: string[], not: boolean): CompiledActions {
  const lowered = patterns.map((p) => p.toLowerCase());
  const matchers: Matcher[] = lowered.map((p) => compileWildcard(p, true));
  const any = matchers.length === 1 ? matchers[0]! : (a: string) => matchers.some((m) => m(a));
  return { patterns: lowered, not, matches: not ? (a) => !any(a) : any };
}
