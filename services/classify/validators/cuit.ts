/**
 * Argentina CUIT/CUIL (AFIP): type prefix (20, 23, 24, 27 persons; 30, 33, 34 companies), 8-digit document number,
 * mod-11 check digit with weights 5,4,3,2,7,6,5,4,3,2 (a result of 11 is 0; 10 is never issued).
 */
export function cuit(digits: string): boolean {
  if (!/^(?:20|23|24|27|30|33|34)\d{9}$/.test(digits)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digits.charCodeAt(i) - 48) * weights[i];
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(10) - 48;
}
