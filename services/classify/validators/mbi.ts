/**
 * US Medicare Beneficiary Identifier (CMS format spec): 11 characters, C A AN N A AN N A A N N, where C is 1-9, N a
 * digit, A a letter other than S, L, O, I, B, Z, and AN either.
 */
const MBI = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/;

export function mbi(value: string): boolean {
  return MBI.test(value);
}
