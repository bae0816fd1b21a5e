import { luhn } from "./luhn.js";

/** Canada Social Insurance Number: 9 digits, Luhn; first digit 0 and 8 are never assigned. */
export function sin(digits: string): boolean {
  return /^[1-79]\d{8}$/.test(digits) && luhn(digits);
}
