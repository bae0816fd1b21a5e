/**
 * US Social Security Number structure (SSA): area not 000, 666 or 900-999; group not 00; serial not 0000.
 * Randomised assignment since 2011 means no other area or group rule holds.
 */
export function ssn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  return area !== "000" && area !== "666" && area[0] !== "9" && digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000";
}
