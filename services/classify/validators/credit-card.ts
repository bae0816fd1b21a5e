import { luhn } from "./luhn.js";

/** One card brand: the issuer identification number ranges it owns and the lengths it issues (ISO/IEC 7812). */
interface IssuerRange {
  brand: string;
  lengths: readonly number[];
  /** Inclusive [low, high] ranges compared on the first `low.length` digits. */
  prefixes: readonly (readonly [string, string])[];
}

const ISSUERS: readonly IssuerRange[] = [
  { brand: "visa", lengths: [13, 16, 19], prefixes: [["4", "4"]] },
  { brand: "mastercard", lengths: [16], prefixes: [["51", "55"], ["2221", "2720"]] },
  { brand: "amex", lengths: [15], prefixes: [["34", "34"], ["37", "37"]] },
  {
    brand: "discover",
    lengths: [16, 17, 18, 19],
    prefixes: [["6011", "6011"], ["644", "649"], ["65", "65"], ["622126", "622925"]],
  },
  { brand: "jcb", lengths: [16, 17, 18, 19], prefixes: [["3528", "3589"]] },
  { brand: "diners", lengths: [14, 15, 16, 17, 18, 19], prefixes: [["300", "305"], ["3095", "3095"], ["36", "36"], ["38", "39"]] },
  { brand: "unionpay", lengths: [16, 17, 18, 19], prefixes: [["62", "62"], ["81", "81"]] },
  {
    brand: "maestro",
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    prefixes: [["5018", "5018"], ["5020", "5020"], ["5038", "5038"], ["5893", "5893"], ["6304", "6304"], ["6759", "6759"], ["6761", "6763"]],
  },
  { brand: "mir", lengths: [16, 17, 18, 19], prefixes: [["2200", "2204"]] },
];

/** The brand whose issuer range and length fit `digits`, or null. */
export function cardIssuer(digits: string): string | null {
  for (const issuer of ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const [low, high] of issuer.prefixes) {
      const head = digits.slice(0, low.length);
      if (head >= low && head <= high) return issuer.brand;
    }
  }
  return null;
}

/** A payment card number: a known issuer prefix with a length that issuer uses, and a valid Luhn check digit. */
export function creditCard(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && cardIssuer(digits) !== null && luhn(digits);
}
