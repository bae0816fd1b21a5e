import { describe, expect, it } from "vitest";
import { isAwsManagedPolicyArn, toIamFacts } from "../../../services/aws/iam-mapping.js";

const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const allowRead = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
const trust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

describe("toIamFacts", () => {
  const pages = [
    {
      UserDetailList: [
        {
          UserName: "ann",
          UserId: "AIDA1",
          Arn: "arn:aws:iam::1:user/ann",
          Path: "/",
          GroupList: ["hr"],
          AttachedManagedPolicies: [
            { PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
          ],
          UserPolicyList: [{ PolicyName: "inline-read", PolicyDocument: enc(allowRead) }],
          PermissionsBoundary: {
            PermissionsBoundaryType: "PermissionsBoundaryPolicy" as const,
            PermissionsBoundaryArn: "arn:aws:iam::1:policy/B",
          },
          Tags: [{ Key: "team", Value: "people" }],
        },
      ],
      GroupDetailList: [
        {
          GroupName: "hr",
          GroupId: "AGPA1",
          Arn: "arn:aws:iam::1:group/hr",
          Path: "/",
          GroupPolicyList: [{ PolicyName: "deny", PolicyDocument: enc(allowRead) }],
          AttachedManagedPolicies: [],
        },
      ],
      RoleDetailList: [],
      Policies: [
        {
          PolicyName: "B",
          Arn: "arn:aws:iam::1:policy/B",
          DefaultVersionId: "v2",
          AttachmentCount: 0,
          PolicyVersionList: [
            { VersionId: "v1", IsDefaultVersion: false, Document: enc({ Version: "2012-10-17", Statement: [] }) },
            { VersionId: "v2", IsDefaultVersion: true, Document: enc(allowRead) },
          ],
        },
      ],
    },
    {
      // Second page: pages concatenate.
      RoleDetailList: [
        {
          RoleName: "fn",
          RoleId: "AROA1",
          Arn: "arn:aws:iam::1:role/fn",
          Path: "/service/",
          // moto returns role trust documents unencoded; real IAM encodes them.
          AssumeRolePolicyDocument: JSON.stringify(trust),
          RolePolicyList: [],
          AttachedManagedPolicies: [{ PolicyName: "B", PolicyArn: "arn:aws:iam::1:policy/B" }],
          PermissionsBoundary: { PermissionsBoundaryArn: "arn:aws:iam::1:policy/B" },
        },
      ],
      Policies: [
        {
          PolicyName: "ReadOnlyAccess",
          Arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
          DefaultVersionId: "v9",
          AttachmentCount: 1,
          PolicyVersionList: [{ VersionId: "v9", IsDefaultVersion: true, Document: enc(allowRead) }],
        },
        {
          PolicyName: "Unused",
          Arn: "arn:aws:iam::aws:policy/Unused",
          DefaultVersionId: "v1",
          AttachmentCount: 0,
          PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: enc(allowRead) }],
        },
      ],
    },
  ];

  it("decodes every document and keeps only the default policy version", () => {
    const { iam, errors } = toIamFacts(pages);
    expect(errors).toEqual([]);
    expect(iam.users).toEqual([
      {
        arn: "arn:aws:iam::1:user/ann",
        name: "ann",
        id: "AIDA1",
        path: "/",
        groupNames: ["hr"],
        attachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        inlinePolicies: [{ name: "inline-read", document: allowRead }],
        permissionsBoundaryArn: "arn:aws:iam::1:policy/B",
        tags: { team: "people" },
      },
    ]);
    expect(iam.groups[0]?.inlinePolicies).toEqual([{ name: "deny", document: allowRead }]);
    expect(iam.roles).toEqual([
      {
        arn: "arn:aws:iam::1:role/fn",
        name: "fn",
        id: "AROA1",
        path: "/service/",
        trustPolicy: trust,
        attachedPolicyArns: ["arn:aws:iam::1:policy/B"],
        inlinePolicies: [],
        permissionsBoundaryArn: "arn:aws:iam::1:policy/B",
        tags: {},
      },
    ]);
    expect(iam.policies.find((p) => p.name === "B")?.document).toEqual(allowRead);
  });

  it("keeps customer managed policies and only the AWS managed ones in use", () => {
    const { iam } = toIamFacts(pages);
    expect(iam.policies.map((p) => [p.arn, p.awsManaged])).toEqual([
      ["arn:aws:iam::1:policy/B", false],
      ["arn:aws:iam::aws:policy/ReadOnlyAccess", true],
    ]);
  });

  it("records an undecodable document and carries on", () => {
    const { iam, errors } = toIamFacts([
      {
        GroupDetailList: [
          {
            GroupName: "g",
            Arn: "arn:aws:iam::1:group/g",
            GroupPolicyList: [{ PolicyName: "bad", PolicyDocument: "%7Bnot-json" }],
          },
        ],
      },
    ]);
    expect(iam.groups[0]?.inlinePolicies).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ code: "MalformedPolicyDocument", resource: "arn:aws:iam::1:group/g#inline/bad" }),
    ]);
  });

  it("recognises AWS managed policy ARNs in every partition", () => {
    expect(isAwsManagedPolicyArn("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")).toBe(true);
    expect(isAwsManagedPolicyArn("arn:aws-cn:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(isAwsManagedPolicyArn("arn:aws:iam::123456789012:policy/aws")).toBe(false);
  });
});
