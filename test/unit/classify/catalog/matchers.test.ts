/** NAME and ADDRESS matchers: which spans they report in sentences, and the capitalised phrases they must leave alone. */
import { describe, expect, it } from "vitest";
import RE2 from "re2";
import { ADDRESS_PREFILTER, findAddresses } from "../../../../services/classify/catalog/matchers/address.js";
import { re2Superset } from "../../../../services/classify/detect/prefilter.js";
import { findNames } from "../../../../services/classify/catalog/matchers/name.js";

const spans = (find: (text: string) => { start: number; end: number }[], text: string): string[] =>
  find(text).map(({ start, end }) => text.slice(start, end));

describe("findNames", () => {
  it.each([
    ["Please contact John Smith about the invoice.", ["John Smith"]],
    ["Dear Mary O'Brien, thanks", ["Mary O'Brien"]],
    ["Mr. Robert J. Oppenheimer arrived", ["Robert J. Oppenheimer"]],
    ["Ask Olivia Wilson for access.", ["Olivia Wilson"]],
    ["Sophie Turner and Oliver Hughes signed.", ["Sophie Turner", "Oliver Hughes"]],
    ["Contact: Sean McDonald", ["Sean McDonald"]],
    ["Signed by Zoë Müller", ["Zoë Müller"]],
    ["Wniosek złożył Łukasz Wiśniewski wczoraj.", ["Łukasz Wiśniewski"]],
    ["Sayın Şerife Özdemir, başvurunuz onaylandı.", ["Şerife Özdemir"]],
    ["Contact person: Thảo Nguyễn (Hanoi office)", ["Thảo Nguyễn"]],
    ["Sehr geehrte Frau Anja Fischer, anbei Ihre Rechnung.", ["Anja Fischer"]],
    ["Szanowny Panie Jakub Majewski, w załączeniu faktura.", ["Jakub Majewski"]],
    ["Sponsor: Mohammed Al-Farsi, Dubai branch.", ["Mohammed Al-Farsi"]],
    ["Thao Nguyen typed without diacritics", ["Thao Nguyen"]],
    ["Signed by Tha\u0309o Nguye\u0302\u0303n", ["Tha\u0309o Nguye\u0302\u0303n"]],
  ])("finds the name in %j", (text, expected) => {
    expect(spans(findNames, text)).toEqual(expected);
  });

  it.each([
    "Bank Of America", "New York City", "May Day parade", "Morgan Stanley Bank", "Customer Support Team",
    "Mark Payment Due", "A Max Heap keeps the largest element at the root.", "See Demo", "john smith in lower case",
    "JOHN SMITH", "Will Travel", "Monte Carlo Rally results", "Visit Santa Maria Novella", "San Diego Chargers",
    "Hugo Boss outlet opens Monday", "Mercedes Benz dealership",
  ])("finds no name in %j", (text) => {
    expect(findNames(text)).toEqual([]);
  });

  it("reports offsets into the text it was given", () => {
    expect(findNames("id 7: Laura Chen")).toEqual([{ start: 6, end: 16 }]);
  });
});

describe("findAddresses", () => {
  it.each([
    ["Send to 1600 Pennsylvania Avenue NW, Washington, DC 20500 today", "1600 Pennsylvania Avenue NW, Washington, DC 20500"],
    ["221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE"],
    ["HQ at 350 Fifth Avenue, Suite 3300, New York, NY 10118", "350 Fifth Avenue, Suite 3300, New York, NY 10118"],
    ["Deliver to 290 Bremner Blvd, Toronto, ON M5V 3L9", "290 Bremner Blvd, Toronto, ON M5V 3L9"],
    ["Siège : 12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris"],
    ["Adresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"],
    ["Sede legale: Via Roma 10, 00184 Roma", "Via Roma 10, 00184 Roma"],
    ["Bezoekadres Kalverstraat 92, 1012 PH Amsterdam", "Kalverstraat 92, 1012 PH Amsterdam"],
    ["office: 'Siège : 12 rue de la Paix, 75002 Paris'", "12 rue de la Paix, 75002 Paris"],
    ["ship_to: 'Oficina: Calle Mayor 5, 28013 Madrid'", "Calle Mayor 5, 28013 Madrid"],
  ])("finds the address in %j", (text, expected) => {
    expect(spans(findAddresses, text)).toEqual([expected]);
  });

  it.each([
    "We moved to 12 Main Street last year", "Room 101 Building B", "Order 12345 Main ingredients",
    "Highway 101 North traffic is heavy", "Version 2 Release Notes, 2024",
  ])("finds no address without city and postal code in %j", (text) => {
    expect(findAddresses(text)).toEqual([]);
  });

  const layouts = [
    "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    "12 rue de la Paix, 75002 Paris",
    "12 Rue de la Paix, 75002 Paris",
    "Hauptstraße 5, 10115 Berlin",
    "Via Roma 10, 00184 Roma",
    "Kalverstraat 92, 1012 PH Amsterdam",
  ];

  it.each(layouts)("flags %j with the row prefilter, in V8 and as the engine's RE2 superset", (address) => {
    expect(new RegExp(ADDRESS_PREFILTER).test(address)).toBe(true);
    expect(new RE2(re2Superset(ADDRESS_PREFILTER, false)!).test(Buffer.from(address, "utf8"))).toBe(true);
  });

  it("does not flag ordinary text with numbers (the old house-number prefilter flagged almost every window)", () => {
    expect(new RegExp(ADDRESS_PREFILTER).test("Order 12345 shipped on 2025-03-01 to 10.0.0.1, 42 items at $19.99 each")).toBe(false);
  });

  it("finds addresses deep in long text and next to each other, with offsets into the whole text", () => {
    const filler = "the quarterly report 42 shipped 7 items to 3 Regions. ".repeat(200);
    const first = "742 Evergreen Terrace, Springfield, IL 62704";
    const second = "Hauptstraße 5, 10115 Berlin";
    const text = `${filler}${first} and ${second} today ${filler}`;
    expect(findAddresses(text)).toEqual([
      { start: filler.length, end: filler.length + first.length },
      { start: filler.length + first.length + 5, end: filler.length + first.length + 5 + second.length },
    ]);
  });
});
