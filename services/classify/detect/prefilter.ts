/**
 * The prefilter: one RE2.Set pass over a window of text tells which identifiers can match there (and which keyword
 * lists occur), so the exact JavaScript patterns run only where they may hit. RE2's DFA reads each byte once for
 * all patterns together; running ~100 V8 patterns one after another would read it ~100 times.
 *
 * A Set entry must match wherever its pattern matches (a superset); false positives only cost time.
 */
import RE2 from "re2";

/** Index of the first character after a group that opens at `open` (the "(" itself). */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return source.length;
}

/** Index after a quantifier starting at `at` (none: `at` itself). */
function quantifierEnd(source: string, at: number): number {
  const m = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(at));
  return at + (m ? m[0].length : 0);
}

/** The pattern without its lookarounds (a lookaround only ever narrows a match, so this matches a superset). */
export function stripLookarounds(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      out += c;
      inClass = c !== "]";
    } else if (c === "[") {
      out += c;
      inClass = true;
    } else if (c === "(" && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      i = quantifierEnd(source, groupEnd(source, i)) - 1;
    } else {
      out += c;
    }
  }
  return out;
}

interface Atom {
  /** Source of the atom without its quantifier. */
  text: string;
  /** How selective one repetition is: literal characters count most, broad classes least, anchors nothing. */
  weight: number;
  min: number;
  max: number;
  /** Longest text one repetition can match. */
  length: number;
}

/** A literal every match contains, and how far into the match it can start. */
export interface Anchor {
  literal: string;
  maxBefore: number;
}

/** Longest stretch of pattern before an anchor: beyond it the regex is cheaper to run than to anchor. */
const ANCHOR_REACH = 128;

/**
 * The first literal every match must contain, when the pattern starts with a character class (V8 scans such a
 * pattern at every position; finding a rare literal with indexOf first is much cheaper). Only literals rare in
 * ordinary text qualify: "@", or three characters or more. Null when the pattern has none.
 */
export function requiredAnchor(source: string, caseInsensitive: boolean): Anchor | null {
  if (caseInsensitive) return null;
  const stripped = stripLookarounds(source);
  const alternatives = parse(stripped, 0, stripped.length);
  if (alternatives.length !== 1) return null;
  let before = 0;
  let literal = "";
  let sawClass = false;
  for (const atom of alternatives[0]!) {
    const char = literalChar(atom.text);
    if (char !== null && atom.min === 1 && atom.max === 1) {
      if (!sawClass) return null;
      literal += char;
      continue;
    }
    if (literal === "@" || literal.length >= 3) return { literal, maxBefore: before };
    before += literal.length;
    literal = "";
    if (atom.weight > 0) sawClass = true;
    before += atom.length === 0 ? 0 : atom.length * atom.max;
    if (before > ANCHOR_REACH) return null;
  }
  return literal === "@" || literal.length >= 3 ? { literal, maxBefore: before } : null;
}

function literalChar(text: string): string | null {
  if (text.length === 1 && !".^$|()[]{}*+?\\".includes(text)) return text;
  if (text.length === 2 && text[0] === "\\" && /[^A-Za-z0-9]/.test(text[1]!)) return text[1]!;
  return null;
}

/** Selectivity at which a prefix is kept instead of the whole pattern. */
const PREFIX_WEIGHT = 10;

function escapeEnd(source: string, i: number): number {
  const c = source[i + 1] ?? "";
  if (c === "u" && source[i + 2] === "{") return source.indexOf("}", i) + 1;
  if ((c === "p" || c === "P") && source[i + 2] === "{") return source.indexOf("}", i) + 1;
  if (c === "u") return i + 6;
  if (c === "x") return i + 4;
  if (c === "c") return i + 3;
  return i + 2;
}

function unitWeight(text: string): number {
  if (text.startsWith("[")) return text.startsWith("[^") ? 0.25 : 1;
  if (text === "." || /^\\[DSWP]/.test(text)) return 0.25;
  if (/^\\[bB]$/.test(text) || text === "^" || text === "$") return 0;
  if (text === "\\s") return 0.5;
  if (/^\\[dwp]/.test(text)) return 1;
  return 2;
}

