/** Macie's severity tables by occurrence count in one object: [1, 2-99, 100+]. */
import type { SeverityTable } from "../detect/identifier.js";

export const ALWAYS_HIGH: SeverityTable = ["HIGH", "HIGH", "HIGH"];
export const MEDIUM_THEN_HIGH: SeverityTable = ["MEDIUM", "HIGH", "HIGH"];
export const LOW_MEDIUM_HIGH: SeverityTable = ["LOW", "MEDIUM", "HIGH"];
export const LOW_MEDIUM_MEDIUM: SeverityTable = ["LOW", "MEDIUM", "MEDIUM"];
export const LOW_LOW_MEDIUM: SeverityTable = ["LOW", "LOW", "MEDIUM"];
