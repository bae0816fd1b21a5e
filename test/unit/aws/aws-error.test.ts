import { describe, expect, it } from "vitest";
import { attempt, awsErrorCode, isNotConfigured, toAwsCallError } from "../../../services/aws/aws-error.js";
import {
  decodeIamPolicyDocument,
  MalformedPolicyError,
  parsePolicyDocument,
} from "../../../services/aws/policy-json.js";

function sdkError(name: string, message: string, status?: number): Error {
  const e = new Error(message);
  e.name = name;
  return Object.assign(e, { $metadata: status === undefined ? {} : { httpStatusCode: status } });
}

describe("AWS error reading", () => {
  it("reads the code from the SDK exception name, and from the HTTP status when the body was empty", () => {
    expect(awsErrorCode(sdkError("NoSuchBucketPolicy", "none", 404))).toBe("NoSuchBucketPolicy");
    expect(awsErrorCode(sdkError("Unknown", "", 403))).toBe("AccessDenied");
    expect(awsErrorCode(sdkError("Unknown", "", 404))).toBe("NotFound");
    expect(awsErrorCode(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(
      "ECONNREFUSED",
    );
    expect(awsErrorCode("weird")).toBe("UnknownError");
  });

  it("knows which codes mean 'not configured'", () => {
    for (const code of [
      "NoSuchBucketPolicy",
      "ServerSideEncryptionConfigurationNotFoundError",
      "ReplicationConfigurationNotFoundError",
      "NoSuchTagSet",
      "NoSuchWebsiteConfiguration",
      "OwnershipControlsNotFoundError",
      "NoSuchPublicAccessBlockConfiguration",
    ]) {
      expect(isNotConfigured(sdkError(code, "x")), code).toBe(true);
    }
    expect(isNotConfigured(sdkError("AccessDenied", "x"))).toBe(false);
    expect(isNotConfigured(sdkError("NoSuchBucket", "x"))).toBe(false);
  });

  it("attempt() separates values, absences and failures", async () => {
    expect(await attempt("s3:GetBucketTagging", "arn:aws:s3:::b", async () => 7)).toEqual({ kind: "ok", value: 7 });
    expect(
      await attempt("s3:GetBucketTagging", "arn:aws:s3:::b", async () => {
        throw sdkError("NoSuchTagSet", "none");
      }),
    ).toEqual({ kind: "absent" });
    expect(
      await attempt("s3:GetBucketTagging", "arn:aws:s3:::b", async () => {
        throw sdkError("SlowDown", "Please reduce your request rate.", 503);
      }),
    ).toEqual({
      kind: "failed",
      error: {
        operation: "s3:GetBucketTagging",
        code: "SlowDown",
        message: "Please reduce your request rate.",
        resource: "arn:aws:s3:::b",
      },
    });
  });

  it("wraps failures in the typed AwsCallError", () => {
    const e = toAwsCallError(
      "s3:GetObject",
      sdkError("InvalidObjectState", "The operation is not valid for the object's storage class", 403),
      "arn:aws:s3:::b/k",
    );
    expect(e.awsCode).toBe("InvalidObjectState");
    expect(e.message).toBe(
      "s3:GetObject on arn:aws:s3:::b/k failed: InvalidObjectState: The operation is not valid for the object's storage class",
    );
  });
});

describe("policy documents", () => {
  const doc = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/100%/*" }],
  };

  it("decodes IAM's URL-encoded documents and leaves raw JSON (with a literal %) alone", () => {
    expect(decodeIamPolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(decodeIamPolicyDocument(` ${JSON.stringify(doc)}`)).toEqual(doc);
  });

  it("rejects text that is not a policy", () => {
    expect(() => parsePolicyDocument("[1]")).toThrow(MalformedPolicyError);
    expect(() => parsePolicyDocument('{"Version":"2012-10-17"}')).toThrow("no Statement element");
    expect(() => parsePolicyDocument("{")).toThrow(MalformedPolicyError);
  });
});
