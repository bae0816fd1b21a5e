/**
 * Three-valued support for "is this allowed?": no, maybe (depends on conditions whose context is unknown), yes.
 * Each value carries the condition blocks it depends on and the statements that give it, so that a decision can say
 * which statements granted it. Combining conditions flattens them: the list says what the grant depends on, not an
 * exact boolean formula.
 */
import type { StatementRef } from "../effective-access.js";
import type { ConditionBlock } from "../policy-document.js";

export interface Support {
  level: 0 | 1 | 2;
  conditions: ConditionBlock[];
  via: StatementRef[];
}

export const NO: Support = Object.freeze({ level: 0, conditions: [], via: [] }) as Support;
export const YES: Support = Object.freeze({ level: 2, conditions: [], via: [] }) as Support;

function uniqueConditions(blocks: ConditionBlock[]): ConditionBlock[] {
  return blocks.length < 2 ? blocks : [...new Set(blocks)];
}

/** Allowed when any part allows; conditional only when no part allows outright. */
export function anyOf(parts: Support[]): Support {
  let best: 0 | 1 | 2 = 0;
  let chosen: Support | null = null;
  let count = 0;
  for (const p of parts) {
    if (p.level > best) {
      best = p.level;
      chosen = p;
      count = 1;
    } else if (p.level === best && best > 0) count++;
  }
  if (best === 0) return NO;
  if (count === 1) return chosen!;
  const conditions: ConditionBlock[] = [];
  const via: StatementRef[] = [];
  for (const p of parts) {
    if (p.level !== best) continue;
    if (best === 1) for (const c of p.conditions) conditions.push(c);
    for (const v of p.via) via.push(v);
  }
  return { level: best, conditions: uniqueConditions(conditions), via };
}

/** Allowed only when every part allows; conditional when any part is. */
export function allOf(parts: Support[]): Support {
  let worst: 0 | 1 | 2 = 2;
  let informative: Support | null = null;
  let informativeCount = 0;
  for (const p of parts) {
    if (p.level < worst) worst = p.level;
    if (p.conditions.length > 0 || p.via.length > 0) {
      informative = p;
      informativeCount++;
    }
  }
  if (worst === 0) return NO;
  if (informativeCount === 0) return worst === 2 ? YES : { level: worst, conditions: [], via: [] };
  if (informativeCount === 1 && informative!.level === worst) return informative!;
  const conditions: ConditionBlock[] = [];
  const via: StatementRef[] = [];
  for (const p of parts) {
    for (const c of p.conditions) conditions.push(c);
    for (const v of p.via) via.push(v);
  }
  return { level: worst, conditions: uniqueConditions(conditions), via };
}
