/**
 * NAME: a full name in Latin script, found as a dictionary given name, an optional middle name or initial, and a
 * capitalised surname. Dictionaries know names, not language, so the rules below keep common capitalised words of
 * business text ("Bank", "Street", "Payment") from pairing with a given name that is also a word ("Mark", "May").
 */
import { nameDictionaries } from "./name-dictionaries.js";
import { MULTILINGUAL_HONORIFICS, PLACE_NAME_OPENERS } from "./names-multilingual.js";
import type { Span } from "./span.js";

/**
 * A capitalised word in any Latin letters: "Smith", "O'Brien", "McDonald", "Jean-Luc", "Zoë", "Łukasz", "Nguyễn",
 * "Al-Farsi". Marks are allowed after lower-case letters so that decomposed (NFD) text reads as the same word.
 */
const WORD = /\p{Lu}[\p{Ll}\p{M}]{0,2}(?:['\u2019-]?\p{Lu})?[\p{Ll}\p{M}]{1,30}(?:-\p{Lu}[\p{Ll}\p{M}]{1,30})?|[A-Z]\./gu;

/** Technical vocabulary that the surname list contains ("Max Heap", "Row Height", "Grant Access"). */
const TECHNICAL_WORDS = [
  "Access", "Build", "Count", "Debug", "Default", "Demo", "Example", "Heap", "Height", "Index", "Length", "Level",
  "List", "Map", "Mode", "Node", "Power", "Queue", "Range", "Sample", "Score", "Size", "Speed", "Stack", "Test",
  "Tree", "Value", "Width",
];

/** Capitalised words that are in the surname list but in text are far more often something else. */
const NOT_SURNAMES = new Set([
  "Account", "Admin", "Address", "Amount", "Avenue", "Bank", "Blvd", "Boulevard", "Card", "City", "Cloud", "Code",
  "Company", "Corp", "Corporation", "County", "Credit", "Customer", "Data", "Date", "Day", "Dear", "Department",
  "Director", "Drive", "Email", "Error", "File", "Group", "Inc", "Invoice", "Key", "Limited", "Ltd", "Manager",
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Name", "Note", "Number", "Order",
  "Page", "Payment", "Phone", "Please", "Price", "Regards", "Report", "Road", "Secret", "Section", "Server",
  "Service", "Services", "State", "Street", "Summary", "Support", "System", "Table", "Team", "Thanks", "Time",
  "Total", "University", "User", "Warning", "Year", "Month", "Week", "Street", "Square", "Court", "Plaza", "Center",
  "Centre", "Hospital", "School", "College", "Church", "Hotel", "Airport", "Station", "Bridge", "Park", "Lake",
  "River", "Mountain", "Valley", "Island", "Beach", "North", "South", "East", "West", "New", "Old", "January",
  "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
  "Holdings", "Partners", "Capital", "Foundation", "Institute", "Association", "Society", "Club", "Union", "Trust",
  "Fund", "Insurance", "Health", "Medical", "Clinic", "Pharmacy", "Labs", "Technologies", "Software", "Solutions",
  "Systems", "Network", "Networks", "Media", "News", "Times", "Post", "Journal", "Review", "Press", "Books", "Store",
  "Shop", "Market", "Mall", "Street", "Lane", "Way", "Place", "Terrace", "Close", "Crescent", "Gardens", "Grove",
  "Highway", "Parkway", "Hall", "Tower", "Building", "Floor", "Suite", "Room", "Unit", "Block", "Version", "Release",
  "Update", "Policy", "Bucket", "Object", "Region", "Zone", "Cluster", "Instance", "Role", "Project", "Product",
  ...TECHNICAL_WORDS,
]);

/**
 * Given names in the dictionaries that, capitalised at the start of a sentence or heading, are far more often an
 * English word or a place ("See", "Row", "Park", "Dallas"): checked against the 3,000 most frequent English words.
 */
const NOT_FIRST_NAMES = new Set([
  "Ad", "Any", "Art", "Asia", "Atlanta", "Ave", "Bank", "Bar", "Base", "Bay", "Bear", "Bird", "Boy", "Brand", "Car",
  "Care", "Carry", "Cart", "Case", "Cash", "Chance", "Con", "Court", "Cross", "Dallas", "De", "Del", "Des", "Dev",
  "Di", "Dot", "Early", "Else", "Em", "Even", "Fair", "Fan", "Far", "Fax", "Fee", "Field", "Fields", "Florida",
  "Ford", "Forest", "Free", "Had", "Hall", "Happy", "Hi", "Hill", "Job", "King", "Land", "Law", "Les", "Link", "Mac",
  "Major", "Man", "Mar", "Miller", "Min", "Minor", "My", "North", "Palm", "Park", "Pet", "Port", "Price", "Read",
  "Red", "Rich", "Ring", "Rock", "Row", "Royal", "Saw", "Say", "See", "Skip", "Sky", "Smith", "Son", "Star", "Town",
  "Trip", "Tuesday", "Urban", "Wait", "Way", "Web", "West", "Win", "Wood", "Worth", "York",
  ...PLACE_NAME_OPENERS,
]);

/** Words after a name that make the pair part of an organisation or place name ("Morgan Stanley Bank"). */
const ORGANISATION_OR_PLACE = new Set([
  "Inc", "Inc.", "LLC", "Ltd", "Ltd.", "Limited", "Corp", "Corp.", "Corporation", "Company", "Co", "Co.", "Group",
  "Bank", "University", "College", "School", "Hospital", "Foundation", "Institute", "Partners", "Capital",
  "Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Rd.", "Boulevard", "Blvd", "Lane", "Drive", "Way",
  "Square", "Park", "Center", "Centre", "Airport", "Station", "Bridge", "County", "City", "Hall", "Building",
]);

/** Words that open place names ("San", "Monte", "Porto"): a given name after one is a place even at a sentence start. */
const PLACE_OPENERS: ReadonlySet<string> = new Set(PLACE_NAME_OPENERS);

/**
 * Brands named after their founders, written as a given name and a surname: in data they are far more often the
 * car, the shop or the label than the person.
 */
const EPONYMOUS_BRANDS = new Set([
  "Alfa Romeo", "Aston Martin", "Calvin Klein", "Christian Dior", "Estée Lauder", "Giorgio Armani", "Harley Davidson",
  "Hugo Boss", "Kate Spade", "Louis Vuitton", "Marc Jacobs", "Mercedes Benz", "Michael Kors", "Ralph Lauren",
  "Rolls Royce", "Tommy Hilfiger", "Tory Burch", "Vera Wang",
]);

/** Forms of address before a name, as WORD tokenises them (up to a dot: "Sr." and "Dott.ssa" are "Sr" and "Dott"). */
const HONORIFICS = new Set([
  "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Dear", "Hi", "Hello", "Attn",
  ...MULTILINGUAL_HONORIFICS.map((word) => word.split(".")[0]!),
]);

/** Whether the word at `start` opens a sentence, a line or the text. */
function sentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start).trimEnd();
  return before.length === 0 || /[.!?:;\n"(]$/.test(before) || /\n\s*$/.test(text.slice(Math.max(0, start - 3), start));
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function isInitial(token: Token): boolean {
  return token.text.length === 2 && token.text.endsWith(".");
}

/** Only a space (or a single line-internal space run) may separate the parts of one name. */
function adjacent(text: string, left: Token, right: Token): boolean {
  const gap = text.slice(left.end, right.start);
  return gap === " " || gap === "  ";
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * The dictionaries spell names without diacritics: "Zoë Müller" is looked up as "Zoe Muller". Null for an ASCII
 * word, which has nothing to fold (most words: normalising each would cost more than the lookups).
 */
function fold(word: string): string | null {
  return NON_ASCII.test(word) ? word.normalize("NFD").replace(/\p{M}+/gu, "") : null;
}

function inDictionary(dictionary: ReadonlySet<string>, word: string): boolean {
  if (dictionary.has(word)) return true;
  const folded = fold(word);
  return folded !== null && dictionary.has(folded);
}

/**
 * Where a name can start: a capitalised token (any WORD token in Latin letters, the only script the dictionaries
 * hold, fits the class run, at most 67 characters) followed by one or two spaces and a capital. Pairs of capitalised
 * words are rare in running text, so tokenising only around them reads a small part of the text; the scan resumes on
 * the second capital so that "Ask Paul Smith" yields "Paul".
 */
const PAIR = /[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u0300-\u036F\u1E00-\u1EFF'\u2019-]{1,70} {1,2}[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF]/g;
/** Text tokenised before a pair (the run of capitalised words before a name) and after it (middle name, surname, next word). */
const PAIR_BEFORE = 80;
const PAIR_AFTER = 400;

/**
 * Full names in `text`. Every name's first token starts within a PAIR match (at its start, or inside its first run
 * when WORD tokenises a run like "ABCDef" from a later capital), so only the regions around pairs are tokenised.
 */
export function findNames(text: string): Span[] {
  const spans: Span[] = [];
  let regionFrom = -1;
  let regionTo = -1;
  let ownFrom = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    const from = Math.max(0, m.index - PAIR_BEFORE);
    const to = Math.min(text.length, m.index + m[0].length + PAIR_AFTER);
    PAIR.lastIndex = m.index + m[0].length - 1;
    if (from <= regionTo) {
      regionTo = to;
      continue;
    }
    if (regionTo >= 0) namesIn(text, regionFrom, regionTo, ownFrom, spans);
    regionFrom = from;
    regionTo = to;
    ownFrom = m.index;
  }
  if (regionTo >= 0) namesIn(text, regionFrom, regionTo, ownFrom, spans);
  return spans;
}

/** Names of text[from, to) starting at or after `own` (before it, the region is only context), appended to `spans`. */
function namesIn(text: string, from: number, to: number, own: number, spans: Span[]): void {
  const region = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const span of namesOf(region)) {
    if (from + span.start >= own) spans.push({ start: from + span.start, end: from + span.end });
  }
}

function namesOf(text: string): Span[] {
  const dictionaries = nameDictionaries();
  const firstNames = { has: (word: string): boolean => inDictionary(dictionaries.firstNames, word) };
  const surnames = { has: (word: string): boolean => inDictionary(dictionaries.surnames, word) };
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const isSurname = (token: Token): boolean =>
    !isInitial(token) && !NOT_SURNAMES.has(token.text) && (surnames.has(token.text) || /^(?:Mc|Mac|O')[A-Z]/.test(token.text));

  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (isInitial(first) || !firstNames.has(first.text) || NOT_FIRST_NAMES.has(first.text) || NOT_SURNAMES.has(first.text)) continue;
    // A name inside a longer run of capitalised words is part of a title or an organisation, not a person.
    // A sentence's first word ("Ask Olivia Wilson") and honorifics do not make such a run; a place-name opener does,
    // first in its sentence too ("Monte Carlo Rally").
    if (i > 0 && adjacent(text, tokens[i - 1], first) && !isInitial(tokens[i - 1]) && !HONORIFICS.has(tokens[i - 1].text)) {
      if (!sentenceStart(text, tokens[i - 1].start) || PLACE_OPENERS.has(tokens[i - 1].text)) continue;
    }
    let j = i + 1;
    // An optional middle initial or middle name.
    if (j < tokens.length && adjacent(text, tokens[j - 1], tokens[j]) && (isInitial(tokens[j]) || firstNames.has(tokens[j].text)) && j + 1 < tokens.length && adjacent(text, tokens[j], tokens[j + 1]) && isSurname(tokens[j + 1])) {
      j++;
    }
    if (j >= tokens.length || !adjacent(text, tokens[j - 1], tokens[j]) || !isSurname(tokens[j])) continue;
    const next = tokens[j + 1];
    if (next !== undefined && adjacent(text, tokens[j], next) && (ORGANISATION_OR_PLACE.has(next.text) || /^\p{Lu}/u.test(next.text) && !isInitial(next) && !firstNames.has(next.text))) continue;
    if (j === i + 1 && EPONYMOUS_BRANDS.has(`${first.text} ${tokens[j].text}`)) continue;
    spans.push({ start: first.start, end: tokens[j].end });
    i = j;
  }
  return spans;
}
