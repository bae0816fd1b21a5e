/**
 * Normalisation: a PolicyDocument (object or JSON text) is validated and compiled once into arrays of statements whose
 * Action, Resource, Principal and Condition elements are ready-made matchers. Malformed documents raise
 * InvalidInputError naming the element at fault.
 */
import { InvalidInputError } from "../../errors.js";
import type { StatementRef } from "../effective-access.js";
import type { PolicyDocument, PolicyStatement } from "../policy-document.js";
import { compileCondition, type CompiledCondition } from "../condition/evaluate.js";
import { compileActions, type CompiledActions } from "../matching/action.js";
import { compilePrincipals, type CompiledPrincipals } from "../matching/principal.js";
import { compileResources, type CompiledResources } from "../matching/resource.js";

export type PolicySource = StatementRef["source"];

export interface CompiledStatement {
  ref: StatementRef;
  effect: "Allow" | "Deny";
  actions: CompiledActions;
  /** Null when the statement has no Resource/NotResource (trust policies): it then covers the resource at hand. */
  resources: CompiledResources | null;
  /** Null for identity-type policies, which have no Principal element. */
  principals: CompiledPrincipals | null;
  condition: CompiledCondition | null;
  statement: PolicyStatement;
}

export interface CompiledPolicy {
  id: string;
  source: PolicySource;
  statements: CompiledStatement[];
  document: PolicyDocument;
  /**
   * Set on a policy narrowed to one lower-cased action (bulk evaluation builds such views): every statement in it
   * covers that action, so an evaluation of that action need not test their Action elements again.
   */
  action?: string;
}

function strings(field: string, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) if (typeof v !== "string") throw new InvalidInputError(field, "must be a string or an array of strings");
  return values as string[];
}

const KNOWN_ELEMENTS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

function compileStatement(policyId: string, source: PolicySource, raw: unknown, index: number): CompiledStatement {
  const field = `${policyId}.Statement[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new InvalidInputError(field, "must be an object");
  const statement = raw as PolicyStatement;
  for (const key of Object.keys(statement)) {
    if (!KNOWN_ELEMENTS.has(key)) throw new InvalidInputError(`${field}.${key}`, "is not a policy statement element");
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    throw new InvalidInputError(`${field}.Effect`, `must be "Allow" or "Deny", got ${JSON.stringify(statement.Effect)}`);
  }
  if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
    throw new InvalidInputError(field, "needs exactly one of Action or NotAction");
  }
  if (statement.Resource !== undefined && statement.NotResource !== undefined) {
    throw new InvalidInputError(field, "cannot have both Resource and NotResource");
  }
  if (statement.Principal !== undefined && statement.NotPrincipal !== undefined) {
    throw new InvalidInputError(field, "cannot have both Principal and NotPrincipal");
  }
  const actionNot = statement.NotAction !== undefined;
  const actions = compileActions(strings(`${field}.${actionNot ? "NotAction" : "Action"}`, statement.NotAction ?? statement.Action), actionNot);
  const resourceRaw = statement.Resource ?? statement.NotResource;
  const resources =
    resourceRaw === undefined
      ? null
      : compileResources(strings(`${field}.Resource`, resourceRaw), statement.NotResource !== undefined);
  const principalRaw = statement.Principal ?? statement.NotPrincipal;
  const principals =
    principalRaw === undefined
      ? null
      : compilePrincipals(`${field}.Principal`, principalRaw, statement.NotPrincipal !== undefined);
  const condition = statement.Condition === undefined ? null : compileCondition(`${field}.Condition`, statement.Condition);
  return {
    ref: { policyId, sid: statement.Sid ?? String(index), index, effect: statement.Effect, source },
    effect: statement.Effect,
    actions,
    resources,
    principals,
    condition,
    statement,
  };
}

export function compilePolicy(document: PolicyDocument | string, id: string, source: PolicySource): CompiledPolicy {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      throw new InvalidInputError(id, `policy is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof parsed !== "object" || parsed === null || !("Statement" in parsed)) {
    throw new InvalidInputError(id, "policy document has no Statement element");
  }
  const doc = parsed as PolicyDocument;
  const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return { id, source, statements: raw.map((s, i) => compileStatement(id, source, s, i)), document: doc };
}
