import { ssn } from "./ssn.js";

/**
 * US Medicare Health Insurance Claim Number (legacy, pre-MBI): the holder's SSN followed by a beneficiary
 * identification code of one letter and an optional digit or letter (A, B, C, D, E, F, G, H, J, K, M, T, W...).
 */
export function hicn(value: string): boolean {
  const match = /^(\d{9})([A-HJKMTW][0-9A-Z]?)$/.exec(value);
  return match !== null && ssn(match[1]);
}
