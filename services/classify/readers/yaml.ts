/**
 * YAML, read as text (its keys sit next to their values on the same line, which is what keyword proximity needs) with
 * its quoted scalars unescaped, so that 'Driver''s license: X' reads "Driver's license" and "Name:\u00a0Ana" reads
 * the character. Streamed and line-preserving: the quotes stay, nothing adds or removes a line (an escaped "\n" becomes
 * a space, an escaped line break keeps its break), so lines stay right and only columns after an escape shift.
 */
import type { Segment } from "../types.js";
import type { ReadContext, Source } from "./context.js";
import { decodeText, textSegments } from "./text.js";

type State = "plain" | "comment" | "single" | "double";

/** Double-quoted escapes of one character (YAML 1.2 section 5.7); "\n" and "\r" become a space to keep lines. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: " ", r: " ", v: "\v", f: "\f", e: "\x1b", " ": " ",
  '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029",
};
const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Unescapes the quoted scalars of a YAML character stream, chunk by chunk; holds back what a chunk end cuts. */
export class YamlScalarUnescaper {
  private state: State = "plain";
  /** The last character seen outside a quoted scalar and comment, and the last non-blank one on its line. */
  private previous = "\n";
  private previousNonBlank = "\n";
  private held = "";

  push(chunk: string): string {
    const text = this.held + chunk;
    this.held = "";
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (this.state === "single") {
        if (c !== "'") {
          out += c;
          i++;
        } else if (i + 1 >= text.length) {
          this.held = c;
          break;
        } else if (text[i + 1] === "'") {
          out += "'";
          i += 2;
        } else {
          out += c;
          this.close();
          i++;
        }
      } else if (this.state === "double") {
        if (c === '"') {
          out += c;
          this.close();
          i++;
        } else if (c !== "\\") {
          out += c;
          i++;
        } else {
          const escape = this.escape(text, i);
          if (escape === null) {
            this.held = text.slice(i);
            break;
          }
          out += escape.text;
          i += escape.length;
        }
      } else {
        out += c;
        i++;
        this.plain(c);
      }
    }
    return out;
  }

  /** What was held back at the end of the stream, as written. */
  end(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }

  private plain(c: string): void {
    if (this.state === "comment") {
      if (c === "\n") this.afterScalar(c);
      return;
    }
    const blank = c === " " || c === "\t";
    if (c === "#" && (this.previous === " " || this.previous === "\t" || this.previous === "\n")) {
      this.state = "comment";
    } else if ((c === "'" || c === '"') && this.startsScalar()) {
      this.state = c === "'" ? "single" : "double";
    } else {
      this.previous = c;
      if (!blank) this.previousNonBlank = c;
    }
  }

  /** A quote opens a scalar where a node starts: at a line start, after "key: ", "- ", "? " or a flow "[", "{", ",". */
  private startsScalar(): boolean {
    const p = this.previousNonBlank;
    const separated = this.previous === " " || this.previous === "\t" || this.previous === "\n";
    if (p === "\n" || p === "[" || p === "{" || p === ",") return true;
    return (p === ":" || p === "-" || p === "?") && separated;
  }

  private close(): void {
    this.state = "plain";
    this.previous = "x";
    this.previousNonBlank = "x";
  }

  private afterScalar(c: string): void {
    this.state = "plain";
    this.previous = c;
    this.previousNonBlank = c;
  }

  /** The escape at text[at] ("\\..."): its replacement and length, or null when the chunk ends inside it. */
  private escape(text: string, at: number): { text: string; length: number } | null {
    const kind = text[at + 1];
    if (kind === undefined) return null;
    if (kind === "\n") return { text: "\n", length: 2 };
    if (kind === "\r") return text[at + 2] === undefined ? null : { text: text[at + 2] === "\n" ? "\r\n" : "\r", length: text[at + 2] === "\n" ? 3 : 2 };
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) return { text: simple, length: 2 };
    const digits = HEX_ESCAPE_DIGITS[kind];
    if (digits === undefined) return { text: text.slice(at, at + 2), length: 2 };
    const hex = text.slice(at + 2, at + 2 + digits);
    if (hex.length < digits && at + 2 + hex.length >= text.length && /^[0-9a-fA-F]*$/.test(hex)) return null;
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : NaN;
    if (Number.isNaN(code) || code > 0x10ffff) return { text: text.slice(at, at + 2), length: 2 };
    return { text: String.fromCodePoint(code), length: 2 + digits };
  }
}

async function* unescaped(strings: AsyncIterable<string>): AsyncGenerator<string> {
  const unescaper = new YamlScalarUnescaper();
  for await (const chunk of strings) {
    const out = unescaper.push(chunk);
    if (out.length > 0) yield out;
  }
  const rest = unescaper.end();
  if (rest.length > 0) yield rest;
}

export function readYaml(source: Source, ctx: ReadContext): AsyncIterable<Segment[]> {
  return textSegments(unescaped(decodeText(source.chunks)), ctx, source);
}
