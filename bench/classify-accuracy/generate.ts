/**
 * Writes the generated part of the evaluation set: for each identifier, values that pass its check embedded in the
 * contexts people write them in, and hard negatives (a check digit off by one, published test values, the right value
 * with no keyword or the wrong keyword). Deterministic: a fixed seed, so the data files only change when this does.
 *
 *   npx tsx bench/classify-accuracy/generate.ts
 *
 * Hand-written cases live beside the generated files in data/hand-written.jsonl.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { IBAN_COUNTRIES } from "../../services/classify/catalog/iban.js";
import { GIVEN_NAMES_BY_LANGUAGE, SURNAMES_BY_LANGUAGE, type NameLanguage } from "../../services/classify/catalog/matchers/names-multilingual.js";
import { managedIdentifier, managedIdentifiers } from "../../services/classify/catalog/index.js";
import { IBAN_LENGTHS } from "../../services/classify/validators/iban-registry.js";
import { mod97Remainder } from "../../services/classify/validators/mod97.js";
import { validators } from "../../services/classify/validators/index.js";
import type { EvalCase } from "./cases.js";
import { NORMALIZE } from "./evaluate.js";

let seed = 0x5eed1234;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const fromAlphabet = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join("");
const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz" + DIGITS;
const digits = (n: number): string => fromAlphabet(DIGITS, n);
const letters = (n: number): string => fromAlphabet(UPPER, n);

/** Draws from `make` until the normalised draw passes `validator`. */
function valid(validator: string, make: () => string, normalize: (raw: string) => string = (s) => s.replace(/[^0-9A-Za-z]/g, "").toUpperCase()): string {
  for (let i = 0; i < 100_000; i++) {
    const raw = make();
    if (validators[validator](normalize(raw))) return raw;
  }
  throw new Error(`no valid ${validator} drawn`);
}

/**
 * Changes one digit of a valid value (not its separators) so that the validator rejects it: a typo a check digit
 * catches. Null when a few tries find none (structure-only validators accept most digit changes).
 */
function tryNearMiss(validator: string, raw: string, normalize: (raw: string) => string = (s) => s.replace(/[^0-9A-Za-z]/g, "").toUpperCase()): string | null {
  const positions = [...raw].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  for (let i = 0; i < 40; i++) {
    const at = pick(positions);
    const next = raw.slice(0, at) + String((Number(raw[at]) + 1 + int(9)) % 10) + raw.slice(at + 1);
    if (!validators[validator](normalize(next))) return next;
  }
  return null;
}

function nearMiss(validator: string, raw: string, normalize?: (raw: string) => string): string {
  const typo = tryNearMiss(validator, raw, normalize);
  if (typo === null) throw new Error(`no near miss for ${validator} ${raw}`);
  return typo;
}

const cases: Record<string, EvalCase[]> = { credentials: [], financial: [], iban: [], personal: [], health: [], "realistic-negatives": [] };

/** Adds positives (each template with a fresh value) and negatives (texts that must yield nothing). */
function add(
  file: keyof typeof cases,
  id: string,
  value: () => string,
  positives: readonly string[],
  negatives: readonly string[],
  also: (v: string) => { id: string; value: string }[] = () => [],
): void {
  // Each template three times with fresh values, so that every identifier has a handful of positives.
  for (const template of positives) {
    for (let copy = 0; copy < 3; copy++) {
      const v = value();
      cases[file].push({ for: id, kind: "positive", text: template.replaceAll("{v}", v), expect: [{ id, value: v }, ...also(v)] });
    }
  }
  for (const text of negatives) cases[file].push({ for: id, kind: "negative", text, expect: [] });
}

/** A column-context positive: the value alone in a cell whose column name carries the keyword. */
function cell(file: keyof typeof cases, id: string, column: string, v: string): void {
  cases[file].push({ for: id, kind: "positive", text: v, context: [column], expect: [{ id, value: v }] });
}

const b64 = (n: number): string => fromAlphabet(ALNUM + "+/", n);
const b64url = (s: string): string => Buffer.from(s).toString("base64url");
const hex = (n: number): string => fromAlphabet("0123456789abcdef", n);

// ---------------------------------------------------------------- credentials
const awsSecret = (): string => valid("awsSecretAccessKey", () => b64(40), (s) => s);
add("credentials", "AWS_CREDENTIALS", awsSecret, [
  "aws_secret_access_key = {v}",
  "export AWS_SECRET_ACCESS_KEY={v}",
  '{"AccessKeyId": "ASIAJEXAMPLEXEG2JICEA", "SecretAccessKey": "{v}"}',
  "[default]\naws_secret_access_key={v}\nregion=us-east-1",
], [
  "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  `secret_key = ${hex(40)}`,
  `build checksum ${awsSecret()} recorded`,
  `aws_secret_access_key = ${b64(39)}`,
]);
cell("credentials", "AWS_CREDENTIALS", "aws_secret_access_key", awsSecret());
const accessKeyId = (): string => pick(["AKIA", "ASIA"]) + fromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
add("credentials", "AWS_ACCESS_KEY_ID", accessKeyId, ["aws_access_key_id = {v}", "Using credentials {v} for the sync job", "AccessKeyId: {v}"], [
  "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
  `aws_access_key_id = AKIA${fromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 12)}`,
  "the AKIA prefix marks long-term keys",
]);
const gcpKey = (): string => "AIza" + fromAlphabet(ALNUM + "-_", 35);
add("credentials", "GCP_API_KEY", gcpKey, ["GOOGLE_API_KEY={v}", "https://maps.googleapis.com/maps/api/geocode/json?address=x&key={v}", "apiKey: '{v}'"], [
  `api_key = AIza${fromAlphabet(ALNUM, 20)}`,
  "keys start with AIza followed by 35 characters",
]);
add("credentials", "GCP_SERVICE_ACCOUNT_KEY", () => hex(40), ['{"type": "service_account", "project_id": "demo", "private_key_id": "{v}",', '"private_key_id":"{v}"'], [
  '"private_key_id": "REPLACE_ME"',
  `"client_id": "${hex(40)}"`,
]);
// The case's value is the whole field, as the pattern reports it.
for (const c of cases.credentials.filter((c) => c.for === "GCP_SERVICE_ACCOUNT_KEY" && c.kind === "positive")) {
  c.expect = [{ id: "GCP_SERVICE_ACCOUNT_KEY", value: /"private_key_id"\s*:\s*"[0-9a-f]{40}"/.exec(c.text)![0] }];
}
const basic = (): string => `Authorization: Basic ${Buffer.from(`${pick(["admin", "svc-backup", "jdoe", "reporting"])}:${fromAlphabet(ALNUM, 12)}`).toString("base64")}`;
add("credentials", "HTTP_BASIC_AUTH_HEADER", basic, ["GET /api/v1/export HTTP/1.1\nHost: internal\n{v}\n", "curl -H '{v}' https://internal/api", "{v}"], [
  "Authorization: Basic <base64-encoded-credentials>",
  `Authorization: Basic ${Buffer.from("justausername").toString("base64")}`,
  "Authorization: Bearer abc.def.ghi",
]);
const jwt = (): string => `${b64url(JSON.stringify({ alg: pick(["HS256", "RS256", "ES256"]), typ: "JWT" }))}.${b64url(JSON.stringify({ sub: digits(8), iat: 1700000000 + int(1e7) }))}.${fromAlphabet(ALNUM + "-_", 43)}`;
add("credentials", "JSON_WEB_TOKEN", jwt, ["Authorization: Bearer {v}", "token={v}&next=/home", '{"id_token": "{v}"}'], [
  "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  `token=${b64url(JSON.stringify({ typ: "JWT" }))}.${b64url(JSON.stringify({ sub: "1" }))}.${fromAlphabet(ALNUM, 20)}`,
  "A JWT looks like eyJhbGciOi...",
]);
const pem = (id: string, label: string): void =>
  add("credentials", id, () => `-----BEGIN ${label}-----`, ["{v}\nMIIEpAIBAAKCAQEA" + b64(48) + "\n", "key: |\n  {v}\n  " + b64(64)], []);
