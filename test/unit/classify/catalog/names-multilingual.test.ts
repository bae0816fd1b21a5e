/** Pins the multilingual name lists NAME is to read: folds, coverage per tradition, and the words left out on purpose. */
import { describe, expect, it } from "vitest";
import {
  asciiFold,
  GIVEN_NAMES_BY_LANGUAGE,
  MULTILINGUAL_GIVEN_NAMES,
  MULTILINGUAL_SURNAMES,
  SURNAME_FIRST_SURNAMES,
  SURNAMES_BY_LANGUAGE,
} from "../../../../services/classify/catalog/matchers/names-multilingual.js";

describe("multilingual name lists", () => {
  it("folds letters to the ASCII people type without them", () => {
    expect(["Joaquín", "Gonçalo", "Łukasz", "Weiß", "Şahin", "İbrahim", "Yılmaz", "Nguyễn", "Đặng", "Søren", "Chloé"].map(asciiFold)).toEqual([
      "Joaquin", "Goncalo", "Lukasz", "Weiss", "Sahin", "Ibrahim", "Yilmaz", "Nguyen", "Dang", "Soren", "Chloe",
    ]);
  });

  it("holds every name with its diacritics and its fold", () => {
    const given = new Set(MULTILINGUAL_GIVEN_NAMES);
    const surnames = new Set(MULTILINGUAL_SURNAMES);
    for (const name of ["Joaquín", "Joaquin", "João", "Joao", "Małgorzata", "Malgorzata", "Zeynep", "Oluwaseun", "Minh"]) expect(given.has(name), name).toBe(true);
    for (const name of ["Hernández", "Hernandez", "Wiśniewski", "Wisniewski", "Nguyễn", "Nguyen", "Öztürk", "Ozturk", "Okonkwo"]) expect(surnames.has(name), name).toBe(true);
  });

  it("has at least 35 given names and 17 surnames for each of the thirteen traditions", () => {
    const short = Object.entries(GIVEN_NAMES_BY_LANGUAGE)
      .filter(([language, names]) => names.length < 35 || SURNAMES_BY_LANGUAGE[language as keyof typeof SURNAMES_BY_LANGUAGE].length < 17)
      .map(([language]) => language);
    expect(Object.keys(GIVEN_NAMES_BY_LANGUAGE)).toHaveLength(13);
    expect(short).toEqual([]);
  });

  it("leaves out names of one or two letters and everyday capitalised words", () => {
    const all = [...MULTILINGUAL_GIVEN_NAMES, ...MULTILINGUAL_SURNAMES];
    expect(all.filter((name) => name.length <= 2)).toEqual([]);
    expect(all.filter((name) => ["Can", "Sem", "Paz", "Luz", "Lan", "Mai", "Nam", "Jun", "Min", "Sun", "Pan", "Le", "Do", "To", "He", "Ma"].includes(name))).toEqual([]);
  });

  it("lists the surnames written first as Vietnamese and Chinese ones", () => {
    expect(SURNAME_FIRST_SURNAMES).toContain("Nguyễn");
    expect(SURNAME_FIRST_SURNAMES).toContain("Zhang");
    expect(SURNAME_FIRST_SURNAMES).not.toContain("García");
  });
});
