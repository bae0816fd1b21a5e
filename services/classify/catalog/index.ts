/**
 * The managed data identifier catalog: every row Sightline detects with out of the box, by Macie's IDs where Macie
 * has one. Rows are data; `validators/` holds the checks they name and `matchers/` the finders NAME and ADDRESS use.
 */
import type { ManagedIdentifier } from "../detect/identifier.js";
import { credentials } from "./credentials.js";
import { driversLicenses } from "./drivers-licenses.js";
import { financial } from "./financial.js";
import { health } from "./health.js";
import { iban } from "./iban.js";
import { personal } from "./personal.js";

export const managedIdentifiers: readonly ManagedIdentifier[] = [...credentials, ...financial, ...iban, ...personal, ...driversLicenses, ...health];

const byId: ReadonlyMap<string, ManagedIdentifier> = new Map(managedIdentifiers.map((row) => [row.id, row]));

/** The catalog row with this id, or undefined. */
export function managedIdentifier(id: string): ManagedIdentifier | undefined {
  return byId.get(id);
}
