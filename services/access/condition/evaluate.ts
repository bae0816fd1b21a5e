/**
 * Compiles a policy Condition block once and evaluates it against a request context in three-valued logic: a clause
 * whose key is unknown is "unknown", never silently true or false, so its statement stays conditional.
 * Semantics follow the IAM reference: clauses AND together, the values of one key OR together, negated operators
 * hold when no value matches, `...IfExists` holds when the key is absent, ForAllValues holds on an absent or empty
 * key, ForAnyValue does not.
 */
import { InvalidInputError } from "../../errors.js";
import type { ConditionBlock } from "../policy-document.js";
import { CONDITION_OPERATORS, type OperatorDefinition } from "./operators/index.js";
import { hasPolicyVariable, RequestContextKeys, substituteVariables, UNKNOWN } from "./context.js";

export type Truth = "true" | "false" | "unknown";

export interface CompiledClause {
  operator: string;
  key: string;
  set: "single" | "ForAllValues" | "ForAnyValue";
  ifExists: boolean;
  /** Null tests presence only; `definition` is then unused. */
  isNull: boolean;
  definition: OperatorDefinition | null;
  values: string[];
  hasVariables: boolean;
}

export interface CompiledCondition {
  block: ConditionBlock;
  clauses: CompiledClause[];
  /** Lower-cased keys the block reads, for indexing and for explaining what a conditional grant depends on. */
  keys: string[];
}

function parseOperator(field: string, name: string): Omit<CompiledClause, "key" | "values" | "hasVariables" | "operator"> {
  let rest = name;
  let set: CompiledClause["set"] = "single";
  for (const qualifier of ["ForAllValues:", "ForAnyValue:"] as const) {
    if (rest.startsWith(qualifier)) {
      set = qualifier === "ForAllValues:" ? "ForAllValues" : "ForAnyValue";
      rest = rest.slice(qualifier.length);
    }
  }
  let ifExists = false;
  if (rest.endsWith("IfExists")) {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  if (rest === "Null") {
    if (ifExists || set !== "single") throw new InvalidInputError(field, `operator "${name}" is not valid`);
    return { set, ifExists, isNull: true, definition: null };
  }
  const definition = CONDITION_OPERATORS[rest];
  if (!definition) {
    throw new InvalidInputError(field, `unknown condition operator "${name}"`, "Use an operator from the IAM reference, e.g. StringEquals.");
  }
  return { set, ifExists, isNull: false, definition };
}

export function compileCondition(field: string, block: ConditionBlock): CompiledCondition {
  if (typeof block !== "object" || block === null || Array.isArray(block)) {
    throw new InvalidInputError(field, "Condition must be an object of operator -> { key: value(s) }");
  }
  const clauses: CompiledClause[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const parsed = parseOperator(`${field}.${operator}`, operator);
    if (typeof keys !== "object" || keys === null || Array.isArray(keys)) {
      throw new InvalidInputError(`${field}.${operator}`, "must map condition keys to values");
    }
    for (const [key, raw] of Object.entries(keys)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(String);
      clauses.push({ ...parsed, operator, key: key.toLowerCase(), values, hasVariables: values.some(hasPolicyVariable) });
    }
  }
  return { block, clauses, keys: [...new Set(clauses.map((c) => c.key))] };
}

function resolveValues(clause: CompiledClause, context: RequestContextKeys): string[] | typeof UNKNOWN {
  if (!clause.hasVariables) return clause.values;
  const resolved: string[] = [];
  for (const value of clause.values) {
    const substituted = substituteVariables(value, context);
    if (substituted === UNKNOWN) return UNKNOWN;
    if (substituted !== null) resolved.push(substituted);
  }
  return resolved;
}

function evaluateClause(clause: CompiledClause, context: RequestContextKeys): Truth {
  const found = context.get(clause.key);
  if (found === UNKNOWN) return "unknown";
  const absent = found === undefined || found.length === 0;
  if (clause.isNull) {
    const wantsAbsent = clause.values.map((v) => v.toLowerCase() === "true");
    return wantsAbsent.some((w) => w === absent) ? "true" : "false";
  }
  if (absent) {
    if (clause.ifExists) return "true";
    if (clause.set === "ForAllValues") return "true";
    if (clause.set === "ForAnyValue") return "false";
    return clause.definition!.negated ? "true" : "false";
  }
  const values = resolveValues(clause, context);
  if (values === UNKNOWN) return "unknown";
  const { test, negated } = clause.definition!;
  let result: boolean;
  if (clause.set === "ForAllValues") {
    result = true;
    for (const v of found) if (matchesAny(test, v, values) === negated) result = false;
  } else if (clause.set === "ForAnyValue" || !negated) {
    result = false;
    for (const v of found) if (matchesAny(test, v, values) !== negated) result = true;
  } else {
    result = true;
    for (const v of found) if (matchesAny(test, v, values)) result = false;
  }
  return result ? "true" : "false";
}

/** Loops rather than closures: this runs for every condition clause of every applicable statement. */
function matchesAny(test: OperatorDefinition["test"], contextValue: string, policyValues: readonly string[]): boolean {
  for (const p of policyValues) if (test(contextValue, p)) return true;
  return false;
}

export function evaluateCondition(condition: CompiledCondition, context: RequestContextKeys): Truth {
  let unknown = false;
  for (const clause of condition.clauses) {
    const truth = evaluateClause(clause, context);
    if (truth === "false") return "false";
    if (truth === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "true";
}
