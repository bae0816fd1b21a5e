/**
 * Poland PESEL: YYMMDD (month + 20/40/60/80 for other centuries) + serial + check digit with weights 1,3,7,9 repeated;
 * check = (10 - sum mod 10) mod 10.
 */
export function pesel(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(10) - 48;
}
