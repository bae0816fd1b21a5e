/**
 * Spain CIF (company NIF): organisation letter, 7 digits, control character. Control digit c = (10 - s mod 10) mod 10
 * where s sums the even-position digits and the digit sums of doubled odd-position digits; some organisation types
 * write it as the letter "JABCDEFGHI"[c], others as the digit, the rest may use either.
 */
export function cif(value: string): boolean {
  const match = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(value);
  if (!match) return false;
  const [, kind, body, control] = match;
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = body.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += d;
    }
  }
  const digit = (10 - (sum % 10)) % 10;
  const letter = "JABCDEFGHI"[digit];
  if ("PQRSNW".includes(kind)) return control === letter;
  if ("ABEH".includes(kind)) return control === String(digit);
  return control === letter || control === String(digit);
}
