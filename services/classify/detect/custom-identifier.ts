/**
 * Custom data identifiers, Macie's CreateCustomDataIdentifier: a user's regex plus optional keywords, ignore words,
 * match distance and severity levels. User regexes are compiled with RE2 (linear time, no backtracking), so a hostile
 * pattern such as `(a+)+$` cannot stall a scan.
 */
import RE2 from "re2";
import { InvalidInputError } from "../../errors.js";
import type { Severity } from "../types.js";

export interface SeverityLevel {
  /** Minimum occurrences in one object for this severity. */
  occurrencesThreshold: number;
  severity: Severity;
}

export interface CustomIdentifierDefinition {
  id: string;
  name: string;
  regex: string;
  /** Up to 50, 3-90 characters each, case-insensitive; one must precede a match within maximumMatchDistance. */
  keywords?: readonly string[];
  /** Up to 10, 4-90 characters each, case-sensitive; a match containing one is dropped. */
  ignoreWords?: readonly string[];
  /** 1-300 characters from the end of a keyword to the end of the match; default 50. */
  maximumMatchDistance?: number;
  /** Up to 3; below the lowest threshold the identifier reports nothing. Default: MEDIUM from 1 occurrence. */
  severityLevels?: readonly SeverityLevel[];
}

export interface CustomIdentifier {
  readonly id: string;
  readonly name: string;
  /** The validated source; `regex` is its compiled form. */
  readonly source: string;
  readonly regex: RE2;
  readonly keywords: readonly string[];
  readonly ignoreWords: readonly string[];
  readonly maximumMatchDistance: number;
  /** Ascending by threshold. */
  readonly severityLevels: readonly SeverityLevel[];
}

export const CUSTOM_IDENTIFIER_LIMITS = {
  regexLength: 512,
  keywords: 50,
  keywordLength: { min: 3, max: 90 },
  ignoreWords: 10,
  ignoreWordLength: { min: 4, max: 90 },
  matchDistance: { min: 1, max: 300, default: 50 },
  severityLevels: 3,
} as const;

const SEVERITIES: readonly Severity[] = ["LOW", "MEDIUM", "HIGH"];

function checkWords(
  field: string,
  words: readonly string[],
  maxCount: number,
  length: { min: number; max: number },
): string[] {
  if (words.length > maxCount) throw new InvalidInputError(field, `has ${words.length} entries; at most ${maxCount}`);
  return words.map((word, i) => {
    if (typeof word !== "string" || word.length < length.min || word.length > length.max) {
      throw new InvalidInputError(
        `${field}[${i}]`,
        `must be ${length.min}-${length.max} characters (got ${typeof word === "string" ? word.length : typeof word})`,
      );
    }
    return word;
  });
}

/** Compiles the user's pattern with RE2, naming the field in any error. Shared with allow lists. */
export function compileUserRegex(field: string, source: unknown, flags: string): RE2 {
  if (typeof source !== "string" || source.length === 0) throw new InvalidInputError(field, "must be a non-empty string");
  if (source.length > CUSTOM_IDENTIFIER_LIMITS.regexLength) {
    throw new InvalidInputError(field, `is ${source.length} characters; at most ${CUSTOM_IDENTIFIER_LIMITS.regexLength}`);
  }
  try {
    return new RE2(source, flags);
  } catch (error) {
    throw new InvalidInputError(
      field,
      `is not a supported regular expression: ${(error as Error).message}`,
      "Use RE2 syntax: no backreferences and no lookahead or lookbehind.",
    );
  }
}

export function compileCustomIdentifier(def: CustomIdentifierDefinition): CustomIdentifier {
  if (typeof def.id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(def.id)) {
    throw new InvalidInputError("id", "must be 1-128 characters of letters, digits, '_', '.', ':' or '-'");
  }
  if (typeof def.name !== "string" || def.name.trim().length === 0 || def.name.length > 128) {
    throw new InvalidInputError("name", "must be 1-128 characters");
  }
  const regex = compileUserRegex("regex", def.regex, "g");
  if (regex.test("")) throw new InvalidInputError("regex", "must not match the empty string");
  regex.lastIndex = 0;

  const keywords = checkWords(
    "keywords",
    def.keywords ?? [],
    CUSTOM_IDENTIFIER_LIMITS.keywords,
    CUSTOM_IDENTIFIER_LIMITS.keywordLength,
  );
  const ignoreWords = checkWords(
    "ignoreWords",
    def.ignoreWords ?? [],
    CUSTOM_IDENTIFIER_LIMITS.ignoreWords,
    CUSTOM_IDENTIFIER_LIMITS.ignoreWordLength,
  );

  const distance = def.maximumMatchDistance ?? CUSTOM_IDENTIFIER_LIMITS.matchDistance.default;
  const { min, max } = CUSTOM_IDENTIFIER_LIMITS.matchDistance;
  if (!Number.isInteger(distance) || distance < min || distance > max) {
    throw new InvalidInputError("maximumMatchDistance", `must be an integer from ${min} to ${max} (got ${distance})`);
  }

  const levels = def.severityLevels ?? [{ occurrencesThreshold: 1, severity: "MEDIUM" }];
  if (levels.length === 0 || levels.length > CUSTOM_IDENTIFIER_LIMITS.severityLevels) {
    throw new InvalidInputError("severityLevels", `must have 1-${CUSTOM_IDENTIFIER_LIMITS.severityLevels} levels`);
  }
  levels.forEach((level, i) => {
    if (!Number.isInteger(level.occurrencesThreshold) || level.occurrencesThreshold < 1) {
      throw new InvalidInputError(`severityLevels[${i}].occurrencesThreshold`, "must be a positive integer");
    }
    if (!SEVERITIES.includes(level.severity)) {
      throw new InvalidInputError(`severityLevels[${i}].severity`, "must be LOW, MEDIUM or HIGH");
    }
  });
  const thresholds = new Set(levels.map((l) => l.occurrencesThreshold));
  const severities = new Set(levels.map((l) => l.severity));
  if (thresholds.size !== levels.length || severities.size !== levels.length) {
    throw new InvalidInputError("severityLevels", "thresholds and severities must each be unique");
  }

  return {
    id: def.id,
    name: def.name,
    source: def.regex,
    regex,
    keywords,
    ignoreWords,
    maximumMatchDistance: distance,
    severityLevels: [...levels].sort((a, b) => a.occurrencesThreshold - b.occurrencesThreshold),
  };
}

/** The severity of the highest level reached, or null below the lowest threshold (no detection). */
export function customSeverity(levels: readonly SeverityLevel[], count: number): Severity | null {
  let severity: Severity | null = null;
  for (const level of levels) if (count >= level.occurrencesThreshold) severity = level.severity;
  return severity;
}
