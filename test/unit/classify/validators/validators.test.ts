/**
 * Pins every validator with published or hand-computed valid values and near misses (one digit changed, wrong
 * structure, reserved ranges). Invalid values are the kind a detector meets in real data, not random noise.
 */
import { describe, expect, it } from "vitest";
import { cardIssuer } from "../../../../services/classify/validators/credit-card.js";
import { validators } from "../../../../services/classify/validators/index.js";
import { iso7064Mod1110CheckDigit } from "../../../../services/classify/validators/steuer-id.js";
import { verhoeffCheck } from "../../../../services/classify/validators/verhoeff.js";

const table: Record<string, { valid: string[]; invalid: string[] }> = {
  awsSecretAccessKey: {
    valid: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "Zx9+Tq3Lm0Pa7RbVc2Wd8Ye1Uf6Gh4Ji5Kk/Ll3M"],
    invalid: ["da39a3ee5e6b4b0d3255bfef95601890afd80709", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE"],
  },
  basicAuth: {
    valid: ["Authorization: Basic dXNlcjpwYXNzd29yZA==", "authorization: basic YWxhZGRpbjpvcGVuc2VzYW1l"],
    invalid: ["Authorization: Basic dXNlcm5hbWU=", "Authorization: Basic dXNlcjo=", "Authorization: Basic YmFzZTY0c3RyaW5n", "Authorization: Basic abc"],
  },
  ribKey: { valid: ["20041010050500013M02606"], invalid: ["20041010050500013M02607", "2004101005050001M02606"] },
  spainCcc: { valid: ["21000418450200051332"], invalid: ["21000418460200051332", "21000418450200051333", "00000000000000000000"] },
  italyCin: { valid: ["X0542811101000000123456"], invalid: ["Y0542811101000000123456", "X054281110100000012345"] },
  bankAccountNumber: { valid: ["4099999992", "000123456789", "40999999921234567"], invalid: ["111111111", "123456789", "987654321", "12345678"] },
  emailAddress: {
    valid: ["jane.doe@acme-corp.io", "j+tag@mail.co.uk", "x@sub.domain.org"],
    invalid: ["user@example.com", "a@b.test", "git@github.com", ".jane@acme.io", "jane..doe@acme.io", "jane@-acme.io", "jane@localhost"],
  },
  luhn: { valid: ["79927398713", "4111111111111111", "00"], invalid: ["79927398710", "4111111111111112", "1", "12a4"] },
  creditCard: {
    valid: [
      "4111111111111111", "4012888888881881", "4222222222222", "5555555555554444", "2223003122003222",
      "378282246310005", "371449635398431", "6011111111111117", "6011000990139424", "3530111333300000",
      "30569309025904", "38520000023237", "6200000000000005", "6759649826438453",
    ],
    invalid: [
      "4111111111111112", // Luhn fails
      "5655555555554443", // 56 is no Mastercard range
      "411111111111111", // Visa never issues 15 digits
      "1234567812345670", // Luhn passes, no issuer starts with 1
      "0000000000000000",
      "3782822463100055", // Amex prefix with 16 digits
    ],
  },
  npi: { valid: ["1234567893", "1245319599"], invalid: ["1234567890", "3234567893", "123456789"] },
  mod97: {
    valid: [
      "GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606", "NO9386011117947",
      "LC55HEMM000100010012001200023015", "NL91ABNA0417164300", "BE68539007547034",
    ],
    invalid: [
      "GB82WEST12345698765433", // check fails
      "DE8937040044053201300", // one short for DE
      "XX89370400440532013000", // unregistered country
      "US12345678901234567890", // the US has no IBAN
      "GB00WEST12345698765432", // check digits 00 never issued
    ],
  },
  verhoeff: { valid: ["234123412346", "999941057058"], invalid: ["234123412347", "123412341234", "034123412346", "23412341234"] },
  nhsMod11: { valid: ["9434765919", "4010232137"], invalid: ["9434765918", "943476591", "1000000010"] },
  sin: { valid: ["130692544", "193456787"], invalid: ["130692545", "046454286", "830692545", "13069254"] },
  ssn: {
    valid: ["123456789", "078051121", "899991234"],
    invalid: ["000123456", "666123456", "900123456", "123006789", "123450000", "12345678"],
  },
  itin: { valid: ["912701234", "900501234", "999941234"], invalid: ["912931234", "912661234", "812701234", "912891234"] },
  dea: { valid: ["AB1234563", "FN5623740", "M91234563"], invalid: ["AB1234564", "IB1234563", "AB123456"] },
  mbi: { valid: ["1EG4TE5MK73", "9AA0A00AA00"], invalid: ["1EG4SE5MK73", "0EG4TE5MK73", "1EG4TE5MK7", "1EG4TE5MKB3"] },
  aba: { valid: ["011000015", "021000021", "122105155"], invalid: ["011000016", "991000013", "12210515"] },
  dniLetter: { valid: ["12345678Z", "X1234567L", "Y0000000Z", "00000001R"], invalid: ["12345678A", "X1234567M", "W1234567L", "00000000T"] },
  cif: { valid: ["A58818501", "B12345674", "Q2826000H", "P0800000B"], invalid: ["A58818502", "Q28260008", "I12345674"] },
  nif: { valid: ["12345678Z", "B12345674"], invalid: ["12345678A", "B12345675"] },
  codiceFiscale: {
    valid: ["RSSMRA85T10A562S", "RSSMRA85T10A56NH"],
    invalid: ["RSSMRA85T10A562T", "RSSMRA85Z10A562S", "RSSMRA8T10A562S"],
  },
  inseeKey: {
    valid: ["255081416802538", "269054958815780", "185052A12345633", "292032B04501291"],
    invalid: ["255081416802539", "955081416802538", "185052A12345634", "25508141680253"],
  },
  steuerId: {
    valid: ["86095742719", "65929970489"],
    invalid: ["86095742718", "06095742719", "12345678901", "11145678903", "11123456789"],
  },
  portugalNif: { valid: ["501442600", "123456789"], invalid: ["501442601", "401442600", "50144260"] },
  spiMod511: { valid: ["3023217600053", "1234567890066"], invalid: ["3023217600054", "4023217600053", "0000000000000"] },
  pesel: { valid: ["44051401359", "02070803628"], invalid: ["44051401358", "44150001359", "4405140135"] },
  cpf: { valid: ["52998224725", "11144477735"], invalid: ["52998224724", "11111111111", "5299822472"] },
  cnpj: { valid: ["11222333000181", "11444777000161"], invalid: ["11222333000182", "00000000000000", "1122233300018"] },
  curp: {
    valid: ["BADD110313HCMLNS06", "GOMC600101HDFRRR08"],
    invalid: ["BADD110313HCMLNS07", "BADD111313HCMLNS06", "BADD110313HQQLNS06", "B4DD110313HCMLNS06"],
  },
  nino: { valid: ["AB123456C", "JG103759A", "ZA000001D"], invalid: ["QQ123456C", "GB123456A", "AB123456E", "DA123456A", "AO123456A"] },
  vin: {
    valid: ["1M8GDM9AXKP042788", "5YJSA1E18HF000337", "1HGCM82633A004352"],
    invalid: ["1M8GDM9A1KP042788", "1M8GDM9AXKP04278", "1M8GDM9AXKPO42788", "11111111111111111"],
  },
  pan: { valid: ["ABCPE1234F", "AAACB1234C"], invalid: ["ABCDE1234F", "ABCPE0000F", "ABCP1234F", "1BCPE1234F"] },
  elfproef: { valid: ["111222333", "123456782"], invalid: ["111222334", "000000000", "12345678"] },
  belgiumNationalNumber: { valid: ["85073003328", "00012556777"], invalid: ["85073003329", "8507300332"] },
  rut: { valid: ["123456785", "76354771K", "111111111"], invalid: ["123456784", "76354771J", "1234K"] },
  indiaDrivingLicence: {
    valid: ["MH1220110012345", "DL0420150001234", "KA0119990123456"],
    invalid: ["XX1220110012345", "MH0020110012345", "MH1218990012345", "MH1220110000000", "MH122011001234"],
  },
  hetu: { valid: ["131052-308T", "010594Y9021"], invalid: ["131052-308U", "131352-308T", "131052G308T"] },
  personnummer: { valid: ["8112189876", "198112189876"], invalid: ["8112189875", "8113189876", "811218987"] },
  tfn: { valid: ["123456782", "876543210"], invalid: ["123456789", "000000000", "12345678"] },
  gs1: { valid: ["00885403123453", "4006381333931"], invalid: ["00885403123454", "1234567"] },
  udiGtin: { valid: ["0100885403123453"], invalid: ["0100885403123454", "0200885403123453", "00885403123453"] },
  ndc: { valid: ["0002-1433-80", "50090-1234-1", "12345-123-12", "12345-1234-12"], invalid: ["0002-14330-8", "1234-123-12", "00000-0000-00", "123-4567-89"] },
  hicn: { valid: ["123456789A", "123456789B1", "078051121T"], invalid: ["123456789Z", "000456789A", "12345678A"] },
  latitudeLongitude: {
    valid: ["47.6062, -122.3321", "-33.8688,151.2093", "51.5074 , -0.1278"],
    invalid: ["91.0000, 10.0000", "45.0000, 181.0000", "0.0000, 0.0000", "47, -122"],
  },
  calendarDate: {
    valid: ["1984-03-05", "03/05/1984", "25/12/1990", "31.01.1975", "March 5, 1984", "5 March 1984", "Feb 29, 2000"],
    invalid: ["1984-02-30", "13/13/1984", "1850-01-01", "Feb 29, 1999", "Smarch 5, 1984"],
  },
  germanDocumentNumber: { valid: ["T220001293", "L01X00T471"], invalid: ["T220001294", "A220001293", "T22000129"] },
  cuit: { valid: ["20123456786", "30500010912"], invalid: ["20123456787", "40123456786", "2012345678"] },
  jwt: {
    valid: [
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.",
    ],
    invalid: [
      "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJhIn0.c2ln", // header without alg
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0", // two parts
      "bm90IGpzb24.eyJzdWIiOiJhIn0.c2ln", // header is not JSON
      "eyJhbGciOiJIUzI1NiJ9..c2ln", // empty payload
    ],
  },
};

describe("validators", () => {
  it("has a table for every exported validator", () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(validators).sort());
  });

  for (const [name, { valid, invalid }] of Object.entries(table)) {
    describe(name, () => {
      it.each(valid)("accepts %s", (value) => expect(validators[name](value)).toBe(true));
      it.each(invalid)("rejects %s", (value) => expect(validators[name](value)).toBe(false));
    });
  }
});

describe("building blocks", () => {
  it("names the issuer of test card numbers", () => {
    expect(["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000", "30569309025904", "6200000000000005"].map(cardIssuer)).toEqual(
      ["visa", "mastercard", "amex", "discover", "jcb", "diners", "unionpay"],
    );
  });

  it("computes the Verhoeff check of the textbook example 236 -> 3", () => {
    expect(verhoeffCheck("2363")).toBe(true);
    expect(verhoeffCheck("2364")).toBe(false);
  });

  it("computes the ISO 7064 MOD 11,10 check digit", () => {
    expect(iso7064Mod1110CheckDigit("8609574271")).toBe(9);
  });
});
