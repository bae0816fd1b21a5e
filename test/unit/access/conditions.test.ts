/** Condition operators and set qualifiers, table-driven: operator, policy value(s), context, expected truth. */
import { describe, expect, it } from "vitest";
import { compileCondition, evaluateCondition, type Truth } from "../../../services/access/condition/evaluate.js";
import { RequestContextKeys, type ContextInput } from "../../../services/access/condition/context.js";
import type { ConditionBlock } from "../../../services/access/policy-document.js";
import { InvalidInputError } from "../../../services/errors.js";

const rows: Array<[string, ConditionBlock, ContextInput, Truth]> = [
  ["StringEquals match", { StringEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "home/" }, "true"],
  ["StringEquals is case-sensitive", { StringEquals: { "s3:prefix": "home/" } }, { "s3:prefix": "HOME/" }, "false"],
  ["condition keys are case-insensitive", { StringEquals: { "AWS:PrincipalAccount": "1" } }, { "aws:principalaccount": "1" }, "true"],
  ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "s3:prefix": "home/" } }, { "s3:prefix": "HOME/" }, "true"],
  ["StringNotEquals on an absent key holds", { StringNotEquals: { "aws:SourceVpc": "vpc-1" } }, { "aws:SourceVpc": undefined }, "true"],
  ["StringEquals on an absent key fails", { StringEquals: { "aws:SourceVpc": "vpc-1" } }, { "aws:SourceVpc": undefined }, "false"],
  ["StringLike with * and ?", { StringLike: { "s3:prefix": "home/?ob/*" } }, { "s3:prefix": "home/bob/docs" }, "true"],
  ["StringLike ? is exactly one char", { StringLike: { "s3:prefix": "home/?ob" } }, { "s3:prefix": "home/bbob" }, "false"],
  ["StringNotLike", { StringNotLike: { "s3:prefix": "tmp/*" } }, { "s3:prefix": "home/x" }, "true"],
  ["values of one key OR together", { StringEquals: { "aws:PrincipalAccount": ["1", "2"] } }, { "aws:PrincipalAccount": "2" }, "true"],
  ["keys AND together", { StringEquals: { "aws:PrincipalAccount": "1", "aws:username": "x" } }, { "aws:PrincipalAccount": "1", "aws:username": "y" }, "false"],
  ["NumericLessThan", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "9" }, "true"],
  ["NumericGreaterThanEquals fails on text", { NumericGreaterThanEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "ten" }, "false"],
  ["NumericNotEquals", { NumericNotEquals: { "s3:max-keys": "10" } }, { "s3:max-keys": "11" }, "true"],
  ["DateGreaterThan ISO", { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "2026-11-26T10:00:00Z" }, "true"],
  ["DateLessThan epoch seconds", { DateLessThan: { "aws:EpochTime": "1000" } }, { "aws:EpochTime": "999" }, "true"],
  ["Bool", { Bool: { "aws:SecureTransport": "false" } }, { "aws:SecureTransport": "true" }, "false"],
  ["Bool accepts JSON booleans", { Bool: { "aws:SecureTransport": true } }, { "aws:SecureTransport": "true" }, "true"],
  ["BoolIfExists on an absent key holds", { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }, { "aws:MultiFactorAuthPresent": undefined }, "true"],
  ["IpAddress v4 CIDR", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "10.20.30.40" }, "true"],
  ["IpAddress outside", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, { "aws:SourceIp": "11.0.0.1" }, "false"],
  ["NotIpAddress", { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"] } }, { "aws:SourceIp": "8.8.8.8" }, "true"],
  ["IpAddress v6", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:db8:1::5" }, "true"],
  ["IpAddress v6 outside", { IpAddress: { "aws:SourceIp": "2001:db8::/32" } }, { "aws:SourceIp": "2001:db9::1" }, "false"],
  ["ArnLike matches part by part", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::logs-*" } }, { "aws:SourceArn": "arn:aws:s3:::logs-1" }, "true"],
  ["ArnLike: * does not cross into the account part", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/x" } }, { "aws:PrincipalArn": "arn:aws:iam::1:role/x" }, "true"],
  ["ArnEquals behaves like ArnLike", { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::1:role/*" } }, { "aws:PrincipalArn": "arn:aws:iam::1:role/a" }, "true"],
  ["ArnNotLike", { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::1:role/admin*" } }, { "aws:PrincipalArn": "arn:aws:iam::1:role/dev" }, "true"],
  ["Null true: key absent", { Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": undefined }, "true"],
  ["Null false: key present", { Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" }, "true"],
  ["ForAllValues on absent key holds", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": undefined }, "true"],
  ["ForAllValues subset", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["a"] }, "true"],
  ["ForAllValues not a subset", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["a", "c"] }, "false"],
  ["ForAnyValue on absent key fails", { "ForAnyValue:StringEquals": { "aws:TagKeys": "a" } }, { "aws:TagKeys": undefined }, "false"],
  ["ForAnyValue intersection", { "ForAnyValue:StringEquals": { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["c", "a"] }, "true"],
  ["ForAnyValue:StringNotEquals holds when one value differs", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["a", "b"] }, "true"],
  ["policy variable resolved", { StringEquals: { "s3:prefix": "home/${aws:username}/" } }, { "s3:prefix": "home/bob/", "aws:username": "bob" }, "true"],
  ["unknown key: unknown, never true or false", { StringEquals: { "aws:SourceVpc": "vpc-1" } }, {}, "unknown"],
  ["unknown policy variable: unknown", { StringEquals: { "s3:prefix": "${aws:username}" } }, { "s3:prefix": "x" }, "unknown"],
  ["a false clause beats an unknown one", { StringEquals: { "aws:SourceVpc": "vpc-1", "aws:PrincipalAccount": "1" } }, { "aws:PrincipalAccount": "2" }, "false"],
];

describe("condition operators", () => {
  it.each(rows)("%s", (_name, block, input, expected) => {
    const condition = compileCondition("test", block);
    expect(evaluateCondition(condition, new RequestContextKeys(input))).toBe(expected);
  });

  it("a complete context treats missing keys as absent", () => {
    const condition = compileCondition("test", { StringNotEquals: { "aws:SourceVpc": "vpc-1" } });
    expect(evaluateCondition(condition, new RequestContextKeys({}, true))).toBe("true");
  });

  it("rejects an unknown operator with InvalidInputError", () => {
    expect(() => compileCondition("p.Statement[0].Condition", { StringEqualz: { "aws:username": "x" } })).toThrow(InvalidInputError);
  });
});
