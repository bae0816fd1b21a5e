/** Australia Tax File Number: 9 digits whose weighted sum (1, 4, 3, 7, 5, 8, 6, 9, 10) is divisible by 11. */
export function tfn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  const weights = [1, 4, 3, 7, 5, 8, 6, 9, 10];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
  return sum % 11 === 0;
}
