/**
 * Portugal NIF (número de identificação fiscal): 9 digits, first digit a taxpayer type (1-3 persons, 5 companies,
 * 6 public bodies, 8 sole traders, 9 others), check = 11 - (weights 9..2 sum mod 11), 10 and 11 written 0.
 */
export function portugalNif(digits: string): boolean {
  if (!/^[1235689]\d{8}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  const check = 11 - (sum % 11);
  return (check >= 10 ? 0 : check) === digits.charCodeAt(8) - 48;
}
