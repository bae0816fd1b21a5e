/**
 * The organization's SCPs and RCPs as the engine applies them. buildInventoryModel derives it from the inventory, so
 * every caller (audits, explainAccess, workers) sees the same organization without passing it along.
 */
import type { OrganizationFacts, OrganizationPolicyType } from "../aws/inventory.js";
import type { OrganizationContext } from "./inventory-model.js";
import type { PolicyDocument } from "./policy-document.js";

/**
 * What the access engine takes from the collected organization: per applied type, one array
 * of documents per level from the root to the account. Undefined unless the organization was collected. A type not
 * applied gets no levels, so it bounds nothing.
 */
export function toOrganizationContext(organization: OrganizationFacts | undefined): OrganizationContext | undefined {
  if (organization?.status !== "COLLECTED") return undefined;
  const byId = new Map(organization.policies.map((p) => [p.id, p]));
  const levels = (type: OrganizationPolicyType): PolicyDocument[][] =>
    organization.appliedPolicyTypes.includes(type)
      ? organization.path.map((level) =>
          level.policyIds.flatMap((id) => {
            const p = byId.get(id);
            return p !== undefined && p.type === type ? [p.document] : [];
          }),
        )
      : [];
  return {
    organizationId: organization.organizationId,
    managementAccountId: organization.managementAccountId,
    serviceControlPolicies: levels("SERVICE_CONTROL_POLICY"),
    resourceControlPolicies: levels("RESOURCE_CONTROL_POLICY"),
  };
}
