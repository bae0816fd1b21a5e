/**
 * The account's place in its AWS Organization and the SCPs and RCPs on the way from the root to it (Organizations:
 * DescribeOrganization, ListRoots, ListParents, ListPoliciesForTarget, DescribePolicy). Listing the policies of each
 * level on the path costs one call per level and type, where ListPolicies + ListTargetsForPolicy would cost one per
 * policy in the whole organization.
 *
 * Only the management account and delegated administrators may read most of this. For any other caller the answer is
 * NOT_ACCESSIBLE with the reason: a normal condition (the audit goes on without SCPs/RCPs), never a failed run.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListRootsCommand,
  paginateListPoliciesForTarget,
  type Policy,
} from "@aws-sdk/client-organizations";
import { awsErrorCode, toCollectionError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type {
  CollectionError,
  OrganizationFacts,
  OrganizationLevel,
  OrganizationPolicy,
  OrganizationPolicyType,
} from "./inventory.js";
import { parsePolicyDocument } from "./policy-json.js";

export { toOrganizationContext } from "../access/organization-context.js";

export const ORGANIZATION_POLICY_TYPES: readonly OrganizationPolicyType[] = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
];

/** An account nested deeper than this is a loop in what ListParents answered (AWS allows five OU levels). */
const MAX_DEPTH = 10;

function failure(operation: string, code: string, message: string, resource: string): CollectionError {
  return { operation, code, message, resource };
}

class OrganizationUnreadable extends Error {
  constructor(readonly reason: CollectionError) {
    super(reason.message);
  }
}

async function call<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new OrganizationUnreadable(toCollectionError(operation, error, resource));
  }
}

/** Pure: a DescribePolicy answer as an OrganizationPolicy, or an error when its content is not a policy document. */
export function toOrganizationPolicy(policy: Policy): OrganizationPolicy | CollectionError {
  const summary = policy.PolicySummary;
  const id = summary?.Id ?? "";
  const type = summary?.Type;
  if (type !== "SERVICE_CONTROL_POLICY" && type !== "RESOURCE_CONTROL_POLICY") {
    return failure("organizations:DescribePolicy", "UnsupportedValue", `policy type ${String(type)}`, id);
  }
  try {
    return {
      id,
      arn: summary?.Arn ?? id,
      name: summary?.Name ?? id,
      type,
      awsManaged: summary?.AwsManaged === true,
      document: parsePolicyDocument(policy.Content ?? ""),
    };
  } catch (error) {
    const message = (error as Error).message;
    return failure("organizations:DescribePolicy", "MalformedPolicyDocument", message, summary?.Arn ?? id);
  }
}

/** Reads the organization as seen from `accountId`. Never throws for an AWS failure. */
export async function collectOrganization(
  clients: Pick<AwsClients, "organizations">,
  accountId: string,
): Promise<OrganizationFacts> {
  const org = clients.organizations;
  const accountArn = `arn:aws:iam::${accountId}:root`;
  try {
    let described;
    try {
      described = (await org.send(new DescribeOrganizationCommand({}))).Organization;
    } catch (error) {
      if (awsErrorCode(error) === "AWSOrganizationsNotInUseException") return { status: "NOT_IN_ORGANIZATION" };
      throw new OrganizationUnreadable(toCollectionError("organizations:DescribeOrganization", error, accountArn));
    }
    const roots = await call("organizations:ListRoots", accountArn, () => org.send(new ListRootsCommand({})));
    const root = roots.Roots?.[0];
    if (described?.Id === undefined || described.MasterAccountId === undefined || root?.Id === undefined) {
      const message = "no organization id, management account or root in the answer";
      return { status: "NOT_ACCESSIBLE", reason: failure("organizations:ListRoots", "MissingRoot", message, accountArn) };
    }
    const enabled = new Set(
      (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type as string),
    );

    // Climb from the account to the root; the path is stored root first.
    const path: { id: string; type: OrganizationLevel["type"] }[] = [{ id: accountId, type: "ACCOUNT" }];
    let child = accountId;
    for (let depth = 0; ; depth++) {
      if (depth > MAX_DEPTH) {
        const message = `no root within ${MAX_DEPTH} levels`;
        return { status: "NOT_ACCESSIBLE", reason: failure("organizations:ListParents", "PathTooDeep", message, accountArn) };
      }
      const ChildId = child;
      const parents = await call("organizations:ListParents", child, () => org.send(new ListParentsCommand({ ChildId })));
      const parent = parents.Parents?.[0];
      if (parent?.Id === undefined) break;
      path.unshift({ id: parent.Id, type: parent.Type === "ROOT" ? "ROOT" : "ORGANIZATIONAL_UNIT" });
      if (parent.Type === "ROOT") break;
      child = parent.Id;
    }

    const errors: CollectionError[] = [];
    const incomplete = new Set<OrganizationPolicyType>();
    const levelPolicies = path.map(() => new Set<string>());
    const typeOf = new Map<string, OrganizationPolicyType>();
    for (const type of ORGANIZATION_POLICY_TYPES.filter((t) => enabled.has(t))) {
      await Promise.all(
        path.map(async (level, i) => {
          try {
            const pages = paginateListPoliciesForTarget({ client: org }, { TargetId: level.id, Filter: type });
            for await (const page of pages) {
              for (const p of page.Policies ?? []) {
                if (p.Id === undefined) continue;
                levelPolicies[i]!.add(p.Id);
                typeOf.set(p.Id, type);
              }
            }
          } catch (error) {
            incomplete.add(type);
            errors.push(toCollectionError("organizations:ListPoliciesForTarget", error, level.id));
          }
        }),
      );
    }
    const policies: OrganizationPolicy[] = [];
    await Promise.all(
      [...typeOf.keys()].sort().map(async (PolicyId) => {
        try {
          const described = (await org.send(new DescribePolicyCommand({ PolicyId }))).Policy;
          const mapped = toOrganizationPolicy(described ?? {});
          if ("document" in mapped) policies.push(mapped);
          else {
            incomplete.add(typeOf.get(PolicyId)!);
            errors.push(mapped);
          }
        } catch (error) {
          incomplete.add(typeOf.get(PolicyId)!);
          errors.push(toCollectionError("organizations:DescribePolicy", error, PolicyId));
        }
      }),
    );
    return {
      status: "COLLECTED",
      organizationId: described.Id,
      managementAccountId: described.MasterAccountId,
      path: path.map((level, i) => ({ ...level, policyIds: [...levelPolicies[i]!].sort() })),
      policies: policies.sort((a, b) => a.id.localeCompare(b.id)),
      appliedPolicyTypes: ORGANIZATION_POLICY_TYPES.filter((t) => enabled.has(t) && !incomplete.has(t)),
      errors: errors.sort((a, b) => `${a.operation} ${a.resource}`.localeCompare(`${b.operation} ${b.resource}`)),
    };
  } catch (error) {
    if (error instanceof OrganizationUnreadable) return { status: "NOT_ACCESSIBLE", reason: error.reason };
    throw error;
  }
}
