/** US Individual Taxpayer Identification Number (IRS): 9XX-GG-XXXX with group 50-65, 70-88, 90-92 or 94-99. */
export function itin(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const group = Number(digits.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}
