/**
 * Principal / NotPrincipal matching for resource policies. How a statement names the principal matters, not only
 * whether it does: a same-account grant naming a user or session ARN is not limited by a permissions boundary, one
 * naming a role ARN is, and one naming the account delegates to the account's identity policies.
 */
import { InvalidInputError } from "../../errors.js";
import { accountOfAccountPrincipal } from "../arn.js";
import type { PrincipalElement } from "../policy-document.js";
import type { RequestPrincipal } from "../evaluate/request.js";

export type PrincipalMatch = "none" | "direct" | "role" | "account" | "wildcard";

export interface CompiledPrincipals {
  not: boolean;
  wildcard: boolean;
  arns: Set<string>;
  accounts: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function compilePrincipals(field: string, element: PrincipalElement, not: boolean): CompiledPrincipals {
  const compiled: CompiledPrincipals = {
    not,
    wildcard: false,
    arns: new Set(),
    accounts: new Set(),
    services: new Set(),
    federated: new Set(),
    canonical: new Set(),
  };
  if (element === "*") {
    compiled.wildcard = true;
    return compiled;
  }
  if (typeof element !== "object" || element === null || Array.isArray(element)) {
    throw new InvalidInputError(field, 'Principal must be "*" or an object with AWS, Service, Federated or CanonicalUser');
  }
  for (const value of list(element.AWS)) {
    if (typeof value !== "string") throw new InvalidInputError(field, "AWS principal values must be strings");
    if (value === "*") compiled.wildcard = true;
    else {
      const account = accountOfAccountPrincipal(value);
      if (account) compiled.accounts.add(account);
      else compiled.arns.add(value);
    }
  }
  for (const value of list(element.Service)) compiled.services.add(value);
  for (const value of list(element.Federated)) compiled.federated.add(value);
  for (const value of list(element.CanonicalUser)) compiled.canonical.add(value);
  return compiled;
}

function positiveMatch(p: CompiledPrincipals, principal: RequestPrincipal): PrincipalMatch {
  if (p.wildcard) return "wildcard";
  switch (principal.kind) {
    case "Anonymous":
      return "none";
    case "Service":
      return p.services.has(principal.arn) ? "direct" : "none";
    case "Federated":
      return p.federated.has(principal.arn) ? "direct" : "none";
    case "AuthenticatedUser":
      return "none";
    case "AccountRoot":
      if (principal.accountId !== null && p.accounts.has(principal.accountId)) return "direct";
      if (principal.canonicalId !== undefined && p.canonical.has(principal.canonicalId)) return "direct";
      return "none";
    case "User":
      if (p.arns.has(principal.arn)) return "direct";
      break;
    case "Role":
      if (principal.sessionArn !== undefined && p.arns.has(principal.sessionArn)) return "direct";
      if (p.arns.has(principal.arn)) return "role";
      break;
  }
  if (principal.accountId !== null && p.accounts.has(principal.accountId)) return "account";
  if (principal.canonicalId !== undefined && p.canonical.has(principal.canonicalId)) return "account";
  return "none";
}

/**
 * NotPrincipal applies to every principal it does not name; naming a principal's account also exempts it, as AWS
 * checks the account along with the principal.
 */
export function matchPrincipal(p: CompiledPrincipals, principal: RequestPrincipal): PrincipalMatch {
  const match = positiveMatch(p, principal);
  if (!p.not) return match;
  return match === "none" ? "wildcard" : "none";
}
