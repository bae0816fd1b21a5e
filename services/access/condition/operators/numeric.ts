/** Numeric condition operators: both sides parse as numbers, or the comparison does not hold. */
function compare(value: string, policyValue: string, test: (a: number, b: number) => boolean): boolean {
  const a = Number(value);
  const b = Number(policyValue);
  return value.trim() !== "" && policyValue.trim() !== "" && !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
}

export const NumericEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a === b);
export const NumericLessThan = (v: string, p: string): boolean => compare(v, p, (a, b) => a < b);
export const NumericLessThanEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a <= b);
export const NumericGreaterThan = (v: string, p: string): boolean => compare(v, p, (a, b) => a > b);
export const NumericGreaterThanEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a >= b);
