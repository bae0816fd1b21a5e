/**
 * KMS grants (ListGrants) as key policy statements: a grant allows its operations on its key to its grantee
 * principal, alongside the key policy (rule 11; grants never deny). Each grant becomes one Allow statement whose
 * Principal is the grantee, so the evaluator matches it exactly as it matches a key policy naming that principal.
 * Grant constraints become conditions on the encryption context (`kms:EncryptionContext:<key>`), which bulk analysis
 * does not know: a constrained grant gives a conditional answer.
 */
import type { KmsGrant } from "../aws/inventory.js";
import type { PolicyDocument, PolicyStatement } from "./policy-document.js";

/** The StatementRef policyId of a grant's statement. */
export function kmsGrantPolicyId(keyArn: string, grantId: string): string {
  return `${keyArn}#grant/${grantId}`;
}

export function kmsGrantDocument(grant: KmsGrant): PolicyDocument {
  const grantee = grant.granteePrincipal;
  const principal = grantee.endsWith(".amazonaws.com") || grantee.endsWith(".amazonaws.com.cn") ? { Service: grantee } : { AWS: grantee };
  const context: Record<string, string> = {};
  for (const values of Object.values(grant.constraints ?? {})) {
    for (const [key, value] of Object.entries(values)) context[`kms:EncryptionContext:${key}`] = value;
  }
  const statement: PolicyStatement = {
    Sid: grant.grantId,
    Effect: "Allow",
    Principal: principal,
    Action: grant.operations.map((operation) => `kms:${operation}`),
    Resource: "*",
    ...(Object.keys(context).length > 0 ? { Condition: { StringEquals: context } } : {}),
  };
  return { Version: "2012-10-17", Statement: [statement] };
}
