/**
 * Allow lists, Macie's CreateAllowList: values that are never reported. Either literal entries (a text file in Macie,
 * case-insensitive, whole match) or one regex that must match the whole value. Allowed values vanish from findings
 * and from counts.
 */
import RE2 from "re2";
import { InvalidInputError } from "../../errors.js";
import { compileUserRegex } from "./custom-identifier.js";

export type AllowListDefinition =
  | { kind: "literal"; entries: readonly string[] }
  | { kind: "regex"; regex: string };

export interface AllowList {
  readonly kind: "literal" | "regex";
  /** Whether the matched value is allowed (and so not reported). */
  allows(value: string): boolean;
}

export const ALLOW_LIST_LIMITS = { entries: 100_000, entryLength: 90 } as const;

export function compileAllowList(def: AllowListDefinition): AllowList {
  if (def.kind === "regex") {
    // Validated alone first: wrapping could make an unbalanced pattern such as "a)|(b" compile.
    compileUserRegex("regex", def.regex, "");
    // Anchored so that the regex has to cover the whole value, as Macie's does.
    const whole = new RE2(`^(?:${def.regex})$`);
    return { kind: "regex", allows: (value) => whole.test(value) };
  }
  if (def.kind !== "literal") throw new InvalidInputError("kind", 'must be "literal" or "regex"');
  if (!Array.isArray(def.entries)) throw new InvalidInputError("entries", "must be a list of strings");
  if (def.entries.length > ALLOW_LIST_LIMITS.entries) {
    throw new InvalidInputError("entries", `has ${def.entries.length} entries; at most ${ALLOW_LIST_LIMITS.entries}`);
  }
  const entries = new Set<string>();
  def.entries.forEach((entry, i) => {
    if (typeof entry !== "string") throw new InvalidInputError(`entries[${i}]`, "must be a string");
    const trimmed = entry.trim();
    // Blank lines of an allow-list file carry nothing.
    if (trimmed.length === 0) return;
    if (trimmed.length > ALLOW_LIST_LIMITS.entryLength) {
      throw new InvalidInputError(`entries[${i}]`, `is ${trimmed.length} characters; at most ${ALLOW_LIST_LIMITS.entryLength}`);
    }
    entries.add(trimmed.toLowerCase());
  });
  return { kind: "literal", allows: (value) => entries.has(value.toLowerCase()) };
}
