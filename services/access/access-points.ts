/**
 * Requests through an S3 access point (rule 10): the access point and the bucket must both permit the request. The
 * access point side is evaluated on the access point's resources (arn:...:accesspoint/name for bucket actions,
 * .../object/key for object actions) against the identity policies and the access point policy; the bucket side on the
 * bucket's resources against the identity policies, the bucket policy, ACLs and the SSE-KMS key, with the condition
 * keys S3 sets for access point requests (s3:DataAccessPointArn, s3:DataAccessPointAccount,
 * s3:AccessPointNetworkOrigin), so that a bucket policy delegating to the account's access points grants it. A VPC
 * access point answers only requests from its VPC: the grant then depends on aws:SourceVpc.
 */
import type { AccessPointFacts } from "../aws/inventory.js";
import type { ContextInput } from "./condition/context.js";
import type { Decision } from "./evaluate/decision.js";
import type { ConditionBlock } from "./policy-document.js";

/** The ARN an access point request names: the access point for bucket actions, its object path for object actions. */
export function accessPointResource(accessPointArn: string, objectAction: boolean, key: string | undefined): string {
  return objectAction ? `${accessPointArn}/object/${key ?? "*"}` : accessPointArn;
}

/** The condition keys S3 adds to a request made through the access point. */
export function accessPointContext(accessPoint: AccessPointFacts): ContextInput {
  return {
    "s3:DataAccessPointArn": accessPoint.arn,
    "s3:DataAccessPointAccount": accessPoint.arn.split(":")[4] ?? "",
    "s3:AccessPointNetworkOrigin": accessPoint.networkOrigin,
  };
}

/** What a VPC access point requires of every request, as a condition; null for an Internet access point. */
export function networkOriginCondition(accessPoint: AccessPointFacts): ConditionBlock | null {
  if (accessPoint.networkOrigin !== "VPC") return null;
  return { StringEquals: { "aws:SourceVpc": accessPoint.vpcId ?? "*" } };
}

/**
 * Both sides must allow: an explicit deny on either side denies; otherwise an implicit deny on either side denies;
 * otherwise the request is allowed on the conditions of both sides (and the VPC origin), citing both sides' statements.
 */
export function combineAccessPointDecisions(accessPointSide: Decision, bucketSide: Decision, origin: ConditionBlock | null): Decision {
  const trace = [
    ...accessPointSide.trace.map((step) => ({ ...step, message: `access point: ${step.message}` })),
    ...bucketSide.trace.map((step) => ({ ...step, message: `bucket: ${step.message}` })),
  ];
  if (accessPointSide.decision === "ExplicitDeny" || bucketSide.decision === "ExplicitDeny") {
    return { decision: "ExplicitDeny", conditional: false, conditions: [], deniedWhen: [], grantedBy: [], deniedBy: [...accessPointSide.deniedBy, ...bucketSide.deniedBy], trace };
  }
  if (accessPointSide.decision !== "Allow" || bucketSide.decision !== "Allow") {
    return { decision: "ImplicitDeny", conditional: false, conditions: [], deniedWhen: [], grantedBy: [], deniedBy: [], trace };
  }
  const conditions = [...accessPointSide.conditions, ...bucketSide.conditions, ...(origin ? [origin] : [])];
  if (origin) trace.push({ outcome: "note", source: "engine", message: `the access point answers only requests from ${String(origin.StringEquals!["aws:SourceVpc"])}` });
  return {
    decision: "Allow",
    conditional: accessPointSide.conditional || bucketSide.conditional || origin !== null,
    conditions,
    deniedWhen: [...accessPointSide.deniedWhen, ...bucketSide.deniedWhen],
    grantedBy: [...accessPointSide.grantedBy, ...bucketSide.grantedBy],
    deniedBy: [...accessPointSide.deniedBy, ...bucketSide.deniedBy],
    trace,
  };
}
