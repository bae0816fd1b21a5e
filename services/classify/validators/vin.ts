const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5,
  W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * Vehicle identification number (ISO 3779; 49 CFR 565): 17 characters without I, O, Q, with at least one letter, and
 * the North American check digit in position 9 (weighted sum mod 11, 10 written X).
 */
export function vin(value: string): boolean {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(value) || !/[A-Z]/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = value[i];
    sum += (ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : TRANSLITERATION[ch]) * WEIGHTS[i];
  }
  const check = sum % 11;
  return value[8] === (check === 10 ? "X" : String(check));
}
