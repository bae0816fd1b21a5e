/** Netherlands BSN "elfproef": 9 digits, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, never all zero. */
export function elfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}
