/** ISO 7064 MOD 11,10 check digit of a string of digits (used by the German Steuer-ID). */
export function iso7064Mod1110CheckDigit(digits: string): number {
  let product = 10;
  for (let i = 0; i < digits.length; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/**
 * Germany Steuerliche Identifikationsnummer: 11 digits, no leading 0; among the first ten exactly one digit repeats
 * (twice, or three times but never three in a row) and all others appear at most once; ISO 7064 MOD 11,10 check digit.
 */
export function steuerId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const body = digits.slice(0, 10);
  const counts = new Map<string, number>();
  for (const d of body) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || repeated[0] > 3) return false;
  if (repeated[0] === 3 && /(\d)\1\1/.test(body)) return false;
  return iso7064Mod1110CheckDigit(body) === digits.charCodeAt(10) - 48;
}
