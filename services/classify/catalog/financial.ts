/**
 * FINANCIAL: payment cards, US/CA bank accounts and routing numbers, and the BBAN formats Macie covers. IBANs, one
 * identifier per country, are generated in iban.ts.
 */
import type { ManagedIdentifier } from "../detect/identifier.js";
import { ALWAYS_HIGH, LOW_MEDIUM_HIGH, MEDIUM_THEN_HIGH } from "./severity.js";
import { TEST_CARD_NUMBERS } from "./test-card-numbers.js";

/**
 * 13-19 digits contiguous or in the groups card schemes print: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. The
 * lookarounds keep a card from being cut out of a longer run of digit groups (a printed IBAN, a phone list).
 */
const CARD_NUMBER =
  "(?<!\\d[ -])\\b(?:\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,7}|\\d{4}[ -]\\d{6}[ -]\\d{4,5}|\\d{13,19})\\b(?![ -]\\d)";

const CARD_KEYWORDS = [
  "card number", "credit card", "debit card", "card no", "card #", "cc#", "ccn", "cc number", "cardnumber",
  "card num", "payment card", "visa", "mastercard", "master card", "amex", "american express", "discover",
  "jcb", "diners club", "unionpay", "maestro", "pan",
];

const BBAN_KEYWORDS = ["bban", "account number", "account no", "acct no", "bank account", "kontonummer", "numéro de compte", "numero di conto", "número de cuenta", "sort code"];

