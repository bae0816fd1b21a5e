/**
 * The statements of a compiled policy whose Action/NotAction element covers one action, found once per policy and
 * action and then reused: an evaluation scans only the statements that can apply to its action, and most statements
 * of an identity policy name other actions.
 */
import type { CompiledPolicy, CompiledStatement } from "./normalize.js";

const byAction = new WeakMap<CompiledPolicy, Map<string, readonly CompiledStatement[]>>();

/** Bounds the memory one policy can hold when callers ask about many distinct actions. */
const MAX_CACHED_ACTIONS = 128;

/** `lowerCaseAction` must be lower-cased already. */
export function statementsForAction(policy: CompiledPolicy, lowerCaseAction: string): readonly CompiledStatement[] {
  if (policy.action === lowerCaseAction) return policy.statements;
  let cache = byAction.get(policy);
  const cached = cache?.get(lowerCaseAction);
  if (cached) return cached;
  const statements = policy.statements.filter((s) => s.actions.matches(lowerCaseAction));
  if (!cache) {
    cache = new Map();
    byAction.set(policy, cache);
  }
  if (cache.size < MAX_CACHED_ACTIONS) cache.set(lowerCaseAction, statements);
  return statements;
}
