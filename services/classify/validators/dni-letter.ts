const LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/**
 * Spain DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): the letter is LETTERS[number mod 23], with the
 * NIE prefix read as X=0, Y=1, Z=2. A personal NIF is one of these two.
 */
export function dniLetter(value: string): boolean {
  const match = /^([XYZ]\d{7}|\d{8})([A-Z])$/.exec(value);
  if (!match) return false;
  const number = Number(match[1].replace(/^[XYZ]/, (p) => String("XYZ".indexOf(p))));
  return number !== 0 && LETTERS[number % 23] === match[2];
}
