/** Date condition operators: ISO 8601 dates or epoch seconds, compared as instants. */
function instant(text: string): number {
  if (/^\d+$/.test(text.trim())) return Number(text) * 1000;
  return Date.parse(text);
}

function compare(value: string, policyValue: string, test: (a: number, b: number) => boolean): boolean {
  const a = instant(value);
  const b = instant(policyValue);
  return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
}

export const DateEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a === b);
export const DateLessThan = (v: string, p: string): boolean => compare(v, p, (a, b) => a < b);
export const DateLessThanEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a <= b);
export const DateGreaterThan = (v: string, p: string): boolean => compare(v, p, (a, b) => a > b);
export const DateGreaterThanEquals = (v: string, p: string): boolean => compare(v, p, (a, b) => a >= b);
