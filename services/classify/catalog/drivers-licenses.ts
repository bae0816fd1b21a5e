/**
 * Driver's licence numbers of the countries and regions Macie covers beyond the US, Canada, France, Germany, Italy,
 * Spain and the UK (those rows live in personal.ts). Most European licence numbers are bare digit runs with no check
 * digit, so every row requires a keyword, as Macie's do. Keywords are the licence's name in the country's own
 * languages plus English phrases that name the country: a bare "driving licence" says nothing about which of eight
 * countries' 8-digit formats is meant, so it stays with the US, UK and Canadian rows. Where the licence carries the
 * holder's personal identity code (Finland, Sweden) the row checks that code's check character. Belgium and the
 * Netherlands both number licences with 10 digits: "rijbewijs" alone is Dutch, a Belgian licence needs "belgisch
 * rijbewijs" or the French "permis de conduire" (France's own licence has 12 digits, so the two never collide).
 *
 * Formats: each issuing authority's licence number as printed in field 5 of the EU model card (Directive
 * 2006/126/EC), as listed per country by data-loss-prevention references (Microsoft Purview's EU driver's licence
 * definitions); India's is the Motor Vehicles Act's state code, RTO code, year of issue and serial.
 */
import type { ManagedIdentifier } from "../detect/identifier.js";
import { LOW_MEDIUM_HIGH } from "./severity.js";

interface LicenceFormat {
  /** Regex source of the number, without surrounding word boundaries. */
  pattern: string;
  description: string;
  validator?: string;
  normalize?: ManagedIdentifier["normalize"];
}

function driversLicense(id: string, country: string, format: LicenceFormat, keywords: readonly string[]): ManagedIdentifier {
  return {
    id,
    category: "PERSONAL",
    description: `${country} driver's licence number (${format.description}) near a keyword.`,
    // Not cut out of a longer run joined by hyphens or slashes ("K8426-20293-81615" is one Ontario number).
    pattern: `(?<![-/])\\b(?:${format.pattern})\\b(?![-/]\\w)`,
    keywords,
    keywordRequired: true,
    validator: format.validator,
    normalize: format.normalize ?? "alnum-upper",
    severity: LOW_MEDIUM_HIGH,
  };
}

/** English phrases for "<country> driver's licence", in the spellings people type. */
function english(...adjectives: string[]): string[] {
  return adjectives.flatMap((a) => [`${a} driving licence`, `${a} driving license`, `${a} driver's licence`, `${a} driver's license`, `${a} drivers license`, `${a} licence number`]);
}

const digits = (n: number): LicenceFormat => ({ pattern: `\\d{${n}}`, description: `${n} digits` });

/**
 * Belgian and Dutch national phone numbers are 10 digits with the trunk prefix 0 ("Rijbewijs halen? Bel 0612345678"),
 * so a 10-digit run starting with 0 next to "rijbewijs" is read as a phone number: a licence number with a leading 0
 * would be missed, the price of not reporting every phone number on a driving school's page.
 */
const TEN_DIGITS_NOT_A_PHONE: LicenceFormat = { pattern: "[1-9]\\d{9}", description: "10 digits" };