/** Top-level alternatives of source[from, to), each a list of atoms. */
function parse(source: string, from: number, to: number): Atom[][] {
  const alternatives: Atom[][] = [[]];
  for (let i = from; i < to; ) {
    const c = source[i]!;
    if (c === "|") {
      alternatives.push([]);
      i++;
      continue;
    }
    let end: number;
    let weight: number;
    let length = 1;
    if (c === "\\") {
      end = escapeEnd(source, i);
      weight = unitWeight(source.slice(i, end));
    } else if (c === "[") {
      end = i + 1;
      while (end < to && source[end] !== "]") end += source[end] === "\\" ? 2 : 1;
      end++;
      weight = unitWeight(source.slice(i, end));
    } else if (c === "(") {
      end = groupEnd(source, i);
      const inner = source.startsWith("(?:", i) ? i + 3 : source.startsWith("(?<", i) ? source.indexOf(">", i) + 1 : i + 1;
      const inside = parse(source, inner, end - 1);
      weight = Math.min(...inside.map(minWeight));
      length = Math.max(...inside.map(maxLength));
    } else {
      end = i + 1;
      weight = unitWeight(c);
    }
    const q = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(source.slice(end, to));
    let min = 1;
    let max = 1;
    if (q !== null) {
      if (q[1] === "*") [min, max] = [0, Infinity];
      else if (q[1] === "+") [min, max] = [1, Infinity];
      else if (q[1] === "?") [min, max] = [0, 1];
      else {
        min = Number(q[2]);
        max = q[3] === undefined ? min : q[4] === "" ? Infinity : Number(q[4]);
      }
    }
    if (weight === 0 && !source.startsWith("(", i)) length = 0;
    alternatives[alternatives.length - 1]!.push({ text: source.slice(i, end), weight, min, max, length });
    i = end + (q === null ? 0 : q[0].length);
  }
  return alternatives;
}

function maxLength(atoms: readonly Atom[]): number {
  return atoms.reduce((sum, atom) => sum + (atom.length === 0 ? 0 : atom.length * atom.max), 0);
}

/** The longest text the pattern can match (Infinity when unbounded), to size the text around a keyword. */
export function maxMatchLength(source: string): number {
  const stripped = stripLookarounds(source);
  return Math.max(...parse(stripped, 0, stripped.length).map(maxLength));
}

function minWeight(atoms: readonly Atom[]): number {
  return atoms.reduce((sum, atom) => sum + atom.weight * atom.min, 0);
}

function quantified(text: string, min: number, max: number): string {
  if (min === 1 && max === 1) return text;
  if (min === 0 && max === 1) return `${text}?`;
  if (max === Infinity) return min === 0 ? `${text}*` : min === 1 ? `${text}+` : `${text}{${min},}`;
  return min === max ? `${text}{${min}}` : `${text}{${min},${max}}`;
}

/**
 * The shortest prefix of an alternative that is selective enough: "a match somewhere" implies "its prefix matches
 * somewhere", so a prefix is a superset. Long counted runs are cut ({12,19} digits -> the first few) and open upper
 * bounds are dropped: RE2's DFA over many patterns stays small only when each pattern is short.
 */
function prefix(atoms: readonly Atom[]): string {
  let out = "";
  let weight = 0;
  for (const atom of atoms) {
    // Counted repetitions inside a group are loosened the same way.
    const text = atom.text.startsWith("(") ? atom.text.replace(/\{(\d+)(?:,(\d*))?\}/g, (m, lo: string, hi?: string) => (hi === undefined || Number(lo) <= 4 ? m : `{${Math.min(Number(lo), 4)},}`)) : atom.text;
    const needed = atom.weight > 0 ? Math.ceil((PREFIX_WEIGHT - weight) / atom.weight) : Infinity;
    if (atom.min >= needed) return out + quantified(text, needed, needed);
    out += quantified(text, atom.min, atom.max > atom.min + 4 ? Infinity : atom.max);
    weight += atom.weight * atom.min;
  }
  return out;
}

/**
 * JavaScript pattern source -> a short RE2 source that matches wherever the pattern can (a superset): lookarounds
 * removed (RE2 has none; they only narrow a match), each alternative cut to a selective prefix. Falls back to the
 * whole pattern, and returns null when RE2 cannot compile either (backreferences, JavaScript-only syntax): such an
 * identifier then runs on every window.
 */
export function re2Superset(source: string, caseInsensitive: boolean): string | null {
  const stripped = stripLookarounds(source);
  const flags = caseInsensitive ? "(?i)" : "";
  const candidates = [parse(stripped, 0, stripped.length).map(prefix).join("|"), stripped];
  for (const candidate of candidates) {
    try {
      new RE2(`${flags}(?:${candidate})`);
      return `${flags}(?:${candidate})`;
    } catch {
      // Try the next, less aggressive form.
    }
  }
  return null;
}

/** A Set of the sources, or null when RE2 cannot build it (too large): callers then treat every entry as matching. */
export function compileSet(sources: readonly string[]): InstanceType<typeof RE2.Set> | null {
  try {
    return new RE2.Set(sources);
  } catch {
    return null;
  }
}

/** Which Set entries match, or null when the Set gave up (DFA out of memory): then treat every entry as matching. */
export function matchSet(set: InstanceType<typeof RE2.Set>, input: string | Buffer): number[] | null {
  try {
    return set.match(input);
  } catch {
    return null;
  }
}
