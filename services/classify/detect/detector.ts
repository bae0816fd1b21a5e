/**
 * The detection engine: scans Segments with the managed identifier catalog, custom identifiers and allow lists, and
 * returns Macie-shaped Detections. Pure and synchronous; a Scan is incremental so that a reader that stops at a limit
 * mid-object still yields what was found before it.
 *
 * Built for throughput with ~200 identifiers (the goal is 100 MB/s per core; bench/classify-speed measures it):
 *   - segments become blocks: a large text segment is its own block; small ones (cells, JSON values) are joined with
 *     "\n" into ~64 KB blocks so that per-call costs are paid per block, not per cell;
 *   - each 8 KB window of a block (plus 256 characters) goes through two RE2.Sets: one holds every keyword, the other
 *     short prefixes of the patterns that need no keyword. RE2 reads each byte once for all entries of a Set;
 *   - a row with a rare literal in every match (the "@" of an email) finds it with indexOf, then runs around it;
 *   - a matcher row (NAME, ADDRESS) reads only the windows its prefilter flags;
 *   - a pattern without a required keyword runs only over windows where its prefix occurs (a prefix match longer
 *     than 256 characters straddling a window's end could be missed; no catalog prefix comes near that);
 *   - a pattern with a required keyword never scans the whole text: it runs only in the few characters around each
 *     keyword found (the keyword rule allows nothing else), and over the segments whose column or path has one;
 *   - a keyword the Set flags in a window is found with indexOf of its lower-cased start in the lower-cased window,
 *     and confirmed with its exact pattern only there;
 *   - the bytes the Sets read are written into two reused Buffers (no garbage per window);
 *   - a column's or a path's context keywords are cached in a tree of context elements (no joined key per cell);
 *   - a match is counted (and its value's distinct key kept) at once, but only the occurrences kept (1,000 per type)
 *     pay for an HMAC fingerprint (detect/fingerprint.ts).
 */
import RE2 from "re2";
import { InvalidInputError } from "../../errors.js";
import { matchers as catalogMatchers } from "../catalog/matchers/index.js";
import type { Category, Detection, Evidence, Occurrence, Segment, Severity } from "../types.js";
import type { AllowList } from "./allow-list.js";
import { type CustomIdentifier, customSeverity } from "./custom-identifier.js";
import { DistinctCounter, distinctKey, Fingerprinter } from "./fingerprint.js";
import type { ManagedIdentifier } from "./identifier.js";
import { findKeyword, findKeywordByLiteral, type KeywordDirection, KeywordList } from "./keyword.js";
import { NewlineIndex, occurrenceLocation } from "./location.js";
import { type Anchor, compileSet, matchSet, maxMatchLength, re2Superset, requiredAnchor } from "./prefilter.js";

export interface DetectorOptions {
  identifiers: readonly ManagedIdentifier[];
  validators: Record<string, (normalized: string) => boolean>;
  customIdentifiers?: readonly CustomIdentifier[];
  allowLists?: readonly AllowList[];
  /** Secret for the HMAC-SHA256 fingerprints of values. */
  fingerprintKey: string;
  /** Occurrences kept per type (the count goes on); Macie keeps 1,000. */
  maxOccurrencesPerType?: number;
  /** Matchers that rows name in `matcher`; default: the catalog's (catalog/matchers/). */
  matchers?: Readonly<Record<string, SpanMatcher>>;
}

export interface Scan {
  push(segment: Segment): void;
  /** Detections so far; pushing more afterwards is allowed. */
  result(): Detection[];
}

export interface Detector {
  newScan(): Scan;
}

/** Macie's keyword proximity for managed identifiers. */
export const DEFAULT_KEYWORD_DISTANCE = 30;
export const DEFAULT_MAX_OCCURRENCES = 1000;

/**
 * Prefilter granularity: small enough that a window holds few distinct identifiers (so few patterns run), large
 * enough that the per-call cost of RE2 stays small.
 */
