/**
 * ADDRESS: a postal address with a street, a city and a postal code, as Macie requires. Three layouts cover most
 * Latin-script addresses:
 *   number first, English suffix   "1600 Pennsylvania Avenue NW, Washington, DC 20500", "221B Baker Street, London NW1 6XE"
 *   number first, Romance prefix   "12 rue de la Paix, 75002 Paris", "Calle Mayor 5, 28013 Madrid" (see below)
 *   street then number             "Hauptstraße 5, 10115 Berlin", "Via Roma 10, 00184 Roma", "Calle Mayor 5, 28013 Madrid"
 * Every quantifier is bounded and the parts are separated by literals, so each pattern runs in linear time.
 */
import type { Span } from "./span.js";

const UPPER = "A-Z\\u00C0-\\u00DE";
const LOWER = "a-z\\u00DF-\\u00FF";
/** A capitalised word ("O'Neil", "St."); it ends on a letter or a dot, not on a closing quote. */
const CAP_WORD = `[${UPPER}][${LOWER}'\\u2019.-]{0,23}[${LOWER}.]`;
const STREET_SUFFIX =
  "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Way|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Crescent|Close|Gardens|Grove|Row|Trail|Alley|Plaza|Walk|Hill|Mews|Broadway)\\.?";
const DIRECTION = "(?: (?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?)?";
const UNIT = "(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|#)\\.? ?#?[0-9A-Za-z-]{1,6})?";
const CITY = `${CAP_WORD}(?: ${CAP_WORD}){0,3}`;
const US_STATE = "(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])";
const US_ZIP = "\\d{5}(?:-\\d{4})?";
const UK_POSTCODE = "[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}";
const CA_POSTCODE = "[ABCEGHJ-NPRSTVXY]\\d[A-Z] ?\\d[A-Z]\\d";

/** "1600 Pennsylvania Avenue NW, Washington, DC 20500" / "221B Baker Street, London NW1 6XE" / "... Toronto, ON M5V 3L9". */
const ENGLISH = new RegExp(
  `\\b\\d{1,6}[A-Za-z]? (?:${CAP_WORD} ){1,4}${STREET_SUFFIX}${DIRECTION}${UNIT},? ${CITY},? (?:${US_STATE},? ${US_ZIP}|(?:[A-Z]{2} )?${CA_POSTCODE}|${UK_POSTCODE}|${US_ZIP})\\b`,
  "gu",
);

/** "12 rue de la Paix, 75002 Paris", "5 avenue des Champs-Élysées, 75008 Paris". */
const FRENCH = new RegExp(
  `\\b\\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square) (?:(?:de|du|des|la|le|l'|d')[ ']?){0,2}${CAP_WORD}(?: ${CAP_WORD}){0,3},? \\d{5} ${CITY}`,
  "giu",
);

/** "Hauptstraße 5, 10115 Berlin", "Via Roma 10, 00184 Roma", "Calle Mayor 5, 28013 Madrid", "Kalverstraat 92, 1012 PH Amsterdam". */
const STREET_FIRST = new RegExp(
  `(?:\\b(?:Via|Viale|Piazza|Corso|Calle|Avenida|Plaza|Paseo|Rua|Carrer) (?:(?:de|del|della|dei|da|do|la) ){0,2}${CAP_WORD}(?: ${CAP_WORD}){0,2}|\\b[${UPPER}][${LOWER}-]{2,30}(?:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|laan|straat|gracht|plein|kade|vej|gatan|gata|veien))\\.? \\d{1,4}[a-z]?,? (?:\\d{5}|\\d{4} ?[A-Z]{2}|\\d{4}) ${CITY}`,
  "gu",
);

/**
 * Every layout contains one of these rare literals, so the layouts run only in a small region around each: an English
 * street suffix, a Romance street prefix, a Germanic or Nordic suffix before a house number, a French street word
 * after one (the Germanic suffix is found by the numbers after it, below). No search has a lookbehind, and V8 scans
 * each several times faster than the layouts themselves.
 */
