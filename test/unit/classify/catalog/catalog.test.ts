/**
 * The catalog is data, so these tests pin its shape: enough identifiers, Macie's ids present, every pattern compiles
 * (in V8, and as an RE2 prefilter), every named validator and matcher exists, and no pattern backtracks
 * catastrophically on the inputs that break naive regexes.
 */
import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { managedIdentifier, managedIdentifiers } from "../../../../services/classify/catalog/index.js";
import { matchers } from "../../../../services/classify/catalog/matchers/index.js";
import { re2Superset } from "../../../../services/classify/detect/prefilter.js";
import { IBAN_LENGTHS } from "../../../../services/classify/validators/iban-registry.js";
import { validators } from "../../../../services/classify/validators/index.js";

const ids = managedIdentifiers.map((row) => row.id);

function countBy(category: string): number {
  return managedIdentifiers.filter((row) => row.category === category).length;
}

describe("managed identifier catalog", () => {
  it("has at least 100 identifiers with unique ids", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(100);
  });

  it("counts identifiers per category", () => {
    expect({ CREDENTIALS: countBy("CREDENTIALS"), FINANCIAL: countBy("FINANCIAL"), PERSONAL: countBy("PERSONAL") }).toEqual({
      CREDENTIALS: 25,
      FINANCIAL: 12 + Object.keys(IBAN_LENGTHS).length,
      PERSONAL: 66 + 25,
    });
    expect(countBy("CUSTOM_IDENTIFIER")).toBe(0);
  });

  it("covers the 32 countries and regions of Macie's driver's licence identifiers, each keyword-required", () => {
    // Macie names the US row DRIVERS_LICENSE; Sightline keeps the country prefix like every other row.
    const countries = [
      "AUSTRALIA", "AUSTRIA", "BELGIUM", "BULGARIA", "CANADA", "CROATIA", "CYPRUS", "CZECHIA", "DENMARK", "USA", "ESTONIA",
      "FINLAND", "FRANCE", "GERMANY", "GREECE", "HUNGARY", "INDIA", "IRELAND", "ITALY", "LATVIA", "LITHUANIA",
      "LUXEMBOURG", "MALTA", "NETHERLANDS", "POLAND", "PORTUGAL", "ROMANIA", "SLOVAKIA", "SLOVENIA", "SPAIN", "SWEDEN", "UK",
    ];
    const rows = managedIdentifiers.filter((row) => row.id.endsWith("_DRIVERS_LICENSE"));
    expect(rows.map((row) => row.id.replace(/_DRIVERS_LICENSE$/, "")).sort()).toEqual([...countries].sort());
    expect(rows.filter((row) => !row.keywordRequired || (row.keywords ?? []).length === 0).map((row) => row.id)).toEqual([]);
  });

  it("includes every Macie credentials identifier and the card, bank, and national ids the brief names", () => {
    const required = [
      "AWS_CREDENTIALS", "GCP_API_KEY", "HTTP_BASIC_AUTH_HEADER", "JSON_WEB_TOKEN", "OPENSSH_PRIVATE_KEY",
      "PGP_PRIVATE_KEY", "PKCS", "PUTTY_PRIVATE_KEY", "STRIPE_CREDENTIALS", "CREDIT_CARD_NUMBER",
      "CREDIT_CARD_NUMBER_(NO_KEYWORD)", "CREDIT_CARD_EXPIRATION", "CREDIT_CARD_SECURITY_CODE",
      "CREDIT_CARD_MAGNETIC_STRIPE", "BANK_ACCOUNT_NUMBER", "USA_SOCIAL_SECURITY_NUMBER",
      "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "USA_PASSPORT_NUMBER", "USA_DRIVERS_LICENSE", "DATE_OF_BIRTH",
      "UK_NATIONAL_INSURANCE_NUMBER", "UK_NHS_NUMBER", "UK_PASSPORT_NUMBER", "CANADA_SOCIAL_INSURANCE_NUMBER",
      "CANADA_HEALTH_NUMBER", "INDIA_AADHAAR_NUMBER", "INDIA_PERMANENT_ACCOUNT_NUMBER", "SPAIN_DNI_NUMBER",
      "SPAIN_NIE_NUMBER", "SPAIN_NIF_NUMBER", "ITALY_NATIONAL_IDENTIFICATION_NUMBER",
      "FRANCE_NATIONAL_IDENTIFICATION_NUMBER", "GERMANY_TAX_IDENTIFICATION_NUMBER",
      "POLAND_NATIONAL_IDENTIFICATION_NUMBER", "BRAZIL_CPF_NUMBER", "BRAZIL_CNPJ_NUMBER", "MEXICO_CURP_NUMBER",
      "USA_NATIONAL_PROVIDER_IDENTIFIER", "US_DRUG_ENFORCEMENT_AGENCY_NUMBER", "USA_MEDICARE_BENEFICIARY_IDENTIFIER",
      "USA_HEALTH_INSURANCE_CLAIM_NUMBER", "USA_NATIONAL_DRUG_CODE", "USA_HEALTHCARE_PROCEDURE_CODE",
      "VEHICLE_IDENTIFICATION_NUMBER", "LATITUDE_LONGITUDE", "HTTP_COOKIE", "EMAIL_ADDRESS", "NAME", "ADDRESS",
      "USA_PHONE_NUMBER", "GERMANY_IBAN", "UK_IBAN",
    ];
    expect(required.filter((id) => managedIdentifier(id) === undefined)).toEqual([]);
  });

  it("has one IBAN identifier per IBAN country, each validated by mod97", () => {
    const ibanRows = managedIdentifiers.filter((row) => row.id.endsWith("_IBAN"));
    expect(ibanRows).toHaveLength(Object.keys(IBAN_LENGTHS).length);
    expect(new Set(ibanRows.map((row) => row.validator))).toEqual(new Set(["mod97"]));
  });

  it.each(managedIdentifiers.map((row) => [row.id, row] as const))("%s compiles in V8 and as an RE2 prefilter", (_id, row) => {
    expect(() => new RegExp(row.pattern, row.caseInsensitive ? "gi" : "g")).not.toThrow();
    const superset = re2Superset(row.pattern, row.caseInsensitive === true);
    expect(superset).not.toBeNull();
    expect(() => new RE2(superset!)).not.toThrow();
    expect(() => new RE2.Set([superset!])).not.toThrow();
    // An empty match would make the engine report nothing useful and spin on every position.
    expect(new RegExp(row.pattern).test("")).toBe(false);
  });

  it("compiles all prefilters together as one RE2.Set, as the engine does", () => {
    const supersets = managedIdentifiers.map((row) => re2Superset(row.pattern, row.caseInsensitive === true)!);
    expect(new RE2.Set(supersets).size).toBe(managedIdentifiers.length);
  });

  it("names only validators and matchers that exist", () => {
    const missingValidators = managedIdentifiers.filter((row) => row.validator !== undefined && validators[row.validator] === undefined);
    const missingMatchers = managedIdentifiers.filter((row) => row.matcher !== undefined && matchers[row.matcher] === undefined);
    expect(missingValidators.map((row) => row.id)).toEqual([]);
    expect(missingMatchers.map((row) => row.id)).toEqual([]);
    expect(managedIdentifiers.filter((row) => row.matcher !== undefined).map((row) => row.id).sort()).toEqual(["ADDRESS", "NAME"]);
  });

  it("requires a keyword list wherever a keyword is required or must be absent", () => {
    const broken = managedIdentifiers.filter((row) => (row.keywordRequired || row.keywordAbsent) && (row.keywords ?? []).length === 0);
    expect(broken.map((row) => row.id)).toEqual([]);
    expect(managedIdentifiers.filter((row) => row.keywordAbsent).map((row) => row.id)).toEqual(["CREDIT_CARD_NUMBER_(NO_KEYWORD)"]);
  });

  it("writes excluded values in normalised form, and excludes the published test and sample values", () => {
    for (const row of managedIdentifiers) {
      for (const value of row.excludedValues ?? []) {
        if (row.normalize === "digits") expect(value, row.id).toMatch(/^\d+$/);
        if (row.normalize === "alnum-upper") expect(value, row.id).toMatch(/^[A-Z0-9]+$/);
      }
    }
    expect(managedIdentifier("CREDIT_CARD_NUMBER")!.excludedValues!.length).toBeGreaterThanOrEqual(55);
    expect(managedIdentifier("CREDIT_CARD_NUMBER")!.excludedValues).toEqual(expect.arrayContaining(["4111111111111111", "5555555555554444", "378282246310005"]));
    expect(managedIdentifier("AWS_ACCESS_KEY_ID")!.excludedValues).toContain("AKIAIOSFODNN7EXAMPLE");
    expect(managedIdentifier("AWS_CREDENTIALS")!.excludedValues).toContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(managedIdentifier("STRIPE_CREDENTIALS")!.excludedValues).toContain("sk_test_4eC39HqLyjWDarjtT1zdp7dc");
  });

  it("uses Macie's severity tables", () => {
    const severity = (id: string) => managedIdentifier(id)!.severity;
    expect(severity("AWS_CREDENTIALS")).toEqual(["HIGH", "HIGH", "HIGH"]);
    expect(severity("CREDIT_CARD_SECURITY_CODE")).toEqual(["MEDIUM", "HIGH", "HIGH"]);
    expect(severity("CREDIT_CARD_EXPIRATION")).toEqual(["LOW", "MEDIUM", "HIGH"]);
    expect(severity("USA_PASSPORT_NUMBER")).toEqual(["MEDIUM", "HIGH", "HIGH"]);
    expect(severity("LATITUDE_LONGITUDE")).toEqual(["LOW", "MEDIUM", "MEDIUM"]);
    expect(severity("VEHICLE_IDENTIFICATION_NUMBER")).toEqual(["LOW", "LOW", "MEDIUM"]);
    expect(severity("MEDICAL_DEVICE_UDI")).toEqual(["LOW", "MEDIUM", "HIGH"]);
    expect(severity("UK_NHS_NUMBER")).toEqual(["HIGH", "HIGH", "HIGH"]);
  });
});

