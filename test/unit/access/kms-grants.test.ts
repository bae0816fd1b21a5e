/**
 * Rule 11 with KMS grants and key state: a grant allows its operations to its grantee like a key policy statement
 * naming it (a grant with encryption-context constraints only conditionally, since the analysis does not know the
 * context); a key that is not Enabled cannot decrypt for anyone; the key policy's own rules are unchanged.
 */
import { describe, expect, it } from "vitest";
import type { KmsGrant } from "../../../services/aws/inventory.js";
import { computeEffectiveAccess, explainAccess } from "../../../services/access/index.js";
import type { PolicyDocument } from "../../../services/access/policy-document.js";
import { inventoryFrom } from "./fixture.js";

const ACCT = "111111111111";
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/vault`;
const FROZEN_KEY = `arn:aws:kms:us-east-1:${ACCT}:key/frozen`;
const user = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const keyPolicy: PolicyDocument = {
  Statement: [
    { Sid: "EnableIamUserPermissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: "kms:*", Resource: "*" },
    { Sid: "DenyEve", Effect: "Deny", Principal: { AWS: user("eve") }, Action: "kms:Decrypt", Resource: "*" },
  ],
};
const grant = (grantId: string, grantee: string, operations: string[], constraints: KmsGrant["constraints"] = null): KmsGrant => ({
  grantId,
  granteePrincipal: grantee,
  retiringPrincipal: null,
  operations,
  constraints,
});
const readsObjects = { s3: { Statement: { Effect: "Allow" as const, Action: "s3:GetObject", Resource: "*" } } };
const readsAndDecrypts = { s3: { Statement: { Effect: "Allow" as const, Action: ["s3:GetObject", "kms:Decrypt"], Resource: "*" } } };

const inventory = inventoryFrom({
  accountId: ACCT,
  users: [
    { name: "ann", inline: readsObjects },
    { name: "ben", inline: readsObjects },
    { name: "cat", inline: readsObjects },
    { name: "dan", inline: readsAndDecrypts },
    { name: "eve", inline: readsObjects },
  ],
  buckets: [
    { name: "vault", kmsKeyArn: KEY },
    { name: "frozen", kmsKeyArn: FROZEN_KEY },
  ],
  kmsKeys: [
    {
      arn: KEY,
      keyPolicy,
      keyState: "Enabled",
      grants: [
        grant("g-ann", user("ann"), ["Decrypt", "DescribeKey"]),
        grant("g-ben", user("ben"), ["Encrypt"]),
        grant("g-cat", user("cat"), ["Decrypt"], { EncryptionContextSubset: { "aws:s3:arn": "arn:aws:s3:::vault/reports/q1.csv" } }),
        grant("g-eve", user("eve"), ["Decrypt"]),
      ],
    },
    { arn: FROZEN_KEY, keyPolicy, keyState: "Disabled", grants: [grant("g-ann-frozen", user("ann"), ["Decrypt"])] },
  ],
});

const grantRef = (grantId: string, key = KEY) => ({ policyId: `${key}#grant/${grantId}`, sid: grantId, index: 0, effect: "Allow", source: "key-policy" });
const identityRef = (name: string) => ({ policyId: `${user(name)}#inline/s3`, sid: "0", index: 0, effect: "Allow", source: "identity" });

describe("KMS grants", () => {
  it.each<[string, string, boolean]>([
    // A grant for Decrypt is enough on the key side, though ann's identity policy does not allow kms:Decrypt.
    ["ann", "Allow", false],
    // A grant for Encrypt does not allow Decrypt, and the key policy only delegates to identity policies.
    ["ben", "ImplicitDeny", false],
    // The grant holds only for one encryption context, which the analysis does not know.
    ["cat", "Allow", true],
    // No grant: the key policy delegates to the account and dan's identity policy allows kms:Decrypt.
    ["dan", "Allow", false],
    // A grant never outweighs a key policy Deny.
    ["eve", "ExplicitDeny", false],
  ])("%s s3:GetObject on vault: %s (conditional %s)", (name, decision, conditional) => {
    const result = explainAccess(inventory, user(name), "vault", "s3:GetObject");
    expect([result.decision, result.conditional]).toEqual([decision, conditional]);
  });

  it("cites the grant and, for a constrained one, its encryption-context condition", () => {
    expect(explainAccess(inventory, user("ann"), "vault", "s3:GetObject").grantedBy).toEqual([identityRef("ann"), grantRef("g-ann")]);
    expect(explainAccess(inventory, user("cat"), "vault", "s3:GetObject").conditions).toEqual([
      { StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::vault/reports/q1.csv" } },
    ]);
  });

  it("bulk READ grants on the SSE-KMS bucket follow the same decisions", () => {
    const readers = computeEffectiveAccess(inventory)
      .grants.filter((g) => g.bucketArn === "arn:aws:s3:::vault" && g.level === "READ" && g.principalKind === "User")
      .map((g) => [g.principalArn, g.conditional]);
    expect(readers).toEqual([
      [user("ann"), false],
      [user("cat"), true],
      [user("dan"), false],
    ]);
  });
});

describe("KMS key state", () => {
  it("a Disabled key blocks reading for everyone, grants and delegation included", () => {
    for (const name of ["ann", "dan"]) {
      const result = explainAccess(inventory, user(name), "frozen", "s3:GetObject");
      expect(result.decision).toBe("ImplicitDeny");
      expect(result.trace).toContainEqual({ outcome: "blocked", source: "kms", message: `SSE-KMS: ${FROZEN_KEY} is Disabled; it cannot be used for kms:Decrypt` });
    }
    expect(explainAccess(inventory, `arn:aws:iam::${ACCT}:root`, "frozen", "s3:GetObject").decision).toBe("ImplicitDeny");
  });

  it("an Enabled key, or one whose state was not collected, does not block", () => {
    const unknownState = inventoryFrom({
      accountId: ACCT,
      users: [{ name: "dan", inline: readsAndDecrypts }],
      buckets: [{ name: "vault", kmsKeyArn: KEY }],
      kmsKeys: [{ arn: KEY, keyPolicy }],
    });
    expect(explainAccess(unknownState, user("dan"), "vault", "s3:GetObject").decision).toBe("Allow");
  });
});
