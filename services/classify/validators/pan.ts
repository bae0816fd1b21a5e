/**
 * India Permanent Account Number: 3 letters, a holder-type letter (P person, C company, H HUF, F firm, A AOP, T trust,
 * B BOI, L local authority, J artificial juridical person, G government), a letter, 4 digits, a check letter.
 */
export function pan(value: string): boolean {
  return /^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/.test(value) && value.slice(5, 9) !== "0000";
}
