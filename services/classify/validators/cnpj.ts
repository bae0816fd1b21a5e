const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

function cnpjDigit(body: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (body.charCodeAt(i) - 48) * weights[i];
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** Brazil CNPJ: 14 digits, not all equal, two mod-11 check digits with the Receita Federal weights. */
export function cnpj(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || /^(\d)\1{13}$/.test(digits)) return false;
  return cnpjDigit(digits, FIRST_WEIGHTS) === digits.charCodeAt(12) - 48 && cnpjDigit(digits, SECOND_WEIGHTS) === digits.charCodeAt(13) - 48;
}
