/**
 * principalNodeKey: explainAccess looks up role chains from the graph node the engine would evaluate for the value
 * typed, so an account id, a root ARN and a service name must land on the keys CAN_ASSUME edges start at.
 */
import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { principalNodeKey } from "../../../schema/explain.js";

describe("principalNodeKey", () => {
  it.each([
    ["an account id, as its root ARN", "210987654321", "arn:aws:iam::210987654321:root"],
    ["a root ARN, unchanged", "arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:root"],
    ["a service name, as the service node's key", "ec2.amazonaws.com", "service:ec2.amazonaws.com"],
    ["a China-region service name, likewise", "ec2.amazonaws.com.cn", "service:ec2.amazonaws.com.cn"],
    ["a role ARN, unchanged", "arn:aws:iam::123456789012:role/reader", "arn:aws:iam::123456789012:role/reader"],
    ["a user ARN, unchanged", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/alice"],
    ["the public, unchanged", "*", "*"],
    [
      "the AuthenticatedUsers group, unchanged",
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    ],
    ["an 11-digit number, which is no account id, unchanged", "21098765432", "21098765432"],
  ])("keys %s", (_what, typed, key) => {
    expect(principalNodeKey(typed)).toBe(key);
  });
});
