/** Values of characters in odd (1st, 3rd, ...) positions, digits and letters alike, per DM 23/12/1976. */
const ODD: Readonly<Record<string, number>> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6,
  R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** Even positions: digits count as themselves, letters as A=0 ... Z=25. */
function evenValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/**
 * Italy codice fiscale: 6 letters, 2 digits, month letter, 2 digits, a letter and 3 digits (digits may be replaced by
 * LMNPQRSTUV for homocodes), then a check letter = A + (sum of odd and even values mod 26).
 */
export function codiceFiscale(value: string): boolean {
  const digit = "[0-9LMNPQRSTUV]";
  const shape = new RegExp(`^[A-Z]{6}${digit}{2}[ABCDEHLMPRST]${digit}{2}[A-Z]${digit}{3}[A-Z]$`);
  if (!shape.test(value)) return false;
  return oddEvenCheckCharacter(value.slice(0, 15)) === value[15];
}

/** The odd/even check character shared with the Italian bank CIN: A + (sum of position values mod 26). */
export function oddEvenCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += i % 2 === 0 ? ODD[body[i]] : evenValue(body[i]);
  return String.fromCharCode(65 + (sum % 26));
}
