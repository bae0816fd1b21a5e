/**
 * UK National Insurance number (HMRC NIM39110): two prefix letters (first not D, F, I, Q, U, V; second not D, F, I,
 * O, Q, U, V), never BG, GB, KN, NK, NT, TN or ZZ; six digits; suffix A-D.
 */
export function nino(value: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(value)) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(value.slice(0, 2));
}
