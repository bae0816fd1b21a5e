import { IBAN_LENGTHS } from "./iban-registry.js";

/** ISO 7064 MOD 97-10 remainder of a string of digits and upper-case letters (A=10 ... Z=35), computed piecewise. */
export function mod97Remainder(value: string): number {
  let remainder = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}

/**
 * IBAN (ISO 13616): registered country code, that country's length, check digits 02-98, and the MOD 97-10 check
 * over the rearranged number equal to 1. Input is normalised to upper-case letters and digits.
 */
export function mod97(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return false;
  return mod97Remainder(iban.slice(4) + iban.slice(0, 4)) === 1;
}
