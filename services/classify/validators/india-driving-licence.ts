/**
 * State and union-territory codes the Motor Vehicles Act registration scheme assigns (current and former, e.g. OR
 * before Odisha became OD, UA before Uttarakhand became UK): the first two letters of every Indian licence number.
 */
const STATE_CODES = new Set([
  "AN", "AP", "AR", "AS", "BR", "CG", "CH", "CT", "DD", "DL", "DN", "GA", "GJ", "HP", "HR", "JH", "JK", "KA", "KL",
  "LA", "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TG", "TN", "TR", "TS", "UA",
  "UK", "UP", "WB",
]);

/**
 * India driving licence, normalised to "SSRRYYYYNNNNNNN": a known state code, an RTO code from 01, a year of issue
 * from 1950 to 2099 and a 7-digit serial. There is no check digit; the state code and year make chance matches rare.
 */
export function indiaDrivingLicence(value: string): boolean {
  const match = /^([A-Z]{2})(\d{2})(\d{4})(\d{7})$/.exec(value);
  if (!match) return false;
  const year = Number(match[3]);
  return STATE_CODES.has(match[1]) && match[2] !== "00" && year >= 1950 && year <= 2099 && match[4] !== "0000000";
}
