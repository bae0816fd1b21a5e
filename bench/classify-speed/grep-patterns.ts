/**
 * The catalog's patterns as GNU grep -E (POSIX ERE plus GNU's \b, \s, \w) for the baseline: lookarounds removed,
 * \d spelled [0-9], non-capturing groups made plain, lazy quantifiers made greedy, escapes inside brackets rewritten
 * for POSIX brackets. A pattern with syntax ERE cannot express is left out (the runner says how many).
 */
import { stripLookarounds } from "../../services/classify/detect/prefilter.js";

const CLASS_ESCAPES: Record<string, string> = { d: "0-9", s: "[:space:]", w: "[:alnum:]_" };

function bracket(body: string): string | null {
  let items = "";
  let dash = false;
  let close = false;
  let negated = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (i === 0 && c === "^") negated = true;
    else if (c === "\\") {
      const next = body[++i] ?? "";
      if (next in CLASS_ESCAPES) items += CLASS_ESCAPES[next];
      else if (next === "-") dash = true;
      else if (next === "]") close = true;
      else if (/[A-Za-z0-9]/.test(next)) return null;
      else items += next;
    } else items += c;
  }
  // POSIX: "]" goes first and "-" last to be literal.
  return `[${negated ? "^" : ""}${close ? "]" : ""}${items}${dash ? "-" : ""}]`;
}

export function toGrepEre(source: string): string | null {
  const js = stripLookarounds(source);
  let out = "";
  for (let i = 0; i < js.length; i++) {
    const c = js[i]!;
    if (c === "\\") {
      const next = js[++i] ?? "";
      if (next === "d") out += "[0-9]";
      else if (next === "D") out += "[^0-9]";
      else if ("bBsSwW".includes(next)) out += `\\${next}`;
      else if (/[A-Za-z0-9]/.test(next)) return null;
      else out += `\\${next}`;
    } else if (c === "[") {
      let j = i + 1;
      while (j < js.length && js[j] !== "]") j += js[j] === "\\" ? 2 : 1;
      const translated = bracket(js.slice(i + 1, j));
      if (translated === null) return null;
      out += translated;
      i = j;
    } else if (c === "(" && js[i + 1] === "?") {
      if (js[i + 2] === ":") i += 2;
      else if (js[i + 2] === "<") i = js.indexOf(">", i);
      else return null;
      out += "(";
    } else if (c === "?" && /[*+?}]/.test(js[i - 1] ?? "") && js[i - 2] !== "\\") {
      // Lazy quantifier: ERE has none, greedy finds the same lines.
    } else out += c;
  }
  return out;
}
