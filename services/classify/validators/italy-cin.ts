import { oddEvenCheckCharacter } from "./codice-fiscale.js";

/**
 * Italy BBAN: CIN letter, 5-digit ABI, 5-digit CAB, 12-character account. The CIN is the odd/even check character
 * (the codice fiscale tables) over ABI + CAB + account.
 */
export function italyCin(value: string): boolean {
  const match = /^([A-Z])(\d{10}[0-9A-Z]{12})$/.exec(value);
  return match !== null && oddEvenCheckCharacter(match[2]) === match[1];
}
