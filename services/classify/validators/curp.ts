const ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
const SHAPE = /^[A-Z][AEIOUX][A-Z]{2}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$/;

/**
 * Mexico CURP (RENAPO): 4 letters, birth date, sex, state code, 3 internal consonants, a homoclave character, and a
 * check digit = (10 - sum(value * (18 - position)) mod 10) mod 10 over the first 17 characters.
 */
export function curp(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(value[i]) * (18 - i);
  return (10 - (sum % 10)) % 10 === value.charCodeAt(17) - 48;
}
