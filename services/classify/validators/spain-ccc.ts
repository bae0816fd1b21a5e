const WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];

function controlDigit(ten: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (ten.charCodeAt(i) - 48) * WEIGHTS[i];
  const d = 11 - (sum % 11);
  return d === 11 ? 0 : d === 10 ? 1 : d;
}

/**
 * Spain Código Cuenta Cliente (BBAN): 4-digit bank, 4-digit branch, 2 control digits, 10-digit account. The first
 * control digit covers "00" + bank + branch, the second the account, both mod 11 with weights 1,2,4,8,5,10,9,7,3,6.
 */
export function spainCcc(digits: string): boolean {
  if (!/^\d{20}$/.test(digits) || /^0+$/.test(digits)) return false;
  return (
    controlDigit(`00${digits.slice(0, 8)}`) === digits.charCodeAt(8) - 48 &&
    controlDigit(digits.slice(10)) === digits.charCodeAt(9) - 48
  );
}
