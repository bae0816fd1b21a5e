/**
 * Keywords: Macie's proximity rule. A keyword counts when it stands near a match in the text (case-insensitive, not
 * glued to other letters) or when it is one of the words of the segment's context (a column name, JSON path elements).
 */

export interface TextKeywordHit {
  word: string;
  /** Characters between keyword and match (0 when they touch or overlap), or keyword end to match end for "precede". */
  distance: number;
}

/** How distance is measured: managed identifiers look both ways; Macie's custom identifiers only look back. */
export type KeywordDirection = "either" | "precede";

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

/** Apostrophes: typed ('), and the typographic ones PDF and Word documents hold (’, and ‘ from autocorrect). */
const APOSTROPHES = /['\u2018\u2019]/g;

function keywordSource(word: string): string {
  // A space in a keyword also accepts "_" and "-": "date of birth" finds "date_of_birth". An apostrophe accepts any of
  // the three: "driver's license" finds "driver’s license". The class is written literally for RE2's sake.
  return word
    .trim()
    .replace(REGEX_SPECIALS, "\\$&")
    .replace(/\s+/g, "[\\s_-]+")
    .replace(APOSTROPHES, "['\u2018\u2019]");
}

/** A keyword as compared: lower case, one apostrophe. */
function folded(text: string): string {
  return text.toLowerCase().replace(APOSTROPHES, "'");
}

/** Lower-case words of an identifier-like string: "customerSSN_v2" -> ["customer", "ssn", "v2"]. */
export function contextWords(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export class KeywordList {
  readonly words: readonly string[];
  /** The longest keyword, to bound the text window searched around a match. */
  readonly maxLength: number;
  /**
   * One RE2 source per keyword, matching wherever it might be (a superset) for the prefilter. Per word rather than
   * per list: many lists share words, and a Set of distinct words runs faster than a Set of overlapping lists.
   */
  readonly prefilterSources: readonly string[];
  /** Per keyword, the exact finder matching `prefilterSources` entry for entry. */
  readonly wordPatterns: readonly RegExp[];
  /** Per keyword, the same finder anchored where it starts (sticky), to confirm a hit of its literal. */
  readonly wordStickies: readonly RegExp[];
  /** Per keyword, its text up to the first space, lower-cased: every match starts with it (in lower case). */
  readonly wordLiterals: readonly string[];
  private readonly pattern: RegExp;
  /** The catalog's spelling of each keyword by its lower-cased, space-joined form (the first spelling wins). */
  private readonly spellings = new Map<string, string>();
  private readonly wordRuns: readonly { word: string; run: readonly string[]; literal: string | null }[];

  constructor(words: readonly string[]) {
    this.words = words;
    this.maxLength = Math.max(...words.map((w) => w.length));
    const alternatives = words.map(keywordSource).join("|");
    this.pattern = new RegExp(`(?<![\\p{L}])(?:${alternatives})(?![\\p{L}])`, "giu");
    // A trailing letter boundary keeps "ssn" from being flagged inside "ssns"; ASCII (a superset of the exact \p{L}
    // test) because hundreds of \p{L} classes outgrow RE2's program size limit. No leading one: with it, the Set's
    // DFA restarts every word at every non-letter and runs about ten times slower.
    this.prefilterSources = words.map((word) => `(?i)(?:${keywordSource(word)})(?:[^a-z]|$)`);
    for (const word of words) {
      const key = folded(word.trim()).replace(/\s+/g, " ");
      if (!this.spellings.has(key)) this.spellings.set(key, word);
    }
    this.wordPatterns = words.map((word) => new RegExp(`(?<![\\p{L}])(?:${keywordSource(word)})(?![\\p{L}])`, "giu"));
    this.wordStickies = this.wordPatterns.map((pattern) => new RegExp(pattern.source, "iuy"));
    // Up to the first space or apostrophe: the apostrophe may be written three ways.
    this.wordLiterals = words.map((word) => word.trim().split(/[\s'\u2018\u2019]/)[0]!.toLowerCase());
    this.wordRuns = words.map((word) => {
      const run = contextWords(word);
      // "ss#" must appear as written: its words alone ("ss") would be too loose.
      const literal = /[^\p{L}\p{N}\s]/u.test(word) ? folded(word) : null;
      return { word, run, literal };
    });
  }

  /**
   * The keyword nearest to the match [start, end) within `maxDistance`, looking only inside [from, to) (the segment).
   */
  nearestInText(
    text: string,
    from: number,
    to: number,
    start: number,
    end: number,
    maxDistance: number,
    direction: KeywordDirection,
  ): TextKeywordHit | null {
    // One extra character each side so the letter-boundary lookarounds see the real neighbours.
    const lo = Math.max(from, (direction === "precede" ? end : start) - maxDistance - this.maxLength - 1);
    const hi = direction === "precede" ? start : Math.min(to, end + maxDistance + this.maxLength + 1);
    if (hi <= lo) return null;
    const window = text.slice(lo, hi);
    this.pattern.lastIndex = 0;
    let best: TextKeywordHit | null = null;
    for (let m = this.pattern.exec(window); m !== null; m = this.pattern.exec(window)) {
      const ks = lo + m.index;
      const ke = ks + m[0].length;
      let distance: number;
      if (direction === "precede") {
        if (ke > start) continue;
        distance = end - ke;
      } else {
        distance = ke <= start ? start - ke : ks >= end ? ks - end : 0;
      }
      if (distance <= maxDistance && (best === null || distance < best.distance)) {
        best = { word: this.canonical(m[0]), distance };
      }
    }
    return best;
  }

  /** The first keyword found among the context's words, or null. */
  inContext(context: readonly string[]): string | null {
    for (const element of context) {
      const words = contextWords(element);
      const lower = folded(element);
      for (const { word, run, literal } of this.wordRuns) {
        if (literal !== null ? lower.includes(literal) : run.length > 0 && containsRun(words, run)) return word;
      }
    }
    return null;
  }

  /** The catalog's spelling of a keyword found in text ("SSN" in text reports "ssn" if the catalog says so). */
  private canonical(found: string): string {
    return this.spellings.get(folded(found).replace(/[\s_-]+/g, " ")) ?? found;
  }
}

/** Occurrences of one keyword pattern starting in [from, to) of `text`, appended to `out` as start, end pairs. */
export function findKeyword(pattern: RegExp, maxLength: number, text: string, from: number, to: number, out: number[]): void {
  // One character of context before `from` so that the letter-boundary lookbehind sees the real neighbour.
  const lo = Math.max(0, from - 1);
  const window = text.slice(lo, Math.min(text.length, to + maxLength + 1));
  pattern.lastIndex = from - lo;
  for (let m = pattern.exec(window); m !== null; m = pattern.exec(window)) {
    const start = lo + m.index;
    if (start >= to) return;
    out.push(start, start + m[0].length);
  }
}

/**
 * The same occurrences as findKeyword, found by searching `literal` (the keyword's lower-cased start) in `lower`, the
 * lower-cased text from `lowerFrom` on (of the same length as the text it came from), and confirming each hit with
 * the keyword's sticky pattern on the real text. indexOf reads text several times faster than the pattern does.
 */
export function findKeywordByLiteral(
  sticky: RegExp,
  literal: string,
  text: string,
  lower: string,
  lowerFrom: number,
  from: number,
  to: number,
  out: number[],
): void {
  for (let at = lower.indexOf(literal, from - lowerFrom); at !== -1; ) {
    const start = lowerFrom + at;
    if (start >= to) return;
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m === null) {
      at = lower.indexOf(literal, at + 1);
      continue;
    }
    out.push(start, start + m[0].length);
    at = lower.indexOf(literal, at + Math.max(1, m[0].length));
  }
}
