/** One mod-11 check digit over `body` with weights starting at `firstWeight` and descending (Receita Federal). */
function cpfDigit(body: string, firstWeight: number): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(i) - 48) * (firstWeight - i);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

/** Brazil CPF: 11 digits, not all equal, two mod-11 check digits. */
export function cpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  return cpfDigit(digits.slice(0, 9), 10) === digits.charCodeAt(9) - 48 && cpfDigit(digits.slice(0, 10), 11) === digits.charCodeAt(10) - 48;
}
