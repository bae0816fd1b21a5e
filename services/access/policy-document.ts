/**
 * IAM policy documents exactly as AWS serialises them (identity policies, bucket policies, trust policies, key
 * policies, SCPs/RCPs). Single values and arrays are both legal for most elements, so both are typed.
 */
export type OneOrMany<T> = T | T[];

export type PrincipalElement =
  | "*"
  | {
      AWS?: OneOrMany<string>;
      Service?: OneOrMany<string>;
      Federated?: OneOrMany<string>;
      CanonicalUser?: OneOrMany<string>;
    };

/** Condition block: operator -> condition key -> value(s), e.g. { "StringEquals": { "aws:SourceAccount": "1" } }. */
export type ConditionBlock = Record<string, Record<string, OneOrMany<string | boolean | number>>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: OneOrMany<PolicyStatement>;
}
