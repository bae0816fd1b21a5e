/**
 * KMS collector: the keys that SSE-KMS default encryption names, with their key policy and grants. An SSE-KMS object
 * is readable only when the key policy (or a grant) allows kms:Decrypt too (access-semantics.md rule 11), so these are
 * inputs of the access engine, not decoration. Read-only calls: DescribeKey, GetKeyPolicy, ListGrants.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  paginateListGrants,
  type GrantListEntry,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import { toCollectionError } from "./aws-error.js";
import type { AwsClients } from "./clients.js";
import type { BucketFacts, CollectionError, KmsGrant, KmsKeyFacts } from "./inventory.js";
import { parsePolicyDocument } from "./policy-json.js";

/** The key references SSE-KMS buckets make, each once, in order (bucket encryption may name an ARN, alias or id). */
export function kmsKeyReferences(buckets: readonly BucketFacts[]): string[] {
  const refs = new Set<string>();
  for (const b of buckets) {
    const ref = b.encryption.kmsKeyArn;
    if ((b.encryption.type === "aws:kms" || b.encryption.type === "aws:kms:dsse") && ref !== undefined) refs.add(ref);
  }
  return [...refs].sort();
}

export function toKmsGrant(entry: GrantListEntry): KmsGrant | null {
  if (entry.GrantId === undefined || entry.GranteePrincipal === undefined) return null;
  const c = entry.Constraints;
  const constraints: Record<string, Record<string, string>> = {};
  if (c?.EncryptionContextEquals) constraints.EncryptionContextEquals = c.EncryptionContextEquals;
  if (c?.EncryptionContextSubset) constraints.EncryptionContextSubset = c.EncryptionContextSubset;
  return {
    grantId: entry.GrantId,
    granteePrincipal: entry.GranteePrincipal,
    retiringPrincipal: entry.RetiringPrincipal ?? null,
    operations: [...(entry.Operations ?? [])].sort(),
    constraints: Object.keys(constraints).length > 0 ? constraints : null,
  };
}

/** What DescribeKey said, folded with the policy text and grants; every failure is an error on the key. */
export function toKmsKeyFacts(input: {
  reference: string;
  metadata: KeyMetadata | null;
  policyText: string | null;
  grants: GrantListEntry[];
  errors: CollectionError[];
}): KmsKeyFacts {
  const arn = input.metadata?.Arn ?? input.reference;
  const errors = [...input.errors];
  let keyPolicy = null;
  if (input.policyText !== null) {
    try {
      keyPolicy = parsePolicyDocument(input.policyText);
    } catch (error) {
      const message = (error as Error).message;
      errors.push({ operation: "kms:GetKeyPolicy", code: "MalformedPolicyDocument", message, resource: arn });
    }
  }
  const facts: KmsKeyFacts = {
    arn,
    keyPolicy,
    policyJson: keyPolicy === null ? null : input.policyText,
    grants: input.grants.map(toKmsGrant).filter((g): g is KmsGrant => g !== null),
    references: input.reference === arn ? [] : [input.reference],
    errors,
  };
  if (input.metadata?.KeyId !== undefined) facts.keyId = input.metadata.KeyId;
  if (input.metadata?.KeyManager !== undefined) facts.keyManager = input.metadata.KeyManager;
  if (input.metadata?.KeyState !== undefined) facts.keyState = input.metadata.KeyState;
  return facts;
}

/**
 * One key by any reference. DescribeKey resolves an alias or key id to the key ARN; when it fails the key keeps the
 * reference as its ARN and the error (NotFoundException: nothing more is asked; AccessDenied: the policy and grants
 * are still tried, since a key policy may refuse DescribeKey alone).
 * GetKeyPolicy does not work across accounts, so another account's key records AccessDenied here: expected.
 */
export async function collectKmsKey(clients: Pick<AwsClients, "kms">, reference: string): Promise<KmsKeyFacts> {
  const errors: CollectionError[] = [];
  let metadata: KeyMetadata | null = null;
  try {
    metadata = (await clients.kms.send(new DescribeKeyCommand({ KeyId: reference }))).KeyMetadata ?? null;
  } catch (error) {
    const failure = toCollectionError("kms:DescribeKey", error, reference);
    errors.push(failure);
    // No such key (deleted, or an alias that names none): its policy and grants cannot be read either.
    if (failure.code === "NotFoundException") {
      return toKmsKeyFacts({ reference, metadata: null, policyText: null, grants: [], errors });
    }
  }
  const keyId = metadata?.Arn ?? reference;
  let policyText: string | null = null;
  const grants: GrantListEntry[] = [];
  const [policy, listed] = await Promise.allSettled([
    clients.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" })),
    (async () => {
      for await (const page of paginateListGrants({ client: clients.kms }, { KeyId: keyId })) {
        grants.push(...(page.Grants ?? []));
      }
    })(),
  ]);
  if (policy.status === "fulfilled") policyText = policy.value.Policy ?? null;
  else errors.push(toCollectionError("kms:GetKeyPolicy", policy.reason, keyId));
  if (listed.status === "rejected") errors.push(toCollectionError("kms:ListGrants", listed.reason, keyId));
  return toKmsKeyFacts({ reference, metadata, policyText, grants, errors });
}

/**
 * The keys the buckets name, one KmsKeyFacts per key (two references to one key merge), and the buckets with their
 * encryption's kmsKeyArn resolved to the key ARN, so that the engine finds each bucket's key policy by ARN.
 */
export async function collectKmsKeys(
  clients: Pick<AwsClients, "kms">,
  buckets: readonly BucketFacts[],
): Promise<{ kmsKeys: KmsKeyFacts[]; buckets: BucketFacts[] }> {
  const refs = kmsKeyReferences(buckets);
  const collected = await Promise.all(refs.map((ref) => collectKmsKey(clients, ref)));
  const byArn = new Map<string, KmsKeyFacts>();
  const arnOf = new Map<string, string>();
  collected.forEach((key, i) => {
    arnOf.set(refs[i]!, key.arn);
    const seen = byArn.get(key.arn);
    if (seen === undefined) byArn.set(key.arn, key);
    else seen.references = [...new Set([...(seen.references ?? []), ...(key.references ?? [])])].sort();
  });
  const resolved = buckets.map((b) => {
    const ref = b.encryption.kmsKeyArn;
    const arn = ref === undefined ? undefined : arnOf.get(ref);
    return arn === undefined || arn === ref ? b : { ...b, encryption: { ...b.encryption, kmsKeyArn: arn } };
  });
  return { kmsKeys: [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn)), buckets: resolved };
}