const WINDOW = 8_192;
/** Longest prefix or keyword the prefilter must see whole past a window's end. */
const OVERLAP = 256;
/** Segments shorter than this are batched with others into one block. */
const SMALL_SEGMENT = 16_384;
const BATCH = 65_536;
const CONTEXT_CACHE_LIMIT = 10_000;
/**
 * Prefixes per RE2.Set. Short prefixes keep the union's DFA small, so one Set of the whole catalog (~120 entries)
 * runs faster than several smaller ones (each Set reads the whole window). Keywords get a Set of their own: mixed
 * with the prefixes, the DFA grows past RE2's cache and slows down several times.
 */
const SET_SIZE = 256;
/** Text lower-cased past a window for the keywords that start in it: longer keywords are searched by pattern. */
const MAX_KEYWORD = 128;
/** Characters before a search range kept so that lookbehinds see the real text. */
const LOOKBEHIND = 16;
/** Text searched past a range for a match that starts inside it, when the pattern's length is unbounded. */
const MATCH_TAIL = 1_024;
/**
 * Text a matcher reads around its window: a little before (the word before a name tells a title from a name) and
 * enough after for a name or an address that starts inside.
 */
const MATCHER_BEFORE = 48;
const MATCHER_AFTER = 192;

/** Finds the next match at or after `from`: [start, end), or null. */
type Matcher = (text: string, from: number) => readonly [number, number] | null;

type KeywordEvidence = NonNullable<Evidence["keyword"]>;

/** Finds candidate [start, end) spans in a text: the catalog's matchers for what no single regex states well. */
export type SpanMatcher = (text: string) => readonly { start: number; end: number }[];

interface Rule {
  index: number;
  type: string;
  category: Category;
  pattern: string;
  find: Matcher;
  /** RE2 superset of the pattern for a Set, or null: run on every window. */
  prefilter: string | null;
  /** Longest match, capped: how far past a search range a match may run. */
  tail: number;
  /** A rare literal every match contains: searched with indexOf, the pattern then runs only around it. */
  anchor: Anchor | null;
  keywords: KeywordList | null;
  keywordRequired: boolean;
  /** The complement of a keyword-required row: reported only when no keyword is near nor in context. */
  keywordAbsent: boolean;
  /** Finds candidates where the pattern (then only a prefilter) matches: NAME, ADDRESS. */
  matcher: SpanMatcher | null;
  direction: KeywordDirection;
  maxDistance: number;
  normalize: (raw: string) => string;
  validator: { name: string; check: (normalized: string) => boolean } | null;
  excluded: ReadonlySet<string>;
  ignoreWords: readonly string[];
  severity: (count: number) => Severity | null;
}

interface Block {
  text: string;
  segments: Segment[];
  /** Offset of each segment's text in `text`. */
  starts: number[];
  /** Per segment, per rule: the keyword its context supplies. */
  contextHits: (readonly (KeywordEvidence | null)[] | null)[];
  /** Per rule: some segment's context supplies a keyword. */
  anyContext: Uint8Array;
  newlines: (NewlineIndex | undefined)[];
}

interface Accumulator {
  rule: Rule;
  count: number;
  /** distinctKey of each distinct normalised value. */
  distinct: DistinctCounter;
  occurrences: Occurrence[];
}

const NORMALIZERS: Record<NonNullable<ManagedIdentifier["normalize"]>, (raw: string) => string> = {
  digits: (raw) => raw.replace(/\D+/g, ""),
  "alnum-upper": (raw) => raw.replace(/[^\p{L}\p{N}]+/gu, "").toUpperCase(),
  trim: (raw) => raw.trim(),
  none: (raw) => raw,
};

function v8Matcher(regex: RegExp): Matcher {
  return (text, from) => {
    regex.lastIndex = from;
    const m = regex.exec(text);
    return m === null ? null : [m.index, m.index + m[0].length];
  };
}

function re2Matcher(regex: RE2): Matcher {
  return (text, from) => {
    regex.lastIndex = from;
    const m = regex.exec(text);
    return m === null ? null : [m.index, m.index + m[0].length];
  };
}

