/**
 * US DEA registration number: registrant-type letter, a letter (or 9 for business names), seven digits whose last is
 * (d1 + d3 + d5 + 2 * (d2 + d4 + d6)) mod 10.
 */
export function dea(value: string): boolean {
  if (!/^[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}$/.test(value)) return false;
  const d = (i: number): number => value.charCodeAt(2 + i) - 48;
  return (d(0) + d(2) + d(4) + 2 * (d(1) + d(3) + d(5))) % 10 === d(6);
}
