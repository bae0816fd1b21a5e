const CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/**
 * Finland henkilötunnus: DDMMYY, a century sign (+, -, A, and since 2023 also B-F and U-Y), a 3-digit individual
 * number, and a check character = CHECK_CHARACTERS[DDMMYYNNN mod 31].
 */
export function hetu(value: string): boolean {
  const match = /^(\d{6})[-+A-FU-Y](\d{3})([0-9A-Y])$/.exec(value);
  if (!match) return false;
  const day = Number(match[1].slice(0, 2));
  const month = Number(match[1].slice(2, 4));
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return CHECK_CHARACTERS[Number(match[1] + match[2]) % 31] === match[3];
}
