/**
 * IAM wildcards: `*` matches any run of characters (including none), `?` exactly one. Patterns are compiled once into
 * the cheapest test that decides them (equality, prefix, suffix), falling back to one anchored regex.
 */
export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

/** `value` must already be lower-cased by the caller when `caseInsensitive` is set (hot paths lower-case once). */
export function compileWildcard(pattern: string, caseInsensitive = false): Matcher {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  if (p === "*") return always;
  const star = p.indexOf("*");
  const hasQuestion = p.includes("?");
  if (star < 0 && !hasQuestion) return (value) => value === p;
  if (!hasQuestion && star === p.length - 1 && p.indexOf("*") === p.lastIndexOf("*")) {
    const prefix = p.slice(0, -1);
    return (value) => value.startsWith(prefix);
  }
  if (!hasQuestion && star === 0 && p.lastIndexOf("*") === 0) {
    const suffix = p.slice(1);
    return (value) => value.endsWith(suffix);
  }
  const source = p
    .split("")
    .map((ch) => (ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : escapeRegex(ch)))
    .join("");
  const regex = new RegExp(`^${source}$`);
  return (value) => regex.test(value);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}
