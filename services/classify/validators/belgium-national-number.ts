/**
 * Belgium Rijksregisternummer / numéro national: YYMMDD + 3-digit serial + 2-digit check = 97 - (first nine mod 97);
 * for people born from 2000 the nine digits are prefixed with 2 before the division.
 */
export function belgiumNationalNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  return 97 - Number(BigInt(body) % 97n) === check || 97 - Number(BigInt(`2${body}`) % 97n) === check;
}
