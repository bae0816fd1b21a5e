import { luhn } from "./luhn.js";

/** Sweden personnummer: YYMMDD + 3-digit serial + Luhn check digit over those 10 digits (a leading century is ignored). */
export function personnummer(digits: string): boolean {
  if (!/^(?:\d{2})?\d{10}$/.test(digits)) return false;
  const ten = digits.slice(-10);
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6)) % 60;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(ten);
}
