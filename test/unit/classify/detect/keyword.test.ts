import { describe, expect, it } from "vitest";
import { contextWords, findKeyword, findKeywordByLiteral, KeywordList } from "../../../../services/classify/detect/keyword.js";

describe("contextWords", () => {
  it("splits column names and path keys into lower-case words", () => {
    expect(contextWords("customer_SSN")).toEqual(["customer", "ssn"]);
    expect(contextWords("dateOfBirth")).toEqual(["date", "of", "birth"]);
    expect(contextWords("$.credentials.aws.key")).toEqual(["credentials", "aws", "key"]);
  });
});

describe("KeywordList", () => {
  const list = new KeywordList(["ssn", "ss#", "date of birth"]);

  it("finds a keyword in context by whole words, and punctuated keywords as written", () => {
    expect(list.inContext(["customer_ssn"])).toBe("ssn");
    expect(list.inContext(["DateOfBirth"])).toBe("date of birth");
    expect(list.inContext(["holder", "ss#"])).toBe("ss#");
    expect(list.inContext(["classname", "ss_number"])).toBeNull();
  });

  it("finds the nearest keyword either side, or only before for 'precede'", () => {
    const text = "SSN 123-45-6789 date_of_birth";
    expect(list.nearestInText(text, 0, text.length, 4, 15, 30, "either")).toEqual({ word: "ssn", distance: 1 });
    expect(list.nearestInText(text, 0, text.length, 4, 15, 0, "either")).toBeNull();
    expect(list.nearestInText(text, 0, text.length, 4, 15, 30, "precede")).toEqual({ word: "ssn", distance: 12 });
    expect(list.nearestInText(text, 3, text.length, 4, 15, 30, "either")).toEqual({ word: "date of birth", distance: 1 });
  });

  it("finds every occurrence of one keyword starting in a range, with letter boundaries", () => {
    const text = "ssn, SSN and xssn ss_ssn ssn";
    const found: number[] = [];
    findKeyword(list.wordPatterns[0]!, list.maxLength, text, 1, 25, found);
    expect(found).toEqual([5, 8, 21, 24]);
  });

  it("finds by lower-cased literal exactly what the pattern finds", () => {
    const text = "Date of Birth: x; DATE_OF_BIRTH, date-of-birthday, ss# SS#1 ssn, SSN and xssn ss_ssn ssn";
    const lower = text.toLowerCase();
    list.words.forEach((_, i) => {
      const byPattern: number[] = [];
      const byLiteral: number[] = [];
      findKeyword(list.wordPatterns[i]!, list.maxLength, text, 1, 80, byPattern);
      findKeywordByLiteral(list.wordStickies[i]!, list.wordLiterals[i]!, text, lower, 0, 1, 80, byLiteral);
      expect(byLiteral).toEqual(byPattern);
    });
    const dates: number[] = [];
    findKeywordByLiteral(list.wordStickies[2]!, list.wordLiterals[2]!, text, lower, 0, 0, text.length, dates);
    expect(dates).toEqual([0, 13, 18, 31]);
  });

  it("gives the prefilter one source per keyword that matches wherever the exact finder does", () => {
    expect(list.prefilterSources[2]).toBe(String.raw`(?i)(?:date[\s_-]+of[\s_-]+birth)(?:[^a-z]|$)`);
  });

  it("accepts a keyword's apostrophe written as ', \u2019 (PDF, Word) or \u2018, and reports the catalog's spelling", () => {
    const licence = new KeywordList(["driver's license"]);
    const text = "Driver\u2019s license D1234567; driver\u2018s license; driver's license; drivers license";
    const lower = text.toLowerCase();
    const byPattern: number[] = [];
    const byLiteral: number[] = [];
    findKeyword(licence.wordPatterns[0]!, licence.maxLength, text, 0, text.length, byPattern);
    findKeywordByLiteral(licence.wordStickies[0]!, licence.wordLiterals[0]!, text, lower, 0, 0, text.length, byLiteral);
    expect(byPattern).toEqual([0, 16, 27, 43, 45, 61]);
    expect(byLiteral).toEqual(byPattern);
    expect(licence.nearestInText(text, 0, text.length, 17, 25, 30, "either")).toEqual({ word: "driver's license", distance: 1 });
    expect(licence.inContext(["Driver\u2019s license"])).toBe("driver's license");
    expect(licence.prefilterSources[0]).toBe("(?i)(?:driver['\u2018\u2019]s[\\s_-]+license)(?:[^a-z]|$)");
  });
});