export const driversLicenses: readonly ManagedIdentifier[] = [
  driversLicense("AUSTRALIA_DRIVERS_LICENSE", "Australia", {
    // States differ: NSW, VIC, QLD, WA, ACT and NT issue 6-10 digits; SA a letter and 6 digits; older NSW cards end
    // in two letters.
    pattern: "\\d{6,10}|[A-Z]\\d{6}|\\d{4}[A-Z]{2}",
    description: "6-10 digits, or letters and digits by state",
  }, ["driver licence", "driver's licence", "drivers licence", "driver licence number", ...english("australian", "nsw", "victorian", "queensland")]),
  driversLicense("AUSTRIA_DRIVERS_LICENSE", "Austria", digits(8), ["führerschein", "fuhrerschein", "fuehrerschein", "führerscheinnummer", "führerschein-nr", ...english("austrian", "austria")]),
  driversLicense("BELGIUM_DRIVERS_LICENSE", "Belgium", TEN_DIGITS_NOT_A_PHONE, ["permis de conduire belge", "permis de conduire", "belgisch rijbewijs", "rijbewijs belgië", "führerschein belgien", ...english("belgian", "belgium")]),
  driversLicense("BULGARIA_DRIVERS_LICENSE", "Bulgaria", digits(9), ["шофьорска книжка", "свидетелство за управление", "свидетелство за управление на мпс", "shofyorska knizhka", ...english("bulgarian", "bulgaria")]),
  driversLicense("CROATIA_DRIVERS_LICENSE", "Croatia", digits(8), ["vozačka dozvola", "vozacka dozvola", "vozačke dozvole", "broj vozačke", ...english("croatian", "croatia")]),
  driversLicense("CYPRUS_DRIVERS_LICENSE", "Cyprus", digits(12), ["άδεια οδήγησης", "αδεια οδηγησης", "άδειας οδήγησης", ...english("cypriot", "cyprus")]),
  driversLicense("CZECHIA_DRIVERS_LICENSE", "Czechia", { pattern: "[A-Z]{2} ?\\d{6}", description: "2 letters and 6 digits" }, ["řidičský průkaz", "ridicsky prukaz", "řidičského průkazu", "číslo řidičského průkazu", ...english("czech", "czechia")]),
  driversLicense("DENMARK_DRIVERS_LICENSE", "Denmark", digits(8), ["kørekort", "korekort", "kørekortnummer", "kørekortnr", ...english("danish", "denmark")]),
  driversLicense("ESTONIA_DRIVERS_LICENSE", "Estonia", { pattern: "[A-Z]{2}\\d{6}", description: "2 letters and 6 digits" }, ["juhiluba", "juhiloa", "juhiloa number", "juhtimisõigus", ...english("estonian", "estonia")]),
  driversLicense("FINLAND_DRIVERS_LICENSE", "Finland", {
    // The Finnish card's number field carries the holder's henkilötunnus, so its mod-31 check character applies.
    pattern: "\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]",
    description: "the holder's henkilötunnus, mod-31 check character",
    validator: "hetu",
    normalize: "trim",
  }, ["ajokortti", "ajokortin numero", "ajokortin", ...english("finnish", "finland")]),
  driversLicense("GREECE_DRIVERS_LICENSE", "Greece", digits(9), ["άδεια οδήγησης", "άδειας οδήγησης", "δίπλωμα οδήγησης", "διπλωμα οδηγησης", "adeia odigisis", ...english("greek", "greece")]),
  driversLicense("HUNGARY_DRIVERS_LICENSE", "Hungary", { pattern: "[A-Z]{2}\\d{6}", description: "2 letters and 6 digits" }, ["vezetői engedély", "vezetoi engedely", "jogosítvány", "jogositvany", "vezetői engedély száma", ...english("hungarian", "hungary")]),
  driversLicense("INDIA_DRIVERS_LICENSE", "India", {
    // State code, RTO code, year of first issue, 7-digit serial: "MH12 20110012345". The state code must be one the
    // Motor Vehicles Act assigns, which rules out most letter pairs that precede 13 digits by chance.
    pattern: "[A-Z]{2}[- ]?\\d{2}[- ]?(?:19|20)\\d{2}[- ]?\\d{7}",
    description: "state code, RTO code, year of issue and 7-digit serial",
    validator: "indiaDrivingLicence",
  }, ["driving licence", "driving license", "dl no", "dl number", "licence no", ...english("indian", "india")]),
  driversLicense("IRELAND_DRIVERS_LICENSE", "Ireland", { pattern: "\\d{6}[A-Z]{4}", description: "6 digits and 4 letters" }, ["ceadúnas tiomána", "ceadunas tiomana", ...english("irish", "ireland")]),
  driversLicense("LATVIA_DRIVERS_LICENSE", "Latvia", { pattern: "[A-Z]{3}\\d{6}", description: "3 letters and 6 digits" }, ["autovadītāja apliecība", "vadītāja apliecība", "autovaditaja aplieciba", "vadītāja apliecības", ...english("latvian", "latvia")]),
  driversLicense("LITHUANIA_DRIVERS_LICENSE", "Lithuania", digits(8), ["vairuotojo pažymėjimas", "vairuotojo pazymejimas", "vairuotojo pažymėjimo", ...english("lithuanian", "lithuania")]),
  driversLicense("LUXEMBOURG_DRIVERS_LICENSE", "Luxembourg", digits(6), ["permis de conduire luxembourgeois", "fahrerlaubnis", "führerschäin", "fuhrerschain", ...english("luxembourgish", "luxembourg")]),
  driversLicense("MALTA_DRIVERS_LICENSE", "Malta", {
    // A Maltese licence is numbered with the holder's identity card number: up to 7 digits and a letter.
    pattern: "\\d{3,7}[MGAPLHBZ]",
    description: "the holder's identity card number, up to 7 digits and a letter",
  }, ["liċenzja tas-sewqan", "licenzja tas-sewqan", "liċenzja tas-sewqan numru", ...english("maltese", "malta")]),
  driversLicense("NETHERLANDS_DRIVERS_LICENSE", "Netherlands", TEN_DIGITS_NOT_A_PHONE, ["rijbewijs", "rijbewijsnummer", "rijbewijs nummer", "rijbewijsnr", ...english("dutch", "netherlands")]),
  driversLicense("POLAND_DRIVERS_LICENSE", "Poland", { pattern: "\\d{5}/\\d{2}/\\d{4,7}", description: "5 digits / 2-digit year / serial" }, ["prawo jazdy", "prawa jazdy", "numer prawa jazdy", ...english("polish", "poland")]),
  driversLicense("PORTUGAL_DRIVERS_LICENSE", "Portugal", {
    // District letters (L Lisboa, P Porto, AV Aveiro...), a serial and a check digit: "L-1234567 8".
    pattern: "[A-Z]{1,2}-\\d{5,8} ?\\d",
    description: "district letters, serial and check digit",
  }, ["carta de condução", "carta de conducao", "carta de condução n.º", "número da carta de condução", ...english("portuguese", "portugal")]),
  driversLicense("ROMANIA_DRIVERS_LICENSE", "Romania", { pattern: "[A-Z]\\d{8}", description: "a letter and 8 digits" }, ["permis de conducere", "permisului de conducere", "permisul de conducere", ...english("romanian", "romania")]),
  driversLicense("SLOVAKIA_DRIVERS_LICENSE", "Slovakia", { pattern: "[A-Z]\\d{7}", description: "a letter and 7 digits" }, ["vodičský preukaz", "vodicsky preukaz", "vodičského preukazu", "číslo vodičského preukazu", ...english("slovak", "slovakia")]),
  driversLicense("SLOVENIA_DRIVERS_LICENSE", "Slovenia", digits(9), ["vozniško dovoljenje", "vozniska dovoljenje", "vozniškega dovoljenja", ...english("slovenian", "slovenia")]),
  driversLicense("SWEDEN_DRIVERS_LICENSE", "Sweden", {
    // The Swedish card's number is the holder's personnummer, with its Luhn check digit.
    pattern: "(?:\\d{2})?\\d{6}[-+]?\\d{4}",
    description: "the holder's personnummer, Luhn check digit",
    validator: "personnummer",
    normalize: "digits",
  }, ["körkort", "korkort", "körkortsnummer", "körkortsnr", ...english("swedish", "sweden")]),
];
