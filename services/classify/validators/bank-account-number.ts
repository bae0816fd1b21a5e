/**
 * A plausible US/Canada bank account number: 9-17 digits that are not one repeated digit and not a run such as
 * 123456789 (placeholders in forms and documentation).
 */
export function bankAccountNumber(digits: string): boolean {
  if (!/^\d{9,17}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  return !"01234567890123456789".includes(digits) && !"98765432109876543210".includes(digits);
}
