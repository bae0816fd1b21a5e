/**
 * France INSEE/NIR (numéro de sécurité sociale): sex digit, year, month, département (2A/2B for Corsica), commune,
 * order number, then a 2-digit key = 97 - (number mod 97). Corsica counts as 19 (2A) and 18 (2B) in the key.
 */
export function inseeKey(value: string): boolean {
  const match = /^([1-478]\d{4})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(value);
  if (!match) return false;
  const [, head, department, tail, key] = match;
  const numericDepartment = department === "2A" ? "19" : department === "2B" ? "18" : department;
  const number = BigInt(head + numericDepartment + tail);
  return 97n - (number % 97n) === BigInt(key);
}
