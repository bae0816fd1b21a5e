/**
 * ABA routing transit number: 9 digits, Federal Reserve prefix (00-12, 21-32, 61-72, 80) and the 3-7-1 weighted
 * checksum divisible by 10.
 */
export function aba(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const prefix = Number(digits.slice(0, 2));
  const knownPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!knownPrefix) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
  return sum % 10 === 0;
}
