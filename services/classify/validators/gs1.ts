/** GS1 mod-10 check digit (weights 3 and 1 alternating from the right of the body) over a GTIN of 8-14 digits. */
export function gs1(digits: string): boolean {
  if (!/^\d{8,14}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (digits.charCodeAt(i) - 48) * weight;
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/** FDA unique device identifier in GS1 form: "(01)" + GTIN-14; normalised to the 16 digits "01" + GTIN. */
export function udiGtin(digits: string): boolean {
  return /^01\d{14}$/.test(digits) && gs1(digits.slice(2));
}