function severityByCount(table: ManagedIdentifier["severity"]): (count: number) => Severity {
  return (count) => table[count === 1 ? 0 : count < 100 ? 1 : 2];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function compileManaged(row: ManagedIdentifier, index: number, options: DetectorOptions): Rule {
  const field = `identifiers[${row.id}]`;
  let regex: RegExp;
  try {
    regex = new RegExp(row.pattern, row.caseInsensitive ? "gi" : "g");
  } catch (error) {
    throw new InvalidInputError(`${field}.pattern`, `does not compile: ${(error as Error).message}`);
  }
  let validator: Rule["validator"] = null;
  if (row.validator !== undefined) {
    const check = options.validators[row.validator];
    if (check === undefined) throw new InvalidInputError(`${field}.validator`, `names unknown validator "${row.validator}"`);
    validator = { name: row.validator, check };
  }
  let matcher: SpanMatcher | null = null;
  if (row.matcher !== undefined) {
    const found = (options.matchers ?? catalogMatchers)[row.matcher];
    if (found === undefined) throw new InvalidInputError(`${field}.matcher`, `names unknown matcher "${row.matcher}"`);
    matcher = found;
  }
  const normalize = NORMALIZERS[row.normalize ?? "none"];
  const keywords = row.keywords !== undefined && row.keywords.length > 0 ? new KeywordList(row.keywords) : null;
  return {
    index,
    type: row.id,
    category: row.category,
    pattern: row.id,
    find: v8Matcher(regex),
    prefilter: re2Superset(row.pattern, row.caseInsensitive === true),
    tail: Math.min(MATCH_TAIL, maxMatchLength(row.pattern)),
    anchor: requiredAnchor(row.pattern, row.caseInsensitive === true),
    keywords,
    keywordRequired: keywords !== null && row.keywordRequired,
    keywordAbsent: keywords !== null && row.keywordAbsent === true,
    matcher,
    direction: "either",
    maxDistance: row.maxDistance ?? DEFAULT_KEYWORD_DISTANCE,
    normalize,
    validator,
    excluded: new Set((row.excludedValues ?? []).map(normalize)),
    ignoreWords: [],
    severity: severityByCount(row.severity),
  };
}

function compileCustom(custom: CustomIdentifier, index: number): Rule {
  const keywords = custom.keywords.length > 0 ? new KeywordList(custom.keywords) : null;
  return {
    index,
    type: custom.id,
    category: "CUSTOM_IDENTIFIER",
    pattern: custom.id,
    find: re2Matcher(custom.regex),
    prefilter: `(?:${custom.source})`,
    tail: MATCH_TAIL,
    anchor: null,
    keywords,
    keywordRequired: keywords !== null,
    keywordAbsent: false,
    matcher: null,
    direction: "precede",
    maxDistance: custom.maximumMatchDistance,
    normalize: NORMALIZERS.none,
    validator: null,
    excluded: new Set(),
    ignoreWords: custom.ignoreWords,
    severity: (count) => customSeverity(custom.severityLevels, count),
  };
}

export function createDetector(options: DetectorOptions): Detector {
  const maxOccurrences = options.maxOccurrencesPerType ?? DEFAULT_MAX_OCCURRENCES;
  if (!Number.isInteger(maxOccurrences) || maxOccurrences < 0) {
    throw new InvalidInputError("maxOccurrencesPerType", "must be a non-negative integer");
  }
  if (options.fingerprintKey.length === 0) throw new InvalidInputError("fingerprintKey", "must not be empty");

  const rules: Rule[] = [];
  const seen = new Set<string>();
  const add = (rule: Rule): void => {
    if (seen.has(rule.type)) throw new InvalidInputError("identifiers", `id "${rule.type}" appears twice`);
    seen.add(rule.type);
    rules.push(rule);
  };
  options.identifiers.forEach((row) => add(compileManaged(row, rules.length, options)));
  (options.customIdentifiers ?? []).forEach((custom) => add(compileCustom(custom, rules.length)));

  // Rules that require a keyword are found through their keyword list; the others through their pattern prefix.
  const keywordLists: KeywordList[] = [];
  const listRules: Rule[][] = [];
  const listIndex = new Map<string, number>();
  const wordEntries = new Map<string, number>();
  const keywordWords: KeywordWord[] = [];
  const scanned: Rule[] = [];
  for (const rule of rules) {
    // A matcher row reads whole windows even when it requires a keyword: onMatch applies the keyword rule.
    if (!rule.keywordRequired || rule.matcher !== null) {
      scanned.push(rule);
      continue;
    }
    const words = rule.keywords!.prefilterSources;
    const key = words.join("\u0000");
    let list = listIndex.get(key);
    if (list === undefined) {
      list = keywordLists.length;
      listIndex.set(key, list);
      keywordLists.push(rule.keywords!);
      listRules.push([]);
      words.forEach((word, i) => {
        let entry = wordEntries.get(word);
        if (entry === undefined) {
          entry = keywordWords.length;
          wordEntries.set(word, entry);
          keywordWords.push({
            pattern: rule.keywords!.wordPatterns[i]!,
            sticky: rule.keywords!.wordStickies[i]!,
            literal: rule.keywords!.wordLiterals[i]!,
            maxLength: rule.keywords!.maxLength,
            lists: [],
          });
        }
        const lists = keywordWords[entry]!.lists;
        if (!lists.includes(list!)) lists.push(list!);
      });
    }
    listRules[list]!.push(rule);
  }
  const withPrefilter = scanned.filter((rule) => rule.prefilter !== null);
  const patternSets: PatternSet[] = [];
  for (let i = 0; i < withPrefilter.length; i += SET_SIZE) {
    const members = withPrefilter.slice(i, i + SET_SIZE);
    patternSets.push({ set: compileSet(members.map((rule) => rule.prefilter!)), rules: members });
  }

  const engine: Engine = {
    rules,
    scanned,
    unfiltered: scanned.filter((rule) => rule.prefilter === null),
    patternSets,
    keywordSet: compileSet([...wordEntries.keys()]),
    keywordWords,
    keywordLists,
    listRules,
    allowLists: options.allowLists ?? [],
    fingerprints: new Fingerprinter(options.fingerprintKey),
    maxOccurrences,
    contextCache: { size: 0, column: newContextNode(), path: newContextNode() },
  };
  return { newScan: () => new SegmentScan(engine) };
}

type RE2Set = InstanceType<typeof RE2.Set>;

interface PatternSet {
  /** Null when RE2 could not build it: its rules then run on every window. */
  set: RE2Set | null;
  /** Rule of each Set entry, by entry index. */
  rules: readonly Rule[];
}

/** A distinct keyword of the rules that require one, and the keyword lists that hold it. */
interface KeywordWord {
  pattern: RegExp;
  sticky: RegExp;
  literal: string;
  maxLength: number;
  lists: number[];
}

interface Engine {
  rules: readonly Rule[];
  /** Rules found through their pattern prefix (no keyword required, or a matcher row): they scan flagged windows. */
  scanned: readonly Rule[];
  /** Of those, the ones RE2 cannot prefilter: they scan every window. */
  unfiltered: readonly Rule[];
  patternSets: readonly PatternSet[];
  /** One entry per distinct keyword, in the order of `keywordWords`; null when RE2 could not build it. */
  keywordSet: RE2Set | null;
  keywordWords: readonly KeywordWord[];
  keywordLists: readonly KeywordList[];
  /** Rules that require a keyword, by keyword list. */
  listRules: readonly (readonly Rule[])[];
  allowLists: readonly AllowList[];
  fingerprints: Fingerprinter;
  maxOccurrences: number;
  contextCache: ContextCache;
}

/** Context keywords by column name (cells) and by path elements (records), as trees of elements. */
interface ContextCache {
  /** Nodes in both trees: the cache starts over past CONTEXT_CACHE_LIMIT. */
  size: number;
  column: ContextNode;
  path: ContextNode;
}

/** The context made of the elements on the way to this node; `hits` undefined until computed. */
interface ContextNode {
  hits: ContextKeywords | null | undefined;
  next: Map<string, ContextNode> | null;
}

function newContextNode(): ContextNode {
  return { hits: undefined, next: null };
}

/** The keywords one context supplies, per rule, and the rules it supplies one to. */
interface ContextKeywords {
  byRule: readonly (KeywordEvidence | null)[];
  rules: readonly number[];
}

class SegmentScan implements Scan {
  private pending: Segment[] = [];
  private pendingChars = 0;
  private readonly accumulators = new Map<string, Accumulator>();
  private readonly patternHit: Uint8Array;
  private readonly resume: Float64Array;
  private readonly found: number[] = [];
  /** Bytes the RE2.Sets read, reused from block to block and window to window instead of a new Buffer for each. */
  private blockBytes = Buffer.allocUnsafe(BATCH);
  /** Three UTF-8 bytes at most per UTF-16 code unit. */
  private readonly windowBytes = Buffer.allocUnsafe(3 * (WINDOW + OVERLAP));

  constructor(private readonly engine: Engine) {
    this.patternHit = new Uint8Array(engine.rules.length);
    this.resume = new Float64Array(engine.rules.length);
  }

  push(segment: Segment): void {
    if (segment.text.length === 0) return;
    if (segment.text.length >= SMALL_SEGMENT) {
      this.flush();
      this.scanBlock(this.block([segment]));
      return;
    }
    this.pending.push(segment);
    this.pendingChars += segment.text.length + 1;
    if (this.pendingChars >= BATCH) this.flush();
  }

  result(): Detection[] {
    this.flush();
    const detections: Detection[] = [];
    for (const acc of this.accumulators.values()) {
      const severity = acc.rule.severity(acc.count);
      if (severity === null) continue;
      detections.push({
        type: acc.rule.type,
        category: acc.rule.category,
        count: acc.count,
        distinctValues: acc.distinct.size,
        severity,
        occurrences: acc.occurrences.slice(),
      });
    }
    return detections.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const segments = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    this.scanBlock(this.block(segments));
  }

  private block(segments: Segment[]): Block {
    const starts: number[] = [];
    let offset = 0;
    for (const segment of segments) {
      starts.push(offset);
      offset += segment.text.length + 1;
    }
    const anyContext = new Uint8Array(this.engine.rules.length);
    const contextHits = segments.map((segment) => {
      const hits = this.contextHits(segment);
      if (hits === null) return null;
      for (const rule of hits.rules) anyContext[rule] = 1;
      return hits.byRule;
    });
    const text = segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join("\n");
    return { text, segments, starts, contextHits, anyContext, newlines: [] };
  }

  /**
   * Keywords supplied by a segment's context, cached per distinct context (columns repeat on every row) in a tree of
   * context elements: a lookup hashes each element (short strings, often the very same string object row after row)
   * instead of building and hashing a joined key per segment.
   */
  private contextHits(segment: Segment): ContextKeywords | null {
    const { context } = segment;
    if (context.length === 0) return null;
    const via = segment.location.kind === "cell" ? "column" : "path";
    const cache = this.engine.contextCache;
    if (cache.size >= CONTEXT_CACHE_LIMIT) {
      cache.size = 0;
      cache.column = newContextNode();
      cache.path = newContextNode();
    }
    let node = via === "column" ? cache.column : cache.path;
    for (const element of context) {
      let next = node.next?.get(element);
      if (next === undefined) {
        next = newContextNode();
        (node.next ??= new Map()).set(element, next);
        cache.size++;
      }
      node = next;
    }
    if (node.hits === undefined) {
      const byRule = this.engine.rules.map((rule) => {
        const word = rule.keywords?.inContext(context) ?? null;
        return word === null ? null : ({ word, distance: null, via } satisfies KeywordEvidence);
      });
      const rules = byRule.flatMap((hit, i) => (hit === null ? [] : [i]));
      node.hits = rules.length > 0 ? { byRule, rules } : null;
    }
    return node.hits;
  }

  private scanBlock(block: Block): void {
    const { text } = block;
    const { keywordLists, listRules } = this.engine;
    // Only pure ASCII has byte offsets equal to character offsets (and encodes fastest, as latin1); other text is
    // encoded window by window, once for both Sets (given a string, RE2 would encode it on every call).
    const ascii = Buffer.byteLength(text, "utf8") === text.length;
    let bytes: Buffer | null = null;
    if (ascii) {
      if (this.blockBytes.length < text.length) this.blockBytes = Buffer.allocUnsafe(Math.max(text.length, 2 * this.blockBytes.length));
      bytes = this.blockBytes.subarray(0, this.blockBytes.write(text, 0, "latin1"));
    }
    const keywordsAt: number[][] = keywordLists.map(() => []);
    this.resume.fill(0);
    for (let c0 = 0; c0 < text.length; c0 += WINDOW) {
      const c1 = Math.min(text.length, c0 + WINDOW);
      // RE2 looks a little past the window so that prefixes and keywords starting inside it are seen whole.
      const d1 = Math.min(text.length, c1 + OVERLAP);
      const window = bytes !== null ? bytes.subarray(c0, d1) : this.windowBytes.subarray(0, this.windowBytes.write(text.slice(c0, d1), 0, "utf8"));
      this.prefilter(window);
      for (const rule of this.engine.scanned) {
        if (this.patternHit[rule.index] === 0) continue;
        if (rule.matcher !== null) {
          this.runMatcher(block, rule, c0, c1);
          continue;
        }
        const from = Math.max(this.resume[rule.index]!, c0);
        if (from < c1) this.resume[rule.index] = this.run(block, rule, from, c1);
      }
      if (keywordLists.length > 0) this.findKeywords(block, window, c0, c1, keywordsAt);
    }
    listRules.forEach((rules, list) => {
      for (const rule of rules) this.runNearKeywords(block, rule, keywordsAt[list]!);
    });
  }

  /** Appends, per keyword list, the keywords starting in [c0, c1) that the prefilter says may occur there. */
  private findKeywords(block: Block, window: Buffer, c0: number, c1: number, keywordsAt: number[][]): void {
    const { keywordSet, keywordWords } = this.engine;
    const entries = (keywordSet === null ? null : matchSet(keywordSet, window)) ?? keywordWords.map((_, i) => i);
    if (entries.length === 0) return;
    const { text } = block;
    // Lower-cased once for all keywords of the window; unusable when lower-casing changes its length ("İ").
    const lowerFrom = Math.max(0, c0 - 1);
    const original = text.slice(lowerFrom, Math.min(text.length, c1 + MAX_KEYWORD));
    const lower = original.toLowerCase();
    const byLiteral = lower.length === original.length;
    for (const entry of entries) {
      const word = keywordWords[entry]!;
      const found = this.found;
      found.length = 0;
      if (byLiteral && word.literal.length > 0 && word.maxLength < MAX_KEYWORD) {
        findKeywordByLiteral(word.sticky, word.literal, text, lower, lowerFrom, c0, c1, found);
      } else {
        findKeyword(word.pattern, word.maxLength, text, c0, c1, found);
      }
      if (found.length > 0) for (const list of word.lists) keywordsAt[list]!.push(...found);
    }
  }

  /** Flags the rules whose pattern prefix occurs in the window. */
  private prefilter(window: Buffer): void {
    const { patternSets, unfiltered } = this.engine;
    this.patternHit.fill(0);
    for (const rule of unfiltered) this.patternHit[rule.index] = 1;
    for (const { set, rules } of patternSets) {
      const hits = set === null ? null : matchSet(set, window);
      if (hits === null) for (const rule of rules) this.patternHit[rule.index] = 1;
      else for (const entry of hits) this.patternHit[rules[entry]!.index] = 1;
    }
  }

  /**
   * A rule that requires a keyword, searched only where a match could satisfy it: the start positions within reach
   * of each keyword found in the text, and every position of segments whose column or path holds a keyword.
   */
  private runNearKeywords(block: Block, rule: Rule, keywords: readonly number[]): void {
    const ranges: number[] = [];
    const reach = rule.maxDistance;
    for (let i = 0; i < keywords.length; i += 2) {
      const ks = keywords[i]!;
      const ke = keywords[i + 1]!;
      const segment = this.segmentAt(block, ks);
      const segmentStart = block.starts[segment]!;
      const segmentEnd = segmentStart + block.segments[segment]!.text.length;
      const from = rule.direction === "precede" ? ke : ks - reach - rule.tail;
      ranges.push(Math.max(segmentStart, from), Math.min(segmentEnd, ke + reach + 1), segment);
    }
    if (block.anyContext[rule.index] === 1) {
      block.contextHits.forEach((hits, segment) => {
        if (hits?.[rule.index] == null) return;
        const start = block.starts[segment]!;
        ranges.push(start, start + block.segments[segment]!.text.length, segment);
      });
    }
    if (ranges.length === 0) return;
    const order = Array.from({ length: ranges.length / 3 }, (_, i) => i * 3).sort((a, b) => ranges[a]! - ranges[b]!);
    let resume = 0;
    for (const at of order) {
      const from = Math.max(ranges[at]!, resume);
      const to = ranges[at + 1]!;
      if (from < to) resume = this.runRange(block, rule, ranges[at + 2]!, from, to);
    }
  }

  /** Matches of `rule` starting in [from, to) of one segment; returns where the next search may start. */
  private runRange(block: Block, rule: Rule, segment: number, from: number, to: number): number {
    const { text } = block;
    const segmentStart = block.starts[segment]!;
    const own = block.segments[segment]!.text;
    const segmentEnd = segmentStart + own.length;
    const sliceStart = Math.max(segmentStart, from - LOOKBEHIND);
    const sliceEnd = Math.min(segmentEnd, to + rule.tail);
    const slice = text.slice(sliceStart, sliceEnd);
    let resume = from;
    for (let position = from - sliceStart; ; ) {
      const match = rule.find(slice, position);
      if (match === null) return Math.max(resume, to);
      let start = sliceStart + match[0];
      let end = sliceStart + match[1];
      if (start >= to) return Math.max(resume, to);
      if (end === sliceEnd && sliceEnd < segmentEnd) {
        // Cut short by the slice: take the match the whole segment gives at this position.
        const whole = rule.find(own, start - segmentStart);
        if (whole === null) return segmentEnd;
        start = segmentStart + whole[0];
        end = segmentStart + whole[1];
      }
      if (end > start) this.onMatch(block, rule, segment, start, end);
      resume = end > start ? end : start + 1;
      position = resume - sliceStart;
      if (resume >= to) return resume;
    }
  }

  /**
   * Runs one rule over matches starting in [from, until), reading only that range (plus lookbehind room before and
   * the longest match after), so a false alarm of the prefilter costs one window, not the rest of the block.
   * Returns where the next search may start.
   */
  private run(block: Block, rule: Rule, from: number, until: number): number {
    const { anchor } = rule;
    if (anchor === null) return this.runSlice(block, rule, from, until);
    const { text } = block;
    let position = from;
    const last = Math.min(text.length, until + anchor.maxBefore);
    for (let at = text.indexOf(anchor.literal, from); at !== -1 && at < last; at = text.indexOf(anchor.literal, at + 1)) {
      const start = Math.max(position, at - anchor.maxBefore);
      const end = Math.min(until, at + 1);
      if (start < end) position = Math.max(position, this.runSlice(block, rule, start, end));
    }
    return Math.max(position, until);
  }

  private runSlice(block: Block, rule: Rule, from: number, until: number): number {
    const { text, starts, segments } = block;
    const sliceStart = Math.max(0, from - LOOKBEHIND);
    const sliceEnd = Math.min(text.length, until + rule.tail);
    const slice = text.slice(sliceStart, sliceEnd);
    let position = from;
    while (position < until) {
      const match = rule.find(slice, position - sliceStart);
      if (match === null) return until;
      let start = sliceStart + match[0];
      let end = sliceStart + match[1];
      if (start >= until) return start;
      if (end === sliceEnd && sliceEnd < text.length) {
        // Cut short by the slice: take the match the whole text gives from here.
        const whole = rule.find(text, start);
        if (whole === null) return text.length;
        [start, end] = whole;
      }
      const segment = this.segmentAt(block, start);
      const segmentStart = starts[segment]!;
      const segmentEnd = segmentStart + segments[segment]!.text.length;
      if (start >= segmentEnd) {
        // Began on a separator between two batched segments: not a match of either.
        position = start + 1;
      } else if (end > segmentEnd) {
        // Ran across a separator: rescan this segment alone, as if it had not been batched.
        this.rescanSegment(block, rule, segment, start);
        position = segmentEnd + 1;
      } else {
        if (end > start) this.onMatch(block, rule, segment, start, end);
        position = end > start ? end : start + 1;
      }
    }
    return position;
  }

  /**
   * A matcher row (NAME, ADDRESS) in a window its prefilter flagged: the matcher reads the window once (a call per
   * prefilter hit costs several times more), and keeps the spans that start inside it and stay in one segment.
   */
  private runMatcher(block: Block, rule: Rule, c0: number, c1: number): void {
    const { text, starts, segments } = block;
    const from = Math.max(0, c0 - MATCHER_BEFORE);
    const to = Math.min(text.length, c1 + MATCHER_AFTER);
    for (const span of rule.matcher!(text.slice(from, to))) {
      const start = from + span.start;
      const end = from + span.end;
      if (start < c0 || start >= c1 || end <= start) continue;
      const segment = this.segmentAt(block, start);
      if (end <= starts[segment]! + segments[segment]!.text.length) this.onMatch(block, rule, segment, start, end);
    }
  }

  private rescanSegment(block: Block, rule: Rule, segment: number, start: number): void {
    const own = block.segments[segment]!.text;
    const offset = block.starts[segment]!;
    for (let position = start - offset; position < own.length; ) {
      const match = rule.find(own, position);
      if (match === null) return;
      const [s, e] = match;
      if (e > s) this.onMatch(block, rule, segment, offset + s, offset + e);
      position = e > s ? e : s + 1;
    }
  }

  private segmentAt(block: Block, offset: number): number {
    const { starts } = block;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private onMatch(block: Block, rule: Rule, segment: number, start: number, end: number): void {
    const { text } = block;
    const segmentStart = block.starts[segment]!;
    const segmentEnd = segmentStart + block.segments[segment]!.text.length;
    // A match must not cut a longer run of digits: "123-45-6789" inside "9123-45-67890" is not an SSN.
    if (isDigit(text.charCodeAt(start)) && start > segmentStart && isDigit(text.charCodeAt(start - 1))) return;
    if (isDigit(text.charCodeAt(end - 1)) && end < segmentEnd && isDigit(text.charCodeAt(end))) return;

    const raw = text.slice(start, end);
    for (const word of rule.ignoreWords) if (raw.includes(word)) return;
    const normalized = rule.normalize(raw);
    if (normalized.length === 0) return;
    if (rule.validator !== null && !rule.validator.check(normalized)) return;
    if (rule.excluded.has(normalized)) return;

    let keyword: KeywordEvidence | null = null;
    if (rule.keywords !== null) {
      const near = rule.keywords.nearestInText(text, segmentStart, segmentEnd, start, end, rule.maxDistance, rule.direction);
      keyword = near !== null ? { word: near.word, distance: near.distance, via: "text" } : (block.contextHits[segment]?.[rule.index] ?? null);
      if (keyword === null ? rule.keywordRequired : rule.keywordAbsent) return;
    }
    for (const list of this.engine.allowLists) if (list.allows(raw) || list.allows(normalized)) return;

    let acc = this.accumulators.get(rule.type);
    if (acc === undefined) {
      acc = { rule, count: 0, distinct: new DistinctCounter(), occurrences: [] };
      this.accumulators.set(rule.type, acc);
    }
    acc.count++;
    acc.distinct.add(distinctKey(normalized));
    if (acc.occurrences.length >= this.engine.maxOccurrences) return;
    const fingerprint = this.engine.fingerprints.of(rule.type, normalized);

    const source = block.segments[segment]!;
    let newlines: NewlineIndex | null = null;
    if (source.location.kind === "text" && source.text.length >= SMALL_SEGMENT) {
      newlines = block.newlines[segment] ??= new NewlineIndex(text, segmentStart, segmentEnd);
    }
    const evidence: Evidence = { pattern: rule.pattern, validator: rule.validator?.name ?? null, keyword };
    acc.occurrences.push({
      ...occurrenceLocation(source, text, segmentStart, start, end, newlines),
      ...(source.member !== undefined ? { member: source.member } : {}),
      evidence,
      fingerprint,
    });
  }
}
