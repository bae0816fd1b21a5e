/**
 * A managed data identifier is data: one row of the catalog (services/classify/catalog/). The engine in detect/
 * compiles rows; adding an identifier is adding a row plus its tests.
 */
import type { Category, Severity } from "../types.js";

/** Severity by occurrence count in one object, Macie's buckets: [1, 2-99, 100+]. */
export type SeverityTable = readonly [Severity, Severity, Severity];

export interface ManagedIdentifier {
  /** Macie's ID where Macie has one (CREDIT_CARD_NUMBER, USA_SOCIAL_SECURITY_NUMBER...), else ours in the same style. */
  id: string;
  category: Category;
  /** Human description shown in the API and docs. */
  description: string;
  /**
   * JavaScript regular expression source for a candidate. It must run in linear time on any input (no nested
   * quantifiers over overlapping classes). The engine adds the "g" flag (and "i" when caseInsensitive).
   */
  pattern: string;
  caseInsensitive?: boolean;
  /** When non-empty, a match counts only with one of these within `maxDistance` characters, or in column/path context. */
  keywords?: readonly string[];
  /** Whether a keyword is required (Macie's "keyword" identifiers) or only strengthens evidence. */
  keywordRequired: boolean;
  /** Keyword proximity in characters; Macie uses 30. */
  maxDistance?: number;
  /** Name of a check-digit or structure validator in validators/ (e.g. "luhn", "mod97", "verhoeff"). */
  validator?: string;
  /** Canonicalisation before validation, exclusion and fingerprinting. */
  normalize?: "digits" | "alnum-upper" | "trim" | "none";
  /** Published test values and sample keys that are never reported (compared after normalisation). */
  excludedValues?: readonly string[];
  severity: SeverityTable;
}