export const financial: readonly ManagedIdentifier[] = [
  {
    id: "CREDIT_CARD_NUMBER",
    category: "FINANCIAL",
    description: "Payment card number (13-19 digits, known issuer prefix, Luhn) near a card keyword.",
    pattern: CARD_NUMBER,
    keywords: CARD_KEYWORDS,
    keywordRequired: true,
    validator: "creditCard",
    normalize: "digits",
    excludedValues: TEST_CARD_NUMBERS,
    severity: ALWAYS_HIGH,
  },
  {
    id: "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
    category: "FINANCIAL",
    description: "Payment card number (13-19 digits, known issuer prefix, Luhn) with no card keyword nearby.",
    pattern: CARD_NUMBER,
    keywords: CARD_KEYWORDS,
    keywordRequired: false,
    keywordAbsent: true,
    validator: "creditCard",
    normalize: "digits",
    excludedValues: TEST_CARD_NUMBERS,
    severity: ALWAYS_HIGH,
  },
  {
    id: "CREDIT_CARD_EXPIRATION",
    category: "FINANCIAL",
    description: "Card expiration date MM/YY or MM/YYYY near an expiry keyword.",
    pattern: "(?<![\\d/.-])(?:0[1-9]|1[0-2])\\s?[/-]\\s?(?:20)?\\d{2}(?![\\d/.-])",
    keywords: ["exp", "expiry", "expiration", "expiration date", "exp date", "expires", "valid thru", "valid through", "good thru", "mm/yy", "exp.", "expdate"],
    keywordRequired: true,
    maxDistance: 20,
    normalize: "none",
    severity: LOW_MEDIUM_HIGH,
  },
  {
    id: "CREDIT_CARD_SECURITY_CODE",
    category: "FINANCIAL",
    description: "Card verification value (3 or 4 digits) right next to a CVV/CVC keyword.",
    pattern: "(?<![\\d/.:-])(?<!\\d[ -])\\d{3,4}(?![\\d/.:-])(?![ -]\\d)",
    keywords: ["cvv", "cvv2", "cvc", "cvc2", "cid", "csc", "security code", "card verification", "card verification value", "card security code", "verification code"],
    keywordRequired: true,
    maxDistance: 15,
    normalize: "digits",
    severity: MEDIUM_THEN_HIGH,
  },
  {
    id: "CREDIT_CARD_MAGNETIC_STRIPE",
    category: "FINANCIAL",
    description: "Track 1 or track 2 magnetic stripe data (ISO/IEC 7813) near a keyword.",
    pattern: "%B\\d{13,19}\\^[A-Za-z /.'-]{2,26}\\^\\d{7,60}|;\\d{13,19}=\\d{7,30}",
    keywords: ["track 1", "track 2", "track1", "track2", "track data", "magnetic stripe", "mag stripe", "magstripe", "swipe", "msr"],
    keywordRequired: true,
    normalize: "none",
    severity: ALWAYS_HIGH,
  },
  {
    id: "BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "US or Canada bank account number (9-17 digits) near a bank account keyword.",
    pattern: "\\b\\d{9,17}\\b",
    keywords: [
      "bank account", "bank acct", "checking account", "checking acct", "deposit account", "deposit acct",
      "savings account", "savings acct", "chequing account", "chequing acct", "account number", "acct number",
    ],
    keywordRequired: true,
    validator: "bankAccountNumber",
    normalize: "digits",
    severity: ALWAYS_HIGH,
  },
  {
    id: "USA_ABA_ROUTING_NUMBER",
    category: "FINANCIAL",
    description: "US ABA routing transit number (9 digits, Federal Reserve prefix, 3-7-1 checksum) near a keyword.",
    pattern: "\\b\\d{9}\\b",
    keywords: ["routing number", "routing no", "routing #", "routing", "aba", "aba number", "rtn", "transit number", "abartn"],
    keywordRequired: true,
    validator: "aba",
    normalize: "digits",
    severity: ALWAYS_HIGH,
  },
  {
    id: "FRANCE_BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "France BBAN/RIB: bank, branch, 11-character account and RIB key (mod 97), near a keyword.",
    pattern: "\\b\\d{5} ?\\d{5} ?[0-9A-Z]{11} ?\\d{2}\\b",
    keywords: [...BBAN_KEYWORDS, "rib", "relevé d'identité bancaire", "code banque", "code guichet", "compte bancaire"],
    keywordRequired: true,
    validator: "ribKey",
    normalize: "alnum-upper",
    severity: ALWAYS_HIGH,
  },
  {
    id: "GERMANY_BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "Germany BBAN: 8-digit Bankleitzahl and 10-digit account number, near a keyword.",
    pattern: "\\b\\d{8} ?\\d{10}\\b",
    keywords: [...BBAN_KEYWORDS, "blz", "bankleitzahl", "konto", "kontonr", "bankverbindung"],
    keywordRequired: true,
    normalize: "digits",
    excludedValues: ["000000000000000000"],
    severity: ALWAYS_HIGH,
  },
  {
    id: "ITALY_BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "Italy BBAN: CIN check letter, ABI, CAB and 12-character account, near a keyword.",
    pattern: "\\b[A-Z] ?\\d{5} ?\\d{5} ?[0-9A-Z]{12}\\b",
    keywords: [...BBAN_KEYWORDS, "conto corrente", "abi", "cab", "cin", "coordinate bancarie"],
    keywordRequired: true,
    validator: "italyCin",
    normalize: "alnum-upper",
    severity: ALWAYS_HIGH,
  },
  {
    id: "SPAIN_BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "Spain BBAN (Código Cuenta Cliente): bank, branch, two control digits and account, near a keyword.",
    pattern: "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{2}[ -]?\\d{10}\\b",
    keywords: [...BBAN_KEYWORDS, "ccc", "código cuenta cliente", "cuenta bancaria", "cuenta corriente"],
    keywordRequired: true,
    validator: "spainCcc",
    normalize: "digits",
    severity: ALWAYS_HIGH,
  },
  {
    id: "UK_BANK_ACCOUNT_NUMBER",
    category: "FINANCIAL",
    description: "UK BBAN: 4-letter bank code, 6-digit sort code and 8-digit account number, near a keyword.",
    pattern: "\\b[A-Z]{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{2}\\b",
    keywords: [...BBAN_KEYWORDS, "sort code", "account no", "bank details"],
    keywordRequired: true,
    normalize: "alnum-upper",
    severity: ALWAYS_HIGH,
  },
];
