/** Letters of a French account number count as digits: A/J=1, B/K/S=2, ... I/R/Z=9 (Banque de France convention). */
function ribDigits(account: string): string {
  return account.replace(/[A-Z]/g, (ch) => {
    const code = ch.charCodeAt(0) - 65;
    return String(code < 9 ? code + 1 : code < 18 ? code - 8 : code - 16);
  });
}

/**
 * France RIB (BBAN): 5-digit bank code, 5-digit branch code, 11-character account, 2-digit key with
 * key = 97 - ((89 * bank + 15 * branch + 3 * account) mod 97).
 */
export function ribKey(value: string): boolean {
  const match = /^(\d{5})(\d{5})([0-9A-Z]{11})(\d{2})$/.exec(value);
  if (!match) return false;
  const [, bank, branch, account, key] = match;
  const sum = 89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(ribDigits(account));
  return 97n - (sum % 97n) === BigInt(key);
}
