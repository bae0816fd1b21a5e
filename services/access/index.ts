/**
 * The public surface of Sightline's access engine (pure, no I/O). Everything else in services/access is internal.
 */
export { computeEffectiveAccess, explainAccess, explainAccessPointAccess, explainAssumeRole, EffectiveAccessEngine } from "./effective-access-engine.js";
export type { EffectiveAccessOptions, OrganizationContext } from "./effective-access-engine.js";
export { collectEffectiveAccess, EffectiveAccessWorkerError, streamEffectiveAccess } from "./effective-access-stream.js";
export type { EffectiveAccessStreamOptions } from "./effective-access-stream.js";
export { evaluateRequest } from "./evaluate/decision.js";
export type { Decision, TraceStep } from "./evaluate/decision.js";
export type { AccessRequest, EvaluationContext, RequestPrincipal, RequestPrincipalKind } from "./evaluate/request.js";
export { compilePolicy } from "./policy/normalize.js";
export type { CompiledPolicy } from "./policy/normalize.js";
export { classifyPublicPolicy } from "./public-policy.js";
export type { PublicPolicyClassification } from "./public-policy.js";
export { bucketPublicAccess } from "./bucket-public-access.js";
export type { BucketPublicAccess, BucketPublicAccessOptions } from "./bucket-public-access.js";
export { effectiveBlockPublicAccess } from "./block-public-access.js";
export { reachableRoles } from "./role-chains.js";
export type { RoleChain } from "./role-chains.js";
export { LEVEL_ACTIONS } from "./access-levels.js";
export type * from "./effective-access.js";
