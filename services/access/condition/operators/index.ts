/**
 * The condition operator table: every base operator AWS documents, as (positive test, negated?). Negated operators
 * (StringNotEquals, NotIpAddress, ...) hold when the positive test holds for none of the policy values.
 * Null is not here: it tests presence, not values (see condition/evaluate.ts).
 */
import { ArnEquals, ArnLike } from "./arn.js";
import { BinaryEquals, Bool } from "./bool.js";
import { DateEquals, DateGreaterThan, DateGreaterThanEquals, DateLessThan, DateLessThanEquals } from "./date.js";
import { IpAddress } from "./ip.js";
import {
  NumericEquals,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  NumericLessThan,
  NumericLessThanEquals,
} from "./numeric.js";
import { StringEquals, StringEqualsIgnoreCase, StringLike } from "./string.js";

export type ValueTest = (contextValue: string, policyValue: string) => boolean;

export interface OperatorDefinition {
  test: ValueTest;
  negated: boolean;
}

export const CONDITION_OPERATORS: Readonly<Record<string, OperatorDefinition>> = {
  StringEquals: { test: StringEquals, negated: false },
  StringNotEquals: { test: StringEquals, negated: true },
  StringEqualsIgnoreCase: { test: StringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { test: StringEqualsIgnoreCase, negated: true },
  StringLike: { test: StringLike, negated: false },
  StringNotLike: { test: StringLike, negated: true },
  NumericEquals: { test: NumericEquals, negated: false },
  NumericNotEquals: { test: NumericEquals, negated: true },
  NumericLessThan: { test: NumericLessThan, negated: false },
  NumericLessThanEquals: { test: NumericLessThanEquals, negated: false },
  NumericGreaterThan: { test: NumericGreaterThan, negated: false },
  NumericGreaterThanEquals: { test: NumericGreaterThanEquals, negated: false },
  DateEquals: { test: DateEquals, negated: false },
  DateNotEquals: { test: DateEquals, negated: true },
  DateLessThan: { test: DateLessThan, negated: false },
  DateLessThanEquals: { test: DateLessThanEquals, negated: false },
  DateGreaterThan: { test: DateGreaterThan, negated: false },
  DateGreaterThanEquals: { test: DateGreaterThanEquals, negated: false },
  Bool: { test: Bool, negated: false },
  BinaryEquals: { test: BinaryEquals, negated: false },
  IpAddress: { test: IpAddress, negated: false },
  NotIpAddress: { test: IpAddress, negated: true },
  ArnEquals: { test: ArnEquals, negated: false },
  ArnLike: { test: ArnLike, negated: false },
  ArnNotEquals: { test: ArnEquals, negated: true },
  ArnNotLike: { test: ArnLike, negated: true },
};
