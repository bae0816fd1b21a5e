/**
 * SYNTHETIC identities and secrets for the demo estate. Every value is generated; none belongs to a real person or
 * account. The formats are valid on purpose (SSN ranges, Luhn check digits, AWS key alphabets) so that a detector
 * has real work to do, and published test values (documentation SSNs, test card numbers, the AWS docs example key)
 * are avoided so that a correct detector does not discard them.
 */
import type { Prng } from "./prng.js";

const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Elijah",
  "Sophia",
  "Mateo",
  "Isabella",
  "Lucas",
  "Mia",
  "Ethan",
  "Amelia",
  "Aiden",
  "Harper",
  "Omar",
  "Evelyn",
  "Hiro",
  "Abigail",
  "Rahul",
  "Chloe",
  "Diego",
  "Grace",
  "Kwame",
  "Zoe",
  "Luca",
  "Nora",
  "Ivan",
  "Leah",
  "Tariq",
  "Ruby",
  "Jonah",
  "Aaliyah",
  "Felix",
  "Maya",
  "Andre",
] as const;
const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Thompson",
  "White",
  "Harris",
  "Clark",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Nguyen",
  "Hill",
  "Adams",
  "Baker",
  "Nelson",
  "Carter",
  "Mitchell",
  "Perez",
  "Roberts",
  "Turner",
  "Phillips",
  "Campbell",
  "Parker",
  "Evans",
] as const;
const CONSUMER_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"] as const;
const AREA_CODES = [
  "206",
  "212",
  "303",
  "305",
  "312",
  "404",
  "415",
  "503",
  "512",
  "617",
  "646",
  "702",
  "713",
  "818",
] as const;
const STREETS = [
  "Maple Ave",
  "Oak St",
  "Pine Rd",
  "Cedar Ln",
  "Elm St",
  "Lakeview Dr",
  "Hillcrest Blvd",
  "Park Pl",
] as const;
const CITIES = [
  ["Seattle", "WA"],
  ["Austin", "TX"],
  ["Denver", "CO"],
  ["Boston", "MA"],
  ["Chicago", "IL"],
  ["Portland", "OR"],
] as const;

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  ssn: string;
  dateOfBirth: string;
  street: string;
  city: string;
  state: string;
}

/** SSNs published as examples or known invalid; never generated. */
const PUBLISHED_SSNS = new Set(["078-05-1120", "219-09-9999", "123-45-6789"]);

/** A structurally valid SSN: area 001-899 except 666, group 01-99, serial 0001-9999. */
export function syntheticSsn(rng: Prng): string {
  for (;;) {
    const area = rng.int(1, 899);
    if (area === 666) continue;
    const ssn = `${String(area).padStart(3, "0")}-${String(rng.int(1, 99)).padStart(2, "0")}-${String(rng.int(1, 9999)).padStart(4, "0")}`;
    if (!PUBLISHED_SSNS.has(ssn)) return ssn;
  }
}

/** A US number in a real area code; exchange 555 (reserved for fiction) is avoided. */
export function syntheticPhone(rng: Prng): string {
  for (;;) {
    const exchange = rng.int(201, 989);
    if (exchange === 555 || exchange % 100 === 11) continue;
    return `${rng.pick(AREA_CODES)}-${exchange}-${rng.digits(4)}`;
  }
}

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Doubling starts from the rightmost payload digit, which sits next to the check digit.
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Published card-network test numbers: never generated. */
const TEST_CARD_NUMBERS = new Set([
  "4111111111111111",
  "4242424242424242",
  "4012888888881881",
  "4000056655665556",
  "5555555555554444",
  "5105105105105100",
  "5200828282828210",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
]);

/** A Luhn-valid Visa (16), Mastercard (16) or Amex (15) number, digits only. */
export function syntheticCardNumber(rng: Prng): string {
  for (;;) {
    const network = rng.int(0, 2);
    const payload =
      network === 0
        ? `4${rng.digits(14)}`
        : network === 1
          ? `5${rng.int(1, 5)}${rng.digits(13)}`
          : `3${rng.pick(["4", "7"])}${rng.digits(12)}`;
    const number = `${payload}${luhnCheckDigit(payload)}`;
    if (!TEST_CARD_NUMBERS.has(number)) return number;
  }
}

/** Card numbers as people write them: plain, or in groups of four separated by spaces or dashes. */
export function formatCardNumber(rng: Prng, digits: string): string {
  const style = rng.int(0, 2);
  if (style === 0 || digits.length !== 16) return digits;
  return digits.replace(/(\d{4})(?=\d)/g, style === 1 ? "$1 " : "$1-");
}

export function syntheticPerson(rng: Prng, emailDomain?: string): Person {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const domain = emailDomain ?? rng.pick(CONSUMER_DOMAINS);
  const local = emailDomain === undefined ? `${firstName}.${lastName}${rng.int(1, 99)}` : `${firstName}.${lastName}`;
  const [city, state] = rng.pick(CITIES);
  return {
    firstName,
    lastName,
    email: `${local.toLowerCase()}@${domain}`,
    phone: syntheticPhone(rng),
    ssn: syntheticSsn(rng),
    dateOfBirth: `${rng.int(1960, 2001)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
    street: `${rng.int(10, 9899)} ${rng.pick(STREETS)}`,
    city,
    state,
  };
}

export interface AwsKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The shape of a long-term IAM user key (AKIA + 16 base32 characters) and its 40-character secret. */
export function syntheticAwsKeyPair(rng: Prng): AwsKeyPair {
  return {
    accessKeyId: `AKIA${rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`,
    secretAccessKey: rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40),
  };
}
