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
  /**
   * When true, a match counts only when none of `keywords` is near it (nor in its column/path context): the
   * complement of a keyword-required row with the same pattern, e.g. CREDIT_CARD_NUMBER_(NO_KEYWORD).
   */
  keywordAbsent?: boolean;
  /**
   * Name of a matcher in catalog/matchers/ that finds the candidates instead of `pattern` (NAME, ADDRESS: dictionary
   * and structure rules no single regex states well). `pattern` is then a cheap prefilter, a superset of where the
   * matcher can find anything: run the matcher only on text where the pattern matches. Validator, keywords,
   * exclusions and normalisation apply to the matcher's spans as to pattern matches.
   */
  matcher?: string;
}