pem("OPENSSH_PRIVATE_KEY", "OPENSSH PRIVATE KEY");
pem("PGP_PRIVATE_KEY", "PGP PRIVATE KEY BLOCK");
pem("PKCS", "PRIVATE KEY");
pem("ENCRYPTED_PRIVATE_KEY", "ENCRYPTED PRIVATE KEY");
pem("RSA_PRIVATE_KEY", "RSA PRIVATE KEY");
pem("EC_PRIVATE_KEY", "EC PRIVATE KEY");
pem("DSA_PRIVATE_KEY", "DSA PRIVATE KEY");
for (const text of ["-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE", "-----BEGIN RSA PUBLIC KEY-----", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host", "-----BEGIN PGP PUBLIC KEY BLOCK-----"]) {
  cases.credentials.push({ for: "RSA_PRIVATE_KEY", kind: "negative", text, expect: [] });
}
add("credentials", "PUTTY_PRIVATE_KEY", () => `PuTTY-User-Key-File-${pick(["2", "3"])}: ${pick(["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256"])}`, ["{v}\nEncryption: none\nComment: deploy", "{v}\r\nEncryption: aes256-cbc"], ["PuTTY-User-Key-File-1: ssh-rsa", "Save the key as a PuTTY user key file (.ppk)"]);
const stripe = (): string => `${pick(["sk", "rk"])}_${pick(["live", "test"])}_${fromAlphabet(ALNUM, pick([24, 99]))}`;
add("credentials", "STRIPE_CREDENTIALS", stripe, ["STRIPE_SECRET_KEY={v}", "stripe.api_key = '{v}'", "-u {v}:"], [
  "stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'",
  `publishable: pk_live_${fromAlphabet(ALNUM, 24)}`,
  "curl https://api.stripe.com/v1/charges -u sk_test_BQokikJOvBiI2HlWgH4olfQ2:",
]);
add("credentials", "GITHUB_PERSONAL_ACCESS_TOKEN", () => "ghp_" + fromAlphabet(ALNUM, 36), ["GITHUB_TOKEN={v}", "git clone https://{v}@github.com/org/repo.git"], [`ghp_${fromAlphabet(ALNUM, 20)}`, "tokens start with ghp_"]);
add("credentials", "GITHUB_FINE_GRAINED_PERSONAL_ACCESS_TOKEN", () => `github_pat_${fromAlphabet(ALNUM, 22)}_${fromAlphabet(ALNUM, 59)}`, ["GH_TOKEN={v}", "password: {v}"], [`github_pat_${fromAlphabet(ALNUM, 22)}`]);
add("credentials", "GITHUB_APP_TOKEN", () => pick(["gho_", "ghu_", "ghs_", "ghr_"]) + fromAlphabet(ALNUM, 36), ["token {v}", "x-access-token:{v}@github.com"], ["ghx_" + fromAlphabet(ALNUM, 36)]);
add("credentials", "GITLAB_PERSONAL_ACCESS_TOKEN", () => "glpat-" + fromAlphabet(ALNUM + "_-", 20), ["PRIVATE-TOKEN: {v}", "gitlab_token = \"{v}\""], ["glpat-xxxxxxxx"]);
add("credentials", "SLACK_TOKEN", () => `xox${pick(["b", "p"])}-${digits(11)}-${digits(12)}-${fromAlphabet(ALNUM, 24)}`, ["SLACK_BOT_TOKEN={v}", "Authorization: Bearer {v}"], ["xoxb-your-token-here", "xoxz-" + digits(11)]);
add("credentials", "SLACK_WEBHOOK_URL", () => `https://hooks.slack.com/services/T${fromAlphabet(UPPER + DIGITS, 8)}/B${fromAlphabet(UPPER + DIGITS, 8)}/${fromAlphabet(ALNUM, 24)}`, ["webhook: {v}", "curl -X POST {v}"], ["https://hooks.slack.com/services/T000/B000/XXXX"]);
add("credentials", "AZURE_STORAGE_ACCOUNT_KEY", () => `AccountKey=${b64(86)}==`, ["DefaultEndpointsProtocol=https;AccountName=prodlogs;{v};EndpointSuffix=core.windows.net", "AZURE_STORAGE_CONNECTION_STRING=\"BlobEndpoint=https://x.blob.core.windows.net/;{v}\""], [
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
  "AccountKey=<your-key>",
]);
add("credentials", "NPM_ACCESS_TOKEN", () => "npm_" + fromAlphabet(ALNUM, 36), ["//registry.npmjs.org/:_authToken={v}", "NPM_TOKEN={v}"], ["npm_" + fromAlphabet(ALNUM, 10)]);
add("credentials", "SENDGRID_API_KEY", () => `SG.${fromAlphabet(ALNUM + "-_", 22)}.${fromAlphabet(ALNUM + "-_", 43)}`, ["SENDGRID_API_KEY={v}", "apikey {v}"], ["SG.xxxxx.yyyyy"]);
add("credentials", "OPENAI_API_KEY", () => `sk-proj-${fromAlphabet(ALNUM, 40)}T3BlbkFJ${fromAlphabet(ALNUM, 40)}`, ["OPENAI_API_KEY={v}", "Authorization: Bearer {v}"], [`sk-${fromAlphabet(ALNUM, 48)}`]);

// ---------------------------------------------------------------- financial
const card = (prefix: string, length: number): string => valid("creditCard", () => prefix + digits(length - prefix.length), (s) => s.replace(/\D/g, ""));
const groups = (d: string): string => (d.length === 15 ? `${d.slice(0, 4)} ${d.slice(4, 10)} ${d.slice(10)}` : d.replace(/(\d{4})(?=\d)/g, "$1 "));
const anyCard = (): string => {
  const [prefix, length] = pick([["4", 16], ["51", 16], ["2221", 16], ["37", 15], ["6011", 16], ["3530", 16], ["36", 14], ["62", 16]] as const);
  const d = card(prefix, length);
  return pick([d, groups(d), groups(d).replaceAll(" ", "-")]);
};
add("financial", "CREDIT_CARD_NUMBER", anyCard, [
  "Credit card number: {v}", "Paid with Visa {v} on the 3rd", "card_number,{v}", "Card No. {v}", "Payment card {v} was declined",
  "mastercard {v}", "The customer's debit card ({v}) was charged twice.",
], [
  "Credit card number: 4111 1111 1111 1111", "card number 5555555555554444", "Amex test card 378282246310005",
  `Credit card number: ${nearMiss("creditCard", card("4", 16), (s) => s.replace(/\D/g, ""))}`,
  `card no ${valid("luhn", () => "1" + digits(15), (s) => s)}`,
  "Card number: 4242 4242 4242 4242",
]);
cell("financial", "CREDIT_CARD_NUMBER", "card_number", card("4", 16));
add("financial", "CREDIT_CARD_NUMBER_(NO_KEYWORD)", anyCard, [
  "2024-03-01,ORD-88412,{v},49.90,EUR", "charged {v} twice yesterday", "{v}", "txn 8812 ref {v} settled",
], [
  "2024-03-01,ORD-88412,4111111111111111,49.90,EUR",
  `ref ${nearMiss("creditCard", card("51", 16), (s) => s.replace(/\D/g, ""))} settled`,
  `order id ${valid("luhn", () => "9" + digits(15), (s) => s)}`,
  `shipment ${digits(13)} and ${digits(19)}`,
]);
const expiry = (): string => `${String(1 + int(12)).padStart(2, "0")}/${pick(["", "20"])}${25 + int(10)}`;
add("financial", "CREDIT_CARD_EXPIRATION", expiry, ["Expiry: {v}", "exp date {v}", "valid thru {v}", "expiration date: {v}"], [
  "expiry 13/27", "ratio 11/25 of the sample", "exp 08/27/2024 was the ship date", "Expires in 30 days",
]);
const cvv = (): string => digits(pick([3, 4])).replace(/^0/, "4");
add("financial", "CREDIT_CARD_SECURITY_CODE", cvv, ["CVV: {v}", "cvc {v}", "security code {v}", "CVV2={v}"], [
  "CVV: 12", "version 123 released", "cvv required field, order total 250 EUR later in the form", "the cvc 12345",
]);
const track1 = (): string => `%B${card("4", 16)}^DOE/JANE^${25 + int(5)}12101${digits(12)}?`;
const track2 = (): string => `;${card("51", 16)}=${25 + int(5)}12101${digits(12)}?`;
// Track 2 data carries the card number (PAN) between word boundaries, so it is also reported as a card number without a
// card keyword; in track 1 the PAN is glued to the format code "B".
const panOf = (track: string): { id: string; value: string }[] =>
  track.startsWith(";") ? [{ id: "CREDIT_CARD_NUMBER_(NO_KEYWORD)", value: /\d{13,19}/.exec(track)![0] }] : [];
add("financial", "CREDIT_CARD_MAGNETIC_STRIPE", () => pick([track1(), track2()]), ["Track 1: {v}", "track data {v}", "swipe: {v}"], ["track 2 data not captured"], panOf);
for (const c of cases.financial.filter((c) => c.for === "CREDIT_CARD_MAGNETIC_STRIPE" && c.kind === "positive")) {
  c.expect[0].value = c.expect[0].value.replace(/\?$/, "");
}
for (const track of [`%B${card("4", 16)}^DOE/JANE^2712101`, track2()]) {
  cases.financial.push({ for: "CREDIT_CARD_MAGNETIC_STRIPE", kind: "negative", text: `terminal log ${track}`, expect: panOf(track) });
}
const account = (): string => valid("bankAccountNumber", () => digits(9 + int(9)), (s) => s);
add("financial", "BANK_ACCOUNT_NUMBER", account, ["Bank account: {v}", "checking account {v} at First Federal", "savings acct {v}", "chequing account number {v}"], [
  "bank account 111111111", "bank account 12345678", `invoice number ${account()}`, "bank account 123456789",
]);
cell("financial", "BANK_ACCOUNT_NUMBER", "bank_account_number", account());
const aba = (): string => valid("aba", () => pick(["0", "1", "2", "3"]) + digits(8), (s) => s);
add("financial", "USA_ABA_ROUTING_NUMBER", aba, ["Routing number: {v}", "ABA {v}", "RTN {v} / account on file"], [
  `routing number ${nearMiss("aba", aba(), (s) => s)}`, `routing 9${digits(8)}`, `tracking ${aba()}`,
]);
const rib = (): string => {
  const body = digits(10) + digits(11);
  const key = 97n - ((89n * BigInt(body.slice(0, 5)) + 15n * BigInt(body.slice(5, 10)) + 3n * BigInt(body.slice(10))) % 97n);
  return `${body.slice(0, 5)} ${body.slice(5, 10)} ${body.slice(10)} ${String(key).padStart(2, "0")}`;
};
add("financial", "FRANCE_BANK_ACCOUNT_NUMBER", rib, ["RIB : {v}", "Code banque / guichet / compte / clé (RIB) : {v}"], [`RIB : ${nearMiss("ribKey", rib())}`, `référence ${rib()}`]);
add("financial", "GERMANY_BANK_ACCOUNT_NUMBER", () => `${digits(8)} ${digits(10)}`.replace(/^0/, "3"), ["BLZ/Kontonummer: {v}", "Bankverbindung {v}"], ["Kontonummer 000000000000000000", `Auftrag ${digits(8)} ${digits(10)}`]);
const cin = (): string => valid("italyCin", () => letters(1) + " " + digits(5) + " " + digits(5) + " " + digits(12));
add("financial", "ITALY_BANK_ACCOUNT_NUMBER", cin, ["Conto corrente (CIN ABI CAB): {v}", "coordinate bancarie {v}"], [`coordinate bancarie ${cin().replace(/^[A-Z]/, (c) => (c === "A" ? "B" : "A"))}`, `pratica ${cin()}`]);
const ccc = (): string => valid("spainCcc", () => `${digits(4)}-${digits(4)}-${digits(2)}-${digits(10)}`);
add("financial", "SPAIN_BANK_ACCOUNT_NUMBER", ccc, ["Número de cuenta: {v}", "CCC {v}"], [`CCC ${nearMiss("spainCcc", ccc())}`, `pedido ${ccc()}`]);
add("financial", "UK_BANK_ACCOUNT_NUMBER", () => `${pick(["NWBK", "BARC", "LOYD", "HBUK"])} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`, ["Bank details (sort code and account number): {v}", "BBAN {v}"], [`Order ${letters(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`]);

// ---------------------------------------------------------------- IBAN, every country
function ibanFor(code: string): string {
  const length = IBAN_LENGTHS[code];
  const bban = code === "GB" || code === "NL" || code === "IE" ? letters(4) + digits(length - 8) : digits(length - 4);
  const check = 98 - mod97Remainder(`${bban}${code}00`);
  return `${code}${String(check).padStart(2, "0")}${bban}`;
}
const printed = (iban: string): string => iban.replace(/(.{4})(?=.)/g, "$1 ");
for (const code of Object.keys(IBAN_LENGTHS).sort()) {
  const id = `${IBAN_COUNTRIES[code]}_IBAN`;
  const a = ibanFor(code);
  const b = ibanFor(code);
  cases.iban.push({ for: id, kind: "positive", text: `Please wire the refund to IBAN ${a} by Friday.`, expect: [{ id, value: a }] });
  cases.iban.push({ for: id, kind: "positive", text: `Beneficiary account: ${printed(b)}`, expect: [{ id, value: printed(b) }] });
  cell("iban", id, "iban", ibanFor(code));
  const wrongCheck = `${a.slice(0, 2)}${String(((Number(a.slice(2, 4)) - 2 + 1) % 97) + 2).padStart(2, "0")}${a.slice(4)}`;
  cases.iban.push({ for: id, kind: "negative", text: `IBAN ${wrongCheck}`, expect: [] });
  cases.iban.push({ for: id, kind: "negative", text: `IBAN ${a.slice(0, -1)}`, expect: [] });
}

// ---------------------------------------------------------------- personal
const digitsOnly = (s: string): string => s.replace(/\D/g, "");
const ssn = (): string => {
  const v = valid("ssn", () => digits(9), (s) => s);
  return pick([`${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}`, v]);
};
add("personal", "USA_SOCIAL_SECURITY_NUMBER", ssn, ["SSN: {v}", "social security number {v}", "ss# {v}", "Employee SSN {v} on file", "soc sec no. {v}"], [
  "SSN: 666-12-3456", "SSN: 000-12-3456", "SSN 912-34-5678", "SSN: 123-00-4567", "social security number 078-05-1120", `order ${ssn()}`, "SSN: 123-45-678",
]);
cell("personal", "USA_SOCIAL_SECURITY_NUMBER", "ssn", ssn());
const itin = (): string => {
  const v = valid("itin", () => "9" + digits(8), (s) => s);
  return `${v.slice(0, 3)}-${v.slice(3, 5)}-${v.slice(5)}`;
};
add("personal", "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", itin, ["ITIN: {v}", "individual taxpayer identification number {v}", "ITIN {v} issued"], ["ITIN: 912-93-1234", "ITIN 812-70-1234", `claim ${itin()}`]);
add("personal", "USA_PASSPORT_NUMBER", () => pick([digits(9).replace(/^0/, "5"), letters(1) + digits(8)]), ["Passport number: {v}", "US passport {v}", "passport # {v}"], [`Passport number: ${digits(7)}`, `Ticket ${digits(9)}`]);
add("personal", "UK_PASSPORT_NUMBER", () => digits(9).replace(/^0/, "1"), ["British passport {v}", "UK passport number: {v}"], [`UK passport 12345`, `HMPO reference desk`], (v) => [{ id: "USA_PASSPORT_NUMBER", value: v }]);
add("personal", "CANADA_PASSPORT_NUMBER", () => letters(2) + digits(6), ["Canadian passport: {v}", "Passport No. {v}"], [`Passport No. ${letters(2)}${digits(4)}`, `Flight ${letters(2)}${digits(6)}`]);
add("personal", "FRANCE_PASSPORT_NUMBER", () => digits(2) + letters(2) + digits(5), ["Numéro de passeport : {v}", "passeport {v}"], [`dossier ${digits(2)}${letters(2)}${digits(5)}`]);
add("personal", "GERMANY_PASSPORT_NUMBER", () => "C" + fromAlphabet("CFGHJKLMNPRTVWXYZ0123456789", 8), ["Reisepassnummer: {v}", "Reisepass {v}"], [`Kundennummer C${digits(8)}`]);
add("personal", "ITALY_PASSPORT_NUMBER", () => letters(2) + digits(7), ["Passaporto n. {v}", "numero passaporto {v}"], [`pratica ${letters(2)}${digits(7)}`]);
add("personal", "SPAIN_PASSPORT_NUMBER", () => letters(3) + digits(6), ["Pasaporte: {v}", "número de pasaporte {v}"], [`pedido ${letters(3)}${digits(6)}`]);
add("personal", "USA_DRIVERS_LICENSE", () => pick([letters(1) + digits(7), digits(9), letters(1) + digits(12)]), ["Driver's license: {v}", "DL# {v}", "drivers license number {v}"], [
  `Driver's license: ${letters(1)}${digits(2)}`, `Employee number ${letters(1)}${digits(7)}`, "license key ABCD-EFGH",
]);
add("personal", "CANADA_DRIVERS_LICENSE", () => pick([`${letters(1)}${digits(4)}-${digits(5)}-${digits(5)}`, `${letters(1)}${digits(12)}`]), ["Driver's licence: {v}", "Permis de conduire : {v}"], [`Driver's licence: ${letters(1)}${digits(4)}`, `ticket ${letters(1)}${digits(4)}-${digits(5)}-${digits(5)}`]);
add("personal", "FRANCE_DRIVERS_LICENSE", () => valid("bankAccountNumber", () => digits(12), (s) => s), ["Numéro de permis de conduire : {v}", "permis de conduire n° {v}"], [`commande ${digits(12)}`, "permis de conduire 000000000000"]);
add("personal", "GERMANY_DRIVERS_LICENSE", () => `${fromAlphabet(UPPER + DIGITS, 1)}${digits(2)}${fromAlphabet(UPPER + DIGITS, 6)}${digits(1)}${fromAlphabet(UPPER + DIGITS, 1)}`, ["Führerscheinnummer: {v}", "Führerschein {v}"], [`Führerschein ${letters(4)}`, `Bestellung B07${letters(6)}1X`]);
add("personal", "ITALY_DRIVERS_LICENSE", () => `${letters(2)}${digits(7)}${letters(1)}`, ["Patente di guida n. {v}", "numero patente {v}"], [`pratica ${letters(2)}${digits(7)}${letters(1)}`]);
add("personal", "UK_DRIVERS_LICENSE", () => `${pick(["MORGA", "SMITH", "JONES", "WILLI"])}${digits(6)}${letters(2)}9${letters(2)}`, ["Driving licence number: {v}", "DVLA {v}"], [`Driving licence number: MORGA75311SM9IJ`, `ref MORGA${digits(6)}SM9IJ`]);
// Driver's licences of the other Macie countries: the local name of the licence (or the country named in English)
// vouches for the number; a bare number, a wrong length, and a licence keyword of a country whose format differs do not.
const hetuFor = (): string => valid("hetu", () => `${String(1 + int(28)).padStart(2, "0")}${String(1 + int(12)).padStart(2, "0")}${digits(2)}${pick(["-", "A"])}${digits(3)}${pick([..."0123456789ABCDEFHJKLMNPRSTUVWXY"])}`, (s) => s);
const personnummerFor = (): string => {
  const v = valid("personnummer", () => digits(2) + String(1 + int(12)).padStart(2, "0") + String(1 + int(28)).padStart(2, "0") + digits(4), (s) => s);
  return `${v.slice(0, 6)}-${v.slice(6)}`;
};
const INDIA_STATES = ["MH", "DL", "KA", "TN", "UP", "WB", "GJ", "RJ", "KL", "TS"];
const indiaDl = (): string => `${pick(INDIA_STATES)}${String(1 + int(50)).padStart(2, "0")}${pick([" ", "-", ""])}${1990 + int(35)}${digits(7)}`;
const licenceRows: [string, () => string, string[], string[]][] = [
  ["AUSTRALIA_DRIVERS_LICENSE", () => pick([digits(8).replace(/^0/, "1"), `${letters(1)}${digits(6)}`, digits(9).replace(/^0/, "2")]), ["NSW driver licence number: {v}", "Driver's licence {v} (VIC)", "Australian driver's licence {v}"], [`Australian driver's licence ${digits(5)}`, "Driver licence: not provided"]],
  ["AUSTRIA_DRIVERS_LICENSE", () => digits(8), ["Führerscheinnummer: {v}", "Führerschein Nr. {v}, ausgestellt in Wien", "Austrian driving licence {v}"], [`Führerscheinnummer: ${digits(6)}`, `Kundennummer ${digits(8)}`]],
  ["BELGIUM_DRIVERS_LICENSE", () => `${1 + int(9)}${digits(9)}`, ["Permis de conduire belge n° {v}", "Numéro du permis de conduire : {v}", "Belgian driving licence no. {v}"], [`Permis de conduire belge n° ${digits(8)}`]],
  ["BULGARIA_DRIVERS_LICENSE", () => digits(9), ["Шофьорска книжка № {v}", "Свидетелство за управление на МПС: {v}", "Bulgarian driving licence {v}"], [`Шофьорска книжка № ${digits(7)}`]],
  ["CROATIA_DRIVERS_LICENSE", () => digits(8), ["Vozačka dozvola br. {v}", "broj vozačke dozvole: {v}", "Croatian driving licence {v}"], [`Vozačka dozvola br. ${digits(10)}`]],
  ["CYPRUS_DRIVERS_LICENSE", () => digits(12), ["Άδεια οδήγησης: {v}", "Cyprus driving licence number {v}"], [`Άδεια οδήγησης: ${digits(7)}`]],
  ["CZECHIA_DRIVERS_LICENSE", () => `${letters(2)}${pick([" ", ""])}${digits(6)}`, ["Řidičský průkaz č. {v}", "číslo řidičského průkazu: {v}", "Czech driving licence {v}"], [`Řidičský průkaz č. ${letters(2)}${digits(4)}`, `objednávka ${letters(2)}${digits(6)}`]],
  ["DENMARK_DRIVERS_LICENSE", () => digits(8), ["Kørekortnummer: {v}", "kørekort nr. {v}", "Danish driving licence {v}"], [`Kørekortnummer: ${digits(6)}`, `ordre ${digits(8)}`]],
  ["ESTONIA_DRIVERS_LICENSE", () => `${letters(2)}${digits(6)}`, ["Juhiluba nr {v}", "Estonian driving licence {v}"], [`Juhiluba nr ${letters(2)}${digits(4)}`]],
  ["GREECE_DRIVERS_LICENSE", () => digits(9), ["Δίπλωμα οδήγησης: {v}", "αριθμός άδειας οδήγησης {v}", "Greek driving licence {v}"], [`Δίπλωμα οδήγησης: ${digits(7)}`]],
  ["HUNGARY_DRIVERS_LICENSE", () => `${letters(2)}${digits(6)}`, ["Vezetői engedély száma: {v}", "jogosítvány: {v}", "Hungarian driving licence {v}"], [`jogosítvány: ${letters(2)}${digits(4)}`]],
  ["INDIA_DRIVERS_LICENSE", indiaDl, ["Driving Licence No: {v}", "DL No. {v} valid till 2034", "Indian driving licence {v}"], ["Driving Licence No: XX12 20110012345", "DL No. MH00 20110012345", `Driving Licence No: MH12 1890${digits(7)}`]],
  ["IRELAND_DRIVERS_LICENSE", () => `${digits(6)}${letters(4)}`, ["Irish driving licence {v}", "Ceadúnas tiomána: {v}"], [`Irish driving licence ${digits(6)}${letters(2)}`]],
  ["LATVIA_DRIVERS_LICENSE", () => `${letters(3)}${digits(6)}`, ["Vadītāja apliecība Nr. {v}", "Latvian driving licence {v}"], [`Vadītāja apliecība Nr. ${letters(2)}${digits(6)}`]],
  ["LITHUANIA_DRIVERS_LICENSE", () => digits(8), ["Vairuotojo pažymėjimas Nr. {v}", "Lithuanian driving licence {v}"], [`Vairuotojo pažymėjimas Nr. ${digits(11)}`]],
  ["LUXEMBOURG_DRIVERS_LICENSE", () => digits(6), ["Führerschäin Nr. {v}", "Luxembourg driving licence {v}"], [`Luxembourg driving licence ${digits(4)}`]],
  ["MALTA_DRIVERS_LICENSE", () => `${digits(3 + int(5)).replace(/^0/, "4")}${pick([..."MGAPLHBZ"])}`, ["Liċenzja tas-sewqan: {v}", "Maltese driving licence {v}"], [`Maltese driving licence ${digits(5)}X`]],
  ["NETHERLANDS_DRIVERS_LICENSE", () => `${1 + int(9)}${digits(9)}`, ["Rijbewijsnummer: {v}", "rijbewijs nr. {v}", "Dutch driving licence {v}"], [`Rijbewijsnummer: ${digits(8)}`, `bestelling ${digits(10)}`]],
  ["POLAND_DRIVERS_LICENSE", () => `${digits(5)}/${digits(2)}/${digits(4)}`, ["Numer prawa jazdy: {v}", "prawo jazdy nr {v}", "Polish driving licence {v}"], [`Numer prawa jazdy: ${digits(5)}-${digits(2)}-${digits(4)}`, `faktura ${digits(5)}/${digits(2)}/${digits(4)}`]],
  ["PORTUGAL_DRIVERS_LICENSE", () => `${pick(["L", "P", "C", "AV", "BR", "FA"])}-${digits(7)} ${digits(1)}`, ["Carta de condução n.º {v}", "Portuguese driving licence {v}"], [`Carta de condução n.º ${digits(8)}`]],
  ["ROMANIA_DRIVERS_LICENSE", () => `${letters(1)}${digits(8)}`, ["Permis de conducere nr. {v}", "Romanian driving licence {v}"], [`Permis de conducere nr. ${letters(1)}${digits(6)}`]],
  ["SLOVAKIA_DRIVERS_LICENSE", () => `${letters(1)}${digits(7)}`, ["Vodičský preukaz č. {v}", "Slovak driving licence {v}"], [`Vodičský preukaz č. ${letters(2)}${digits(7)}`]],
  ["SLOVENIA_DRIVERS_LICENSE", () => digits(9), ["Vozniško dovoljenje št. {v}", "Slovenian driving licence {v}"], [`Vozniško dovoljenje št. ${digits(6)}`]],
  ["SWEDEN_DRIVERS_LICENSE", personnummerFor, ["Körkortsnummer: {v}", "körkort {v}", "Swedish driving licence {v}"], [`Körkortsnummer: ${digits(6)}-${digits(3)}`]],
];
for (const [id, make, positives, negatives] of licenceRows) add("personal", id, make, positives, negatives);
// A Finnish licence number is the holder's henkilötunnus, which is reported as the national identifier as well.
add("personal", "FINLAND_DRIVERS_LICENSE", hetuFor, ["Ajokortti nro {v}", "ajokortin numero: {v}", "Finnish driving licence {v}"], [], (v) => [{ id: "FINLAND_NATIONAL_IDENTIFICATION_NUMBER", value: v }]);
for (const text of [`Ajokortti nro ${digits(6)}-${digits(2)}`, "Ajokortti: voimassa 2031 asti"]) {
  cases.personal.push({ for: "FINLAND_DRIVERS_LICENSE", kind: "negative", text, expect: [] });
}
cell("personal", "FINLAND_DRIVERS_LICENSE", "ajokortti", (() => {
  const v = hetuFor();
  cases.personal.push({ for: "FINLAND_DRIVERS_LICENSE", kind: "positive", text: `reference ${v} attached`, expect: [{ id: "FINLAND_NATIONAL_IDENTIFICATION_NUMBER", value: v }] });
  return hetuFor();
})());
for (const c of cases.personal.filter((c) => c.for === "FINLAND_DRIVERS_LICENSE" && c.context !== undefined)) {
  c.expect.push({ id: "FINLAND_NATIONAL_IDENTIFICATION_NUMBER", value: c.text });
}

const nino = (): string => {
  const v = valid("nino", () => letters(2) + digits(6) + pick(["A", "B", "C", "D"]));
  return pick([v, `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 6)} ${v.slice(6, 8)} ${v[8]}`]);
};
add("personal", "UK_NATIONAL_INSURANCE_NUMBER", nino, ["National Insurance number: {v}", "NINO {v}", "NI number {v}"], ["NI number QQ123456C", "NINO: GB123456A", `ref ${nino()}`, "NINO: AB123456E"]);
add("personal", "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER", () => valid("bankAccountNumber", () => digits(10), (s) => s), ["UTR: {v}", "Unique Taxpayer Reference {v}"], ["UTR 1111111111", `reference ${digits(10)}`]);
const sin = (): string => {
  const v = valid("sin", () => digits(9), (s) => s);
  return pick([`${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`, `${v.slice(0, 3)}-${v.slice(3, 6)}-${v.slice(6)}`]);
};
add("personal", "CANADA_SOCIAL_INSURANCE_NUMBER", sin, ["SIN: {v}", "Social Insurance Number {v}", "NAS : {v}"], [`SIN: ${nearMiss("sin", sin(), digitsOnly)}`, "SIN 046 454 286", `ticket ${sin()}`]);
const aadhaar = (): string => {
  const v = valid("verhoeff", () => digits(12), (s) => s);
  return `${v.slice(0, 4)} ${v.slice(4, 8)} ${v.slice(8)}`;
};
add("personal", "INDIA_AADHAAR_NUMBER", aadhaar, ["Aadhaar: {v}", "aadhaar number {v}", "UIDAI {v}"], [`Aadhaar: ${nearMiss("verhoeff", aadhaar(), digitsOnly)}`, "Aadhaar 1234 5678 9012", `order ${aadhaar()}`]);
const pan = (): string => valid("pan", () => letters(3) + pick(["P", "C", "H", "F"]) + letters(1) + digits(4) + letters(1));
add("personal", "INDIA_PERMANENT_ACCOUNT_NUMBER", pan, ["PAN: {v}", "PAN card {v}", "permanent account number {v}"], ["PAN: ABCDE1234F", `code ${pan()}`]);
const dni = (): string => valid("dniLetter", () => digits(8) + letters(1));
const wrongDniLetter = (v: string): string => v.slice(0, 8) + "TRWAGMYFPDXBNJZSQVHLCKE"[(Number(v.slice(0, 8)) + 1) % 23];
add("personal", "SPAIN_DNI_NUMBER", dni, ["DNI: {v}", "Documento nacional de identidad {v}"], [`DNI: ${wrongDniLetter(dni())}`, `pedido ${dni()}`]);
add("personal", "SPAIN_DRIVERS_LICENSE", dni, ["Permiso de conducción: {v}", "carnet de conducir {v}"], [`Permiso de conducción: ${wrongDniLetter(dni())}`]);
const nie = (): string => valid("dniLetter", () => pick(["X", "Y", "Z"]) + digits(7) + letters(1));
add("personal", "SPAIN_NIE_NUMBER", nie, ["NIE: {v}", "número de identidad de extranjero {v}"], [`NIE: W${digits(7)}L`, `pedido ${nie()}`]);
const cif = (): string => valid("cif", () => pick(["A", "B"]) + digits(8));
add("personal", "SPAIN_NIF_NUMBER", () => pick([cif(), dni()]), ["NIF: {v}", "CIF {v}"], [`NIF: ${nearMiss("cif", cif())}`]);
const cf = (): string => valid("codiceFiscale", () => letters(6) + digits(2) + pick([..."ABCDEHLMPRST"]) + digits(2) + letters(1) + digits(3) + letters(1));
const wrongCheckLetter = (v: string): string => v.slice(0, 15) + (v[15] === "Z" ? "A" : String.fromCharCode(v.charCodeAt(15) + 1));
add("personal", "ITALY_NATIONAL_IDENTIFICATION_NUMBER", cf, ["Codice fiscale: {v}", "C.F. {v}", "{v}"], [`Codice fiscale: ${wrongCheckLetter(cf())}`, "ABCDEFGHIJKLMNOP"]);
const insee = (): string => {
  const corsica = random() < 0.2;
  const head = `${pick(["1", "2"])}${digits(2)}${String(1 + int(12)).padStart(2, "0")}`;
  const dept = corsica ? pick(["2A", "2B"]) : String(10 + int(80));
  const tail = digits(6);
  const numeric = BigInt(head + (dept === "2A" ? "19" : dept === "2B" ? "18" : dept) + tail);
  const key = String(97n - (numeric % 97n)).padStart(2, "0");
  return `${head[0]} ${head.slice(1, 3)} ${head.slice(3)} ${dept} ${tail.slice(0, 3)} ${tail.slice(3)} ${key}`;
};
add("personal", "FRANCE_NATIONAL_IDENTIFICATION_NUMBER", insee, ["Numéro de sécurité sociale : {v}", "NIR {v}", "numéro INSEE {v}"], [`NIR ${nearMiss("inseeKey", insee())}`, `commande ${insee()}`]);
const spi = (): string => {
  const ten = pick(["0", "1", "2", "3"]) + digits(9);
  const v = ten + String(Number(ten) % 511).padStart(3, "0");
  return `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 7)} ${v.slice(7, 10)} ${v.slice(10)}`;
};
add("personal", "FRANCE_TAX_IDENTIFICATION_NUMBER", spi, ["Numéro fiscal : {v}", "SPI {v}", "identifiant fiscal {v}"], [`Numéro fiscal : ${nearMiss("spiMod511", spi(), digitsOnly)}`, `commande ${spi()}`]);
const portugalNif = (): string => valid("portugalNif", () => pick(["1", "2", "5"]) + digits(8), (s) => s);
add("personal", "PORTUGAL_TAX_IDENTIFICATION_NUMBER", portugalNif, ["NIF: {v}", "número de contribuinte {v}", "Contribuinte n.º {v}"], [`NIF: ${nearMiss("portugalNif", portugalNif(), digitsOnly)}`, `encomenda ${portugalNif()}`]);
const steuer = (): string => valid("steuerId", () => digits(11), (s) => s);
add("personal", "GERMANY_TAX_IDENTIFICATION_NUMBER", steuer, ["Steuer-ID: {v}", "Steueridentifikationsnummer {v}", "IdNr. {v}"], [`Steuer-ID: ${nearMiss("steuerId", steuer(), digitsOnly)}`, "Steuer-ID: 12345678901", `Bestellung ${steuer()}`]);
const ausweis = (): string => valid("germanDocumentNumber", () => pick([..."CFGHJKLMNPRTVWXYZ"]) + fromAlphabet("CFGHJKLMNPRTVWXYZ0123456789", 8) + digits(1));
add("personal", "GERMANY_NATIONAL_IDENTIFICATION_NUMBER", ausweis, ["Personalausweisnummer: {v}", "Ausweis-Nr. {v}"], [`Personalausweisnummer: ${nearMiss("germanDocumentNumber", ausweis())}`, `Bestellung ${ausweis()}`]);
const pesel = (): string => valid("pesel", () => digits(2) + String(1 + int(12)).padStart(2, "0") + String(1 + int(28)).padStart(2, "0") + digits(5), (s) => s);
add("personal", "POLAND_NATIONAL_IDENTIFICATION_NUMBER", pesel, ["PESEL: {v}", "numer PESEL {v}"], [`PESEL: ${nearMiss("pesel", pesel(), digitsOnly)}`, `zamówienie ${pesel()}`]);
const bsn = (): string => valid("elfproef", () => digits(9), (s) => s);
add("personal", "NETHERLANDS_BSN_NUMBER", bsn, ["BSN: {v}", "burgerservicenummer {v}"], [`BSN: ${nearMiss("elfproef", bsn(), digitsOnly)}`, `order ${bsn()}`]);
const beNumber = (): string => {
  const v = valid("belgiumNationalNumber", () => digits(2) + String(1 + int(12)).padStart(2, "0") + String(1 + int(28)).padStart(2, "0") + digits(5), (s) => s);
  return `${v.slice(0, 2)}.${v.slice(2, 4)}.${v.slice(4, 6)}-${v.slice(6, 9)}.${v.slice(9)}`;
};
add("personal", "BELGIUM_NATIONAL_NUMBER", beNumber, ["Rijksregisternummer: {v}", "numéro national {v}"], [`Rijksregisternummer: ${nearMiss("belgiumNationalNumber", beNumber(), digitsOnly)}`, `factuur ${beNumber()}`]);
const hetu = (): string => valid("hetu", () => `${String(1 + int(28)).padStart(2, "0")}${String(1 + int(12)).padStart(2, "0")}${digits(2)}${pick(["-", "A"])}${digits(3)}${pick([..."0123456789ABCDEFHJKLMNPRSTUVWXY"])}`, (s) => s);
add("personal", "FINLAND_NATIONAL_IDENTIFICATION_NUMBER", hetu, ["Henkilötunnus: {v}", "{v}", "hetu {v}"], [`Henkilötunnus: 131052-308U`]);
const personnummer = (): string => {
  const v = valid("personnummer", () => digits(2) + String(1 + int(12)).padStart(2, "0") + String(1 + int(28)).padStart(2, "0") + digits(4), (s) => s);
  return `${v.slice(0, 6)}-${v.slice(6)}`;
};
add("personal", "SWEDEN_NATIONAL_IDENTIFICATION_NUMBER", personnummer, ["Personnummer: {v}", "personnummer {v}"], [`Personnummer: ${nearMiss("personnummer", personnummer(), digitsOnly)}`, `order ${personnummer()}`]);
const cpf = (): string => {
  const v = valid("cpf", () => digits(11), (s) => s);
  return `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}`;
};
add("personal", "BRAZIL_CPF_NUMBER", cpf, ["CPF: {v}", "cpf {v}"], [`CPF: ${nearMiss("cpf", cpf(), digitsOnly)}`, "CPF: 111.111.111-11", `pedido ${cpf()}`]);
const cnpj = (): string => {
  const v = valid("cnpj", () => digits(8) + "0001" + digits(2), (s) => s);
  return `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}/${v.slice(8, 12)}-${v.slice(12)}`;
};
add("personal", "BRAZIL_CNPJ_NUMBER", cnpj, ["CNPJ: {v}", "cnpj {v}"], [`CNPJ: ${nearMiss("cnpj", cnpj(), digitsOnly)}`, `pedido ${cnpj()}`]);
const curp = (): string => valid("curp", () => `${letters(1)}${pick([..."AEIOU"])}${letters(2)}${digits(2)}${String(1 + int(12)).padStart(2, "0")}${String(1 + int(28)).padStart(2, "0")}${pick(["H", "M"])}${pick(["DF", "JC", "NL", "MC", "PL"])}${fromAlphabet("BCDFGHJKLMNPQRSTVWXZ", 3)}${pick(["0", "A"])}${digits(1)}`);
add("personal", "MEXICO_CURP_NUMBER", curp, ["CURP: {v}", "{v}"], [`CURP: ${nearMiss("curp", curp())}`, "CURP: AAAA800101HDFRRR01"]);
const rut = (): string => {
  const v = valid("rut", () => digits(8).replace(/^0/, "1") + pick([...DIGITS, "K"]));
  return `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}-${v.slice(8)}`;
};
add("personal", "CHILE_RUT_NUMBER", rut, ["RUT: {v}", "rol único tributario {v}"], [`RUT: ${nearMiss("rut", rut())}`, `pedido ${rut()}`]);
const cuit = (): string => {
  const v = valid("cuit", () => pick(["20", "27", "30"]) + digits(9), (s) => s);
  return `${v.slice(0, 2)}-${v.slice(2, 10)}-${v.slice(10)}`;
};
add("personal", "ARGENTINA_TAX_IDENTIFICATION_NUMBER", cuit, ["CUIT: {v}", "CUIL {v}"], [`CUIT: ${nearMiss("cuit", cuit(), digitsOnly)}`, `pedido ${cuit()}`]);
const tfn = (): string => {
  const v = valid("tfn", () => digits(9), (s) => s);
  return `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`;
};
add("personal", "AUSTRALIA_TAX_FILE_NUMBER", tfn, ["TFN: {v}", "tax file number {v}"], [`TFN: ${nearMiss("tfn", tfn(), digitsOnly)}`, `order ${tfn()}`]);
const usPhone = (): string => `${pick(["2", "4", "6", "7"])}${digits(2)}`;
add("personal", "USA_PHONE_NUMBER", () => pick([`(${usPhone()}) ${usPhone()}-${digits(4)}`, `${usPhone()}-${usPhone()}-${digits(4)}`]), ["Phone: {v}", "call me at {v}", "mobile {v}"], [`Order ${digits(10)} shipped`, "Phone: 123-456-7890", "Phone: 555-01"]);
add("personal", "USA_PHONE_NUMBER", () => `+1 ${usPhone()} ${usPhone()} ${digits(4)}`, ["Reach the desk on {v} anytime", "{v}"], []);
add("personal", "UK_PHONE_NUMBER", () => pick([`+44 20 ${digits(4)} ${digits(4)}`, `+44 7${digits(3)} ${digits(3)} ${digits(3)}`]), ["Contact {v}", "{v}"], []);
add("personal", "UK_PHONE_NUMBER", () => `020 ${digits(4)} ${digits(4)}`, ["Tel: {v}", "telephone {v}"], ["Invoice 020 0000", `ref 020 ${digits(4)} ${digits(4)}`]);
add("personal", "GERMANY_PHONE_NUMBER", () => pick([`+49 30 ${digits(8)}`, `+49 151 ${digits(8)}`]), ["Telefon: {v}", "{v}"], [`Auftrag 030 ${digits(8)}`]);
add("personal", "FRANCE_PHONE_NUMBER", () => pick([`+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`, `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`]), ["Téléphone : {v}", "{v}"], [`commande 01 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`]);
add("personal", "SPAIN_PHONE_NUMBER", () => `+34 6${digits(2)} ${digits(3)} ${digits(3)}`, ["Teléfono: {v}", "{v}"], [`pedido 6${digits(2)} ${digits(3)} ${digits(3)}`]);
add("personal", "ITALY_PHONE_NUMBER", () => `+39 3${digits(2)} ${digits(7)}`, ["Cellulare: {v}", "{v}"], [`pratica 3${digits(2)} ${digits(7)}`]);
add("personal", "BRAZIL_PHONE_NUMBER", () => `+55 (11) 9${digits(4)}-${digits(4)}`, ["Telefone: {v}", "{v}"], [`pedido (11) 9${digits(4)}-${digits(4)}`]);
const latLong = (): string => `${pick(["", "-"])}${int(80)}.${digits(6)}, ${pick(["", "-"])}${int(170)}.${digits(6)}`;
add("personal", "LATITUDE_LONGITUDE", latLong, ["GPS: {v}", "location {v}", "lat, lng = {v}"], ["coordinates 91.123456, 10.123456", `ratio ${latLong()}`, "GPS: 47, -122"]);
function vinWithCheck(): string {
  // Put the computed check character in position 9.
  for (;;) {
    const body = fromAlphabet("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17);
    for (const check of "0123456789X") {
      const candidate = body.slice(0, 8) + check + body.slice(9);
      if (validators.vin(candidate)) return candidate;
    }
  }
}
add("personal", "VEHICLE_IDENTIFICATION_NUMBER", vinWithCheck, ["VIN: {v}", "vehicle identification number {v}", "Vehicle ID {v}, 2019 model"], [`lot ${vinWithCheck()} at auction`, `VIN: ${nearMiss("vin", vinWithCheck())}`, "VIN: 11111111111111111", "VIN: 1M8GDM9AXKP042788"]);
add("personal", "HTTP_COOKIE", () => `Cookie: ${pick(["session_id", "sid", "_ga", "auth"])}=${fromAlphabet(ALNUM, 24)}`, ["GET / HTTP/1.1\n{v}\n", "{v}; theme=dark"], ["We use cookie banners on the site", "Cookie: ", "Set the Cookie header to name=value"]);
const email = (): string => `${pick(["jane.doe", "j.smith", "mkt+news", "ops"])}${int(100)}@${pick(["acme-corp.io", "mail.example-shop.de", "contoso.co.uk", "fastmail.fm"])}`;
add("personal", "EMAIL_ADDRESS", email, ["Contact: {v}", "<a href=\"mailto:{v}\">write to us</a>", "{v}", "reply-to {v} please"], ["user@example.com", "send to jane at acme dot io", "a@b", "build@localhost", "@acme-corp.io"]);
const dob = (): string => pick([`19${50 + int(49)}-0${1 + int(9)}-1${int(9)}`, `0${1 + int(9)}/1${int(9)}/19${50 + int(49)}`, `${pick(["March", "Jan", "October"])} ${1 + int(27)}, 19${50 + int(49)}`]);
add("personal", "DATE_OF_BIRTH", dob, ["DOB: {v}", "Date of birth: {v}", "born on {v}", "birthdate {v}"], ["DOB: 1984-02-30", "Invoice date 2024-03-05", "DOB: 13/13/1984", "Date of birth: unknown, registered 2020-01-01 at the earliest"]);
cell("personal", "DATE_OF_BIRTH", "date_of_birth", dob());
cell("personal", "VEHICLE_IDENTIFICATION_NUMBER", "vin", vinWithCheck());

// ---------------------------------------------------------------- health (PERSONAL)
const hicn = (): string => `${valid("ssn", () => digits(9), (s) => s)}${pick(["A", "B", "C1", "D", "M", "T"])}`;
add("health", "USA_HEALTH_INSURANCE_CLAIM_NUMBER", hicn, ["HICN: {v}", "Medicare claim number {v}"], ["HICN: 666123456A", `ticket ${hicn()}`, "HICN: 123456789Z"]);
const mbi = (): string => valid("mbi", () => `${1 + int(9)}${fromAlphabet("ACDEFGHJKMNPQRTUVWXY", 1)}${fromAlphabet("ACDEFGHJKMNPQRTUVWXY0123456789", 1)}${digits(1)}${fromAlphabet("ACDEFGHJKMNPQRTUVWXY", 1)}${fromAlphabet("ACDEFGHJKMNPQRTUVWXY0123456789", 1)}${digits(1)}${fromAlphabet("ACDEFGHJKMNPQRTUVWXY", 2)}${digits(2)}`);
add("health", "USA_MEDICARE_BENEFICIARY_IDENTIFIER", mbi, ["MBI: {v}", "Medicare Beneficiary Identifier {v}"], ["MBI: 1EG4SE5MK73", `order ${mbi()}`]);
const npi = (): string => valid("npi", () => "1" + digits(9), (s) => s);
add("health", "USA_NATIONAL_PROVIDER_IDENTIFIER", npi, ["NPI: {v}", "National Provider Identifier {v}"], [`NPI: ${nearMiss("npi", npi(), digitsOnly)}`, `invoice ${npi()}`]);
const dea = (): string => valid("dea", () => pick(["A", "B", "F", "M"]) + letters(1) + digits(7));
add("health", "US_DRUG_ENFORCEMENT_AGENCY_NUMBER", dea, ["DEA: {v}", "DEA number {v}"], [`DEA: ${nearMiss("dea", dea())}`, `order ${dea()}`]);
add("health", "USA_HEALTHCARE_PROCEDURE_CODE", () => pick(["A", "E", "G", "J", "L"]) + digits(4), ["HCPCS: {v}", "procedure code {v}"], ["HCPCS: Z1234", "room A1234"]);
const ndc = (): string => pick([`${digits(4)}-${digits(4)}-${digits(2)}`, `${digits(5)}-${digits(3)}-${digits(2)}`, `${digits(5)}-${digits(4)}-${digits(1)}`]).replace(/^0/, "5");
add("health", "USA_NATIONAL_DRUG_CODE", ndc, ["NDC: {v}", "national drug code {v}"], [`NDC: ${digits(3)}-${digits(4)}-${digits(3)}`, `part ${ndc()}`]);
const nhs = (): string => {
  const v = valid("nhsMod11", () => digits(10), (s) => s);
  return `${v.slice(0, 3)} ${v.slice(3, 6)} ${v.slice(6)}`;
};
add("health", "UK_NHS_NUMBER", nhs, ["NHS number: {v}", "NHS No {v}"], [`NHS number: ${nearMiss("nhsMod11", nhs(), digitsOnly)}`, `order ${nhs()}`]);
add("health", "CANADA_HEALTH_NUMBER", () => `${valid("bankAccountNumber", () => digits(10), (s) => s).replace(/(\d{4})(\d{3})(\d{3})/, "$1-$2-$3")}${pick(["", "-AB"])}`, ["Health card number: {v}", "OHIP {v}"], ["OHIP 0000-000-000", `order ${digits(4)}-${digits(3)}-${digits(3)}`]);
add("health", "EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER", () => "8" + digits(19), ["EHIC card number: {v}", "European Health Insurance Card {v}"], [`tracking ${digits(20)}`]);
add("health", "FRANCE_HEALTH_INSURANCE_NUMBER", insee, ["Carte Vitale : {v}", "numéro d'assuré {v}"], [`Carte Vitale : ${nearMiss("inseeKey", insee())}`]);
const udi = (): string => `(01)${valid("gs1", () => "0" + digits(13), (s) => s)}`;
add("health", "MEDICAL_DEVICE_UDI", udi, ["UDI: {v}(17)271231(10)A213B1", "unique device identifier {v}"], [`UDI: (01)${nearMiss("gs1", udi().slice(4), (s) => s)}`, `shipping label ${udi()}`]);

// ---------------------------------------------------------------- identifiers real data is full of
/**
 * Hard negatives in the shapes operational data holds: order, invoice and tracking numbers, timestamps, UUIDs, hashes,
 * version strings, ISBNs, cloud resource ids, phone-like ticket numbers. Each is written next to the word it usually
 * sits by ("order", "account", "key", "ID"), which is what tempts a keyword rule. `for` names the identifier most at
 * risk; nothing may be reported.
 */
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
const isbn13 = (): string => {
  const body = `978${digits(9)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  const v = body + String((10 - (sum % 10)) % 10);
  return `${v.slice(0, 3)}-${v.slice(3, 4)}-${v.slice(4, 8)}-${v.slice(8, 12)}-${v.slice(12)}`;
};
const isbn10 = (): string => {
  const body = digits(9);
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return `${body.slice(0, 1)}-${body.slice(1, 4)}-${body.slice(4, 9)}-${check === 10 ? "X" : check}`;
};
const upsTracking = (): string => `1Z${fromAlphabet(UPPER + DIGITS, 6)}${digits(10)}`;
const isoTime = (): string => `20${20 + int(6)}-${String(1 + int(12)).padStart(2, "0")}-${String(1 + int(28)).padStart(2, "0")}T${String(int(24)).padStart(2, "0")}:${String(int(60)).padStart(2, "0")}:${String(int(60)).padStart(2, "0")}.${digits(3)}Z`;
const realistic: [string, () => string][] = [
  ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", () => `Order #${digits(3)}-${digits(7)}-${digits(7)} shipped on ${isoTime()}`],
  ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", () => `Your USPS tracking number is ${pick(["9400", "9205", "9361"])}${digits(18)}.`],
  ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", () => `FedEx tracking ${digits(4)} ${digits(4)} ${digits(4)}, UPS ${upsTracking()}`],
  ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", () => `ts=${1_600_000_000_000 + int(200_000_000_000)} level=info msg="request served" duration_ms=${int(900)}`],
  ["CREDIT_CARD_NUMBER_(NO_KEYWORD)", () => `ISBN ${isbn13()} (hardcover), ISBN-10 ${isbn10()}`],
  ["CREDIT_CARD_NUMBER", () => `Invoice number 20${20 + int(6)}${digits(12)} for card holder services, order ${digits(12)}`],
  ["BANK_ACCOUNT_NUMBER", () => `arn:aws:iam::${digits(12)}:role/deploy in AWS account ${digits(12)}`],
  ["BANK_ACCOUNT_NUMBER", () => `Customer account ID ${digits(10)}, loyalty number ${digits(12)}`],
  ["BANK_ACCOUNT_NUMBER", () => `account: ${digits(12)}\nregion: eu-west-1\ninstance: i-0${hex(16)}`],
  ["AWS_CREDENTIALS", () => `commit ${hex(40)}\nAuthor: build bot\n\n    bump key rotation schedule`],
  ["AWS_CREDENTIALS", () => `secret scanning baseline sha1=${hex(40)} sha256=${hex(64)}`],
  ["AWS_CREDENTIALS", () => `request id ${uuid()} trace ${hex(32)} for access key rotation`],
  ["USA_SOCIAL_SECURITY_NUMBER", () => `Build 10.0.${19000 + int(999)}.${int(9999)}, package version ${int(9)}.${int(30)}.${int(20)}-beta.${int(9)}`],
  ["USA_SOCIAL_SECURITY_NUMBER", () => `Support ticket ${digits(3)}-${digits(2)}-${digits(4)}-${digits(2)} (SSO login issue)`],
  ["USA_PHONE_NUMBER", () => `Case ID 1${digits(9)}, call reference ${pick(["2", "4", "6"])}${digits(2)}-${pick(["2", "4", "6"])}${digits(2)}-${digits(4)}-${digits(3)}`],
  ["USA_PHONE_NUMBER", () => `mobile app version ${int(9)}.${int(99)}.${digits(4)} build ${int(9999)}, server ${pick(["2", "4", "6"])}${digits(2)}.${pick(["2", "4", "6"])}${digits(2)}.${digits(4)}.${digits(2)}`],
  ["DATE_OF_BIRTH", () => `created_at=${isoTime()} updated_at=${isoTime()} born_digital=true`],
  ["LATITUDE_LONGITUDE", () => `scale factors ${int(9)}.${digits(6)}, ${int(9)}.${digits(6)} applied to the ${pick(["mesh", "texture", "model"])}`],
  ["USA_PASSPORT_NUMBER", () => `Passport office, Zip+4 ${digits(5)}-${digits(4)}, opening hours 0900-1700`],
  ["USA_DRIVERS_LICENSE", () => `licence key ${fromAlphabet(UPPER + DIGITS, 5)}-${fromAlphabet(UPPER + DIGITS, 5)}-${fromAlphabet(UPPER + DIGITS, 5)} for the driver update tool`],
  ["UK_NATIONAL_INSURANCE_NUMBER", () => `Part no. ${letters(2)}${digits(6)}${pick(["A", "B", "C", "D"])}, serial ${uuid()}`],
  ["VEHICLE_IDENTIFICATION_NUMBER", () => `sha ${hex(17).toUpperCase()} lot ${fromAlphabet(UPPER + DIGITS, 17)}`],
  ["EMAIL_ADDRESS", () => `git@github.com:${pick(["acme", "org"])}/repo.git and docker image registry.example.com/team/app@sha256:${hex(64)}`],
  ["GERMANY_PASSPORT_NUMBER", () => `Artikelnummer C${fromAlphabet("CFGHJKLMNPRTVWXYZ0123456789", 8)} im Lager ${digits(4)}`],
  ["AUSTRIA_DRIVERS_LICENSE", () => `Führerscheinprüfung am ${String(1 + int(28)).padStart(2, "0")}.${String(1 + int(12)).padStart(2, "0")}.2025, Rechnungsnummer ${digits(8)} ist separat`],
  ["NETHERLANDS_DRIVERS_LICENSE", () => `Rijbewijs halen? Bel 0${digits(9)} of kijk op cbr.nl (bestelnummer ${digits(10)})`],
  ["MAC_AND_IP", () => `host 10.${int(255)}.${int(255)}.${int(255)} mac ${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)}:${hex(2)} ipv6 fe80::${hex(4)}:${hex(4)}`],
];
for (const [id, make] of realistic) {
  for (let copy = 0; copy < 4; copy++) cases["realistic-negatives"].push({ for: id === "MAC_AND_IP" ? "LATITUDE_LONGITUDE" : id, kind: "negative", text: make(), expect: [] });
}
// Public keys, certificates and parameters share the PEM armour with private keys.
const pemNegatives: [string, string][] = [
  ["OPENSSH_PRIVATE_KEY", "-----BEGIN SSH2 PUBLIC KEY-----\nComment: \"rsa-key-20240301\"\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ"],
  ["OPENSSH_PRIVATE_KEY", `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${b64(60)} deploy@build`],
  ["PGP_PRIVATE_KEY", `-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE${b64(48)}\n-----END PGP SIGNATURE-----`],
  ["PGP_PRIVATE_KEY", `-----BEGIN PGP MESSAGE-----\n\nhQEMA${b64(56)}\n-----END PGP MESSAGE-----`],
  ["PKCS", `-----BEGIN CERTIFICATE REQUEST-----\nMIICvDCCAaQCAQAwdzEL${b64(48)}\n-----END CERTIFICATE REQUEST-----`],
  ["PKCS", `-----BEGIN X509 CRL-----\nMIIBvjCBpwIBATANBgkq${b64(40)}`],
  ["ENCRYPTED_PRIVATE_KEY", `-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE${b64(48)}\n-----END CERTIFICATE-----`],
  ["EC_PRIVATE_KEY", "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----"],
  ["DSA_PRIVATE_KEY", `-----BEGIN DSA PARAMETERS-----\nMIIBHgKBgQC${b64(48)}\n-----END DSA PARAMETERS-----`],
  ["DSA_PRIVATE_KEY", "Generate one with `openssl dsaparam -out dsaparam.pem 2048` and keep the private key offline."],
];
for (const [id, text] of pemNegatives) cases.credentials.push({ for: id, kind: "negative", text, expect: [] });

// ---------------------------------------------------------------- NAME beyond English
/**
 * Full names of thirteen naming traditions in the places records hold them: a sentence in the language, a table
 * cell, a JSON value. Pairs are drawn from the multilingual lists, so these cases check that NAME uses the lists (and
 * the letters beyond Latin-1 they are spelt with), not how complete the lists are. Hard negatives are capitalised
 * pairs of the same languages that are places, brands and organisations.
 */
const multilingualNames: EvalCase[] = [];
const PROSE: Record<NameLanguage, string[]> = {
  spanish: ["Estimado {v}: le escribimos por su pedido.", "El cliente {v} solicitó la baja del servicio."],
  portuguese: ["Prezado {v}, segue em anexo o contrato.", "A titular {v} pediu a segunda via do cartão."],
  french: ["Bonjour {v}, votre dossier est complet.", "Le locataire, {v}, a signé le bail hier."],
  german: ["Sehr geehrte Frau {v}, anbei Ihre Rechnung.", "Der Antrag von {v} wurde genehmigt."],
  italian: ["Gentile {v}, la sua pratica è stata approvata.", "Il paziente {v} è stato dimesso oggi."],
  polish: ["Szanowny Panie {v}, w załączeniu faktura.", "Wniosek złożyła {v} w poniedziałek."],
  dutch: ["Beste {v}, hierbij de bevestiging.", "De aanvraag van {v} is goedgekeurd."],
  vietnamese: ["Contact person: {v} (Hanoi office)", "Signed by {v} on behalf of the supplier."],
  chinese: ["Contact person: {v} (Shenzhen office)", "The application from {v} was approved."],
  indian: ["Dear {v}, your KYC documents are verified.", "Nominee: {v}, relationship: spouse."],
  arabic: ["Dear {v}, your visa application is complete.", "Sponsor: {v}, Dubai branch."],
  nigerian: ["Dear {v}, your BVN update is complete.", "Next of kin: {v}, Lagos."],
  turkish: ["Sayın {v}, başvurunuz onaylandı.", "Müşteri {v} aboneliğini iptal etti."],
};
for (const language of Object.keys(PROSE) as NameLanguage[]) {
  const given = GIVEN_NAMES_BY_LANGUAGE[language];
  const surnames = SURNAMES_BY_LANGUAGE[language];
  for (const template of PROSE[language]) {
    const v = `${pick(given)} ${pick(surnames)}`;
    multilingualNames.push({ for: "NAME", kind: "positive", text: template.replaceAll("{v}", v), expect: [{ id: "NAME", value: v }] });
  }
  const cellValue = `${pick(given)} ${pick(surnames)}`;
  multilingualNames.push({ for: "NAME", kind: "positive", text: cellValue, context: ["full_name"], expect: [{ id: "NAME", value: cellValue }] });
  const recordValue = `${pick(given)} ${pick(surnames)}`;
  multilingualNames.push({ for: "NAME", kind: "positive", text: recordValue, context: ["customer", "contact", "name"], expect: [{ id: "NAME", value: recordValue }] });
}
for (const text of [
  "Mercedes Benz dealership, Calle Mayor 12", "Visit Santa Maria Novella and Villa Borghese", "Hugo Boss outlet opens Monday",
  "Banco Santander and Deutsche Bank joined the scheme", "Flights to Porto Alegre and Costa Rica",
  "Gran Vía is closed; take Paseo del Prado", "Ordered a Giulia Quadrifoglio and a Fiat Panda", "Monte Carlo Rally results",
  "Maximilian Park entrance fee", "Wiktoria Street Market", "Hanoi Metro Line 2A",
]) {
  multilingualNames.push({ for: "NAME", kind: "negative", text, expect: [] });
}

// ---------------------------------------------------------------- derived cases, for every identifier alike
/**
 * From each single-value positive: (1) the same text with one digit of the value changed, where the row has a check
 * digit: nothing may be reported; (2) for keyword rows, the value after a neutral word instead of its keyword, and
 * (3) the value alone in a cell whose column name is the row's first keyword, as Macie's column rule allows.
 */
for (const [file, list] of Object.entries(cases)) {
  const derived: EvalCase[] = [];
  for (const c of list) {
    if (c.kind !== "positive" || c.expect.length !== 1 || c.context !== undefined) continue;
    const { id, value } = c.expect[0];
    const row = managedIdentifier(id)!;
    const normalize = NORMALIZE[row.normalize ?? "none"];
    if (row.validator !== undefined && /\d/.test(value) && !["calendarDate", "latitudeLongitude", "ndc", "emailAddress", "jwt", "basicAuth", "bankAccountNumber", "awsSecretAccessKey"].includes(row.validator)) {
      const typo = tryNearMiss(row.validator, value, normalize);
      if (typo !== null) derived.push({ for: id, kind: "negative", text: c.text.replace(value, typo), expect: [] });
    }
    const keywordInValue = (row.keywords ?? []).some((k) => value.toLowerCase().includes(k.toLowerCase()));
    if (row.keywordRequired && !keywordInValue) {
      // Without its keyword a card number is still a card number: the keyword-absent row with the same pattern has it.
      const complement = managedIdentifiers.find((other) => other.keywordAbsent === true && other.pattern === row.pattern);
      const text = `reference ${value} attached`;
      derived.push({ for: id, kind: complement ? "positive" : "negative", text, expect: complement ? [{ id: complement.id, value }] : [] });
      const column = row.keywords!.find((k) => /^[\p{L}\d ]+$/u.test(k))!.replace(/\s+/g, "_");
      derived.push({ for: id, kind: "positive", text: value, context: [column], expect: [{ id, value }] });
    }
  }
  list.push(...derived);
}

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, "data", "names-multilingual.jsonl"), multilingualNames.map((c) => JSON.stringify(c)).join("\n") + "\n");
console.log(`data/names-multilingual.jsonl: ${multilingualNames.length} cases`);
for (const [file, list] of Object.entries(cases)) {
  const body = list.map((c) => JSON.stringify(c)).join("\n") + "\n";
  writeFileSync(join(here, "data", `${file}.jsonl`), body);
  console.log(`${file}.jsonl: ${list.length} cases (${createHash("sha256").update(body).digest("hex").slice(0, 12)})`);
}
