import { luhn } from "./luhn.js";

/** US National Provider Identifier: 10 digits starting 1 or 2, Luhn over the number prefixed with 80840 (CMS). */
export function npi(digits: string): boolean {
  return /^[12]\d{9}$/.test(digits) && luhn(`80840${digits}`);
}
