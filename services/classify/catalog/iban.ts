/**
 * IBAN, one identifier per IBAN country (ISO 13616): `<COUNTRY>_IBAN`. Each pattern starts with the literal country
 * code, so the prefilter separates countries cheaply; `mod97` checks the country's length and MOD 97-10. Printed
 * IBANs group characters by four with single spaces; both forms match.
 */
import type { ManagedIdentifier } from "../detect/identifier.js";
import { IBAN_LENGTHS } from "../validators/iban-registry.js";
import { ALWAYS_HIGH } from "./severity.js";

/** Identifier name per IBAN country code, in Macie's upper snake case country style. */
export const IBAN_COUNTRIES: Readonly<Record<string, string>> = {
  AD: "ANDORRA", AE: "UAE", AL: "ALBANIA", AT: "AUSTRIA", AZ: "AZERBAIJAN", BA: "BOSNIA_AND_HERZEGOVINA",
  BE: "BELGIUM", BG: "BULGARIA", BH: "BAHRAIN", BI: "BURUNDI", BR: "BRAZIL", BY: "BELARUS", CH: "SWITZERLAND",
  CR: "COSTA_RICA", CY: "CYPRUS", CZ: "CZECHIA", DE: "GERMANY", DJ: "DJIBOUTI", DK: "DENMARK",
  DO: "DOMINICAN_REPUBLIC", EE: "ESTONIA", EG: "EGYPT", ES: "SPAIN", FI: "FINLAND", FK: "FALKLAND_ISLANDS",
  FO: "FAROE_ISLANDS", FR: "FRANCE", GB: "UK", GE: "GEORGIA", GI: "GIBRALTAR", GL: "GREENLAND", GR: "GREECE",
  GT: "GUATEMALA", HN: "HONDURAS", HR: "CROATIA", HU: "HUNGARY", IE: "IRELAND", IL: "ISRAEL", IQ: "IRAQ",
  IS: "ICELAND", IT: "ITALY", JO: "JORDAN", KW: "KUWAIT", KZ: "KAZAKHSTAN", LB: "LEBANON", LC: "SAINT_LUCIA",
  LI: "LIECHTENSTEIN", LT: "LITHUANIA", LU: "LUXEMBOURG", LV: "LATVIA", LY: "LIBYA", MC: "MONACO",
  MD: "MOLDOVA", ME: "MONTENEGRO", MK: "NORTH_MACEDONIA", MN: "MONGOLIA", MR: "MAURITANIA", MT: "MALTA",
  MU: "MAURITIUS", NI: "NICARAGUA", NL: "NETHERLANDS", NO: "NORWAY", OM: "OMAN", PK: "PAKISTAN", PL: "POLAND",
  PS: "PALESTINE", PT: "PORTUGAL", QA: "QATAR", RO: "ROMANIA", RS: "SERBIA", RU: "RUSSIA", SA: "SAUDI_ARABIA",
  SC: "SEYCHELLES", SD: "SUDAN", SE: "SWEDEN", SI: "SLOVENIA", SK: "SLOVAKIA", SM: "SAN_MARINO",
  SO: "SOMALIA", ST: "SAO_TOME_AND_PRINCIPE", SV: "EL_SALVADOR", TL: "TIMOR_LESTE", TN: "TUNISIA", TR: "TURKEY",
  UA: "UKRAINE", VA: "VATICAN_CITY", VG: "BRITISH_VIRGIN_ISLANDS", XK: "KOSOVO", YE: "YEMEN",
};

function ibanRow(code: string, length: number): ManagedIdentifier {
  const country = IBAN_COUNTRIES[code];
  return {
    id: `${country}_IBAN`,
    category: "FINANCIAL",
    description: `International Bank Account Number of ${country.replace(/_/g, " ").toLowerCase()} (${code}, ${length} characters, ISO 7064 MOD 97-10).`,
    pattern: `\\b${code}\\d{2}(?: ?[0-9A-Z]){${length - 4}}\\b`,
    keywords: ["iban", "international bank account number", "bank account", "account number"],
    keywordRequired: false,
    validator: "mod97",
    normalize: "alnum-upper",
    severity: ALWAYS_HIGH,
  };
}

export const iban: readonly ManagedIdentifier[] = Object.entries(IBAN_LENGTHS)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([code, length]) => ibanRow(code, length));