describe("patterns run in linear time", () => {
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  // Inputs that make overlapping quantifiers explode: long runs of one class with a failing tail.
  const adversarial = [
    "1".repeat(100_000), "a".repeat(100_000), "A".repeat(100_000), "1 ".repeat(50_000), "1-".repeat(50_000),
    "a.".repeat(50_000), "Aa ".repeat(33_000), "eyJ".repeat(33_000) + "!", "AIza" + "A".repeat(100_000),
    "a@" + "a.".repeat(50_000), "%B" + "1".repeat(100_000), "Cookie: a=" + "b".repeat(100_000),
  ];

  it.each(managedIdentifiers.map((row) => [row.id, row] as const))("%s scans 100 KB adversarial inputs quickly", (_id, row) => {
    const regex = new RegExp(row.pattern, row.caseInsensitive ? "gi" : "g");
    const started = process.cpuUsage();
    for (const input of adversarial) {
      regex.lastIndex = 0;
      while (regex.exec(input) !== null) {
        if (regex.lastIndex === 0) break;
      }
    }
    // Linear patterns take a few milliseconds here; a quadratic one takes seconds. CPU time, not wall time: the
    // machine running the tests may be busy with other work.
    expect(cpuMs(started)).toBeLessThan(1_500);
  });

  it.each(Object.entries(matchers))("matcher %s scans 200 KB of capitalised words quickly", (_name, matcher) => {
    const input = "John Smith Street 12 Main Road, ".repeat(6_500);
    const started = process.cpuUsage();
    matcher(input);
    expect(cpuMs(started)).toBeLessThan(3_000);
  });
});