const ROMANCE_PREFIX = "(?:Via|Viale|Piazza|Corso|Calle|Avenida|Plaza|Paseo|Rua|Carrer) ";
const GERMANIC_SUFFIX = "(?:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm|ufer|laan|straat|gracht|plein|kade|vej|gatan|gata|veien)\\.? \\d";
const FRENCH_WORDS = ["rue", "avenue", "boulevard", "bd", "place", "chemin", "allée", "impasse", "quai", "route", "cours", "square"];
const ANCHOR = new RegExp(`\\b${STREET_SUFFIX}\\b|\\b${ROMANCE_PREFIX}`, "g");
/**
 * The Germanic and Nordic layout found by what follows its street suffix: the suffix's last letter (or "str."'s dot),
 * a house number and a postal code of four digits or more. V8 scans the alternation of 19 lower-case suffixes at
 * about 190 MB/s (every letter may start one); this starts with a space and digits and runs about six times faster.
 */
const GERMANIC_ANCHOR = /[a-z\u00DF.] \d{1,4}[a-z]?,? \d{4}/g;
const FRENCH_ANCHOR = new RegExp(`\\d,? (?:${FRENCH_WORDS.join("|")}) `, "giu");

/**
 * The ADDRESS row's prefilter: the anchors as one source for the engine's RE2.Set, which reads every window anyway,
 * so that this matcher runs only in windows holding an anchor. French street words in lower case or capitalised (V8,
 * which also compiles row patterns, has no inline case-insensitive group); all-capitals French addresses are then
 * found only in windows some other anchor flags.
 */
export const ADDRESS_PREFILTER = `\\b${STREET_SUFFIX}\\b|\\b${ROMANCE_PREFIX}|${GERMANIC_SUFFIX}|\\d,? (?:${FRENCH_WORDS.map(
  (word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`,
).join("|")}) `;
/** How far a match may start before its anchor (house number and four street words) and end after it (unit, city, postal code). */
const BEFORE_ANCHOR = 128;
const AFTER_ANCHOR = 320;

/** Merged [start, end) regions of `text` within reach of an anchor. */
function anchorRegions(text: string): number[] {
  const anchors: number[] = [];
  for (const anchor of [ANCHOR, GERMANIC_ANCHOR, FRENCH_ANCHOR]) {
    anchor.lastIndex = 0;
    for (let m = anchor.exec(text); m !== null; m = anchor.exec(text)) anchors.push(m.index);
  }
  anchors.sort((a, b) => a - b);
  const regions: number[] = [];
  for (const at of anchors) {
    const start = Math.max(0, at - BEFORE_ANCHOR);
    const end = Math.min(text.length, at + AFTER_ANCHOR);
    if (regions.length > 0 && start <= regions[regions.length - 1]!) regions[regions.length - 1] = end;
    else regions.push(start, end);
  }
  return regions;
}

export function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  const regions = anchorRegions(text);
  for (let r = 0; r < regions.length; r += 2) {
    const start = regions[r]!;
    const end = regions[r + 1]!;
    // One character before the region so that \b sees the real neighbour of the region's first character.
    const offset = Math.max(0, start - 1);
    const region = text.slice(offset, end);
    for (const pattern of [ENGLISH, FRENCH, STREET_FIRST]) {
      pattern.lastIndex = start - offset;
      for (let m = pattern.exec(region); m !== null; m = pattern.exec(region)) {
        let span = { start: offset + m.index, end: offset + m.index + m[0].length };
        if (span.end === end && end < text.length) {
          // Cut short by the region: take the match the whole text gives here.
          pattern.lastIndex = span.start;
          const whole = pattern.exec(text);
          if (whole !== null) span = { start: whole.index, end: whole.index + whole[0].length };
          pattern.lastIndex = span.end - offset;
        }
        spans.push(span);
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Layouts can overlap on one address; keep the first, longest span.
  const kept: Span[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (last === undefined || span.start >= last.end) kept.push(span);
  }
  return kept;
}
