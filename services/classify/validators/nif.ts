import { cif } from "./cif.js";
import { dniLetter } from "./dni-letter.js";

/** Spain NIF: a person's DNI or NIE, or an organisation's CIF. */
export function nif(value: string): boolean {
  return dniLetter(value) || cif(value);
}
