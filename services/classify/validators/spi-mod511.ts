/**
 * France numéro fiscal de référence (SPI, the taxpayer's "numéro fiscal"): 13 digits, first 0-3; the last three
 * digits equal the first ten taken mod 511.
 */
export function spiMod511(digits: string): boolean {
  if (!/^[0-3]\d{12}$/.test(digits) || /^0+$/.test(digits)) return false;
  return Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
}
