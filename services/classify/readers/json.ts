/**
 * JSON and JSON Lines, streamed: a tokenizer over decoded chunks keeps only the current path, so a 2 GB array never
 * sits in memory and 10,000 levels of nesting cost an array, not the call stack. Every string and number leaf is one
 * record segment with its JSONPath (`$.users[3].ssn`) and the path's keys as context. Numbers keep their source text
 * (JSON.parse would round a 19-digit card number). Nesting beyond `maxJsonNesting` is NESTING_TOO_DEEP.
 * JSON: `recordIndex` is the ordinal of the top-level value (0 for an ordinary file). JSONL: the 0-based line.
 */
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";
import { describe, type ReadContext, type Source } from "./context.js";
import { decodeText } from "./text.js";

interface Frame {
  array: boolean;
  /** Array index of the next element, or the current object key. */
  index: number;
  key: string | null;
}

const enum Expect {
  /** A value at top level, or whitespace between top-level values. */
  TopValue,
  Value,
  /** After "[": a value or "]". */
  ValueOrEnd,
  /** After "{": a key or "}". */
  KeyOrEnd,
  Key,
  Colon,
  /** After a value inside a container: "," or the closing bracket. */
  CommaOrEnd,
}

const enum Token {
  None,
  String,
  Number,
  Literal,
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NUMBER_CHAR = /[-+0-9.eE]/;

function pathOf(stack: readonly Frame[]): { jsonPath: string; context: string[] } {
  let jsonPath = "$";
  const context: string[] = [];
  for (const frame of stack) {
    if (frame.array) {
      jsonPath += `[${frame.index}]`;
    } else if (frame.key !== null) {
      jsonPath += IDENTIFIER.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`;
      context.push(frame.key);
    }
  }
  return { jsonPath, context };
}

export async function* readJson(source: Source, ctx: ReadContext, lines: boolean): AsyncGenerator<Segment[]> {
  const maxNesting = ctx.limits.maxJsonNesting;
  const maxString = ctx.limits.maxSegmentChars;
  const stack: Frame[] = [];
  let expect = Expect.TopValue as Expect;
  let token = Token.None as Token;
  let text = "";
  /** Escape in progress inside a string: "" none, "\\" after a backslash, "\\uXX.." collecting hex digits. */
  let escape = "";
  let line = 0;
  let topIndex = 0;
  let recordIndex = 0;
  const where = describe(source);

  const corrupt = (problem: string): UnclassifiableError =>
    new UnclassifiableError("CORRUPT_FILE", `${where}: invalid JSON at line ${line + 1}: ${problem}`);

  const leaf = (value: string): Segment => {
    const { jsonPath, context } = pathOf(stack);
    const segment: Segment = { text: value, location: { kind: "record", recordIndex, jsonPath }, context };
    if (source.member !== undefined) segment.member = source.member;
    return segment;
  };

  const valueDone = (): void => {
    if (stack.length === 0) {
      topIndex++;
      expect = Expect.TopValue;
    } else {
      expect = Expect.CommaOrEnd;
    }
  };

  const beginValue = (): void => {
    if (stack.length === 0) recordIndex = lines ? line : topIndex;
  };

  /** Finishes a token; returns a segment for string and number values. */
  const finishToken = (out: Segment[]): void => {
    const value = text;
    text = "";
    const kind = token;
    token = Token.None;
    if (kind === Token.String) {
      if (expect === Expect.Key || expect === Expect.KeyOrEnd) {
        stack[stack.length - 1]!.key = value;
        expect = Expect.Colon;
        return;
      }
      if (value.length > 0) out.push(leaf(value));
      valueDone();
      return;
    }
    if (kind === Token.Number) {
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(value)) throw corrupt(`bad number "${value.slice(0, 40)}"`);
      out.push(leaf(value));
      valueDone();
      return;
    }
    if (value !== "true" && value !== "false" && value !== "null") throw corrupt(`unexpected "${value.slice(0, 40)}"`);
    valueDone();
  };

  for await (const chunk of decodeText(source.chunks)) {
    ctx.checkpoint();
    const out: Segment[] = [];
    try {
      scanChunk(chunk, out);
    } catch (error) {
      // Leaves found before the error in this chunk are still reported.
      if (out.length > 0) yield out;
      throw error;
    }
    if (out.length > 0) yield out;
  }
  const out: Segment[] = [];
  if (token === Token.Number || token === Token.Literal) finishToken(out);
  if (out.length > 0) yield out;
  if (token === Token.String || stack.length > 0) throw corrupt("unexpected end of input");

  function scanChunk(chunk: string, out: Segment[]): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (token === Token.String) {
        if (escape.length > 0) {
          const c = chunk[i]!;
          i++;
          if (escape === "\\") {
            if (c === "u") {
              escape = "\\u";
              continue;
            }
            const simple = SIMPLE_ESCAPES[c];
            if (simple === undefined) throw corrupt(`bad escape "\\${c}"`);
            text += simple;
            escape = "";
            continue;
          }
          escape += c;
          if (escape.length === 6) {
            const code = Number.parseInt(escape.slice(2), 16);
            if (Number.isNaN(code)) throw corrupt(`bad escape "${escape}"`);
            text += String.fromCharCode(code);
            escape = "";
          }
          continue;
        }
        let j = i;
        while (j < n) {
          const c = chunk.charCodeAt(j);
          if (c === 0x22 || c === 0x5c) break;
          j++;
        }
        text += chunk.slice(i, j);
        i = j;
        if (text.length > maxString) {
          if (expect === Expect.Key || expect === Expect.KeyOrEnd) throw corrupt(`an object key is longer than ${maxString} characters`);
          // A runaway string value is scanned in pieces under the same path.
          out.push(leaf(text));
          text = "";
        }
        if (j === n) break;
        i++;
        if (chunk.charCodeAt(j) === 0x5c) {
          escape = "\\";
        } else {
          finishToken(out);
        }
        continue;
      }
      const c = chunk[i]!;
      if (token === Token.Number || token === Token.Literal) {
        if ((token === Token.Number && NUMBER_CHAR.test(c)) || (token === Token.Literal && c >= "a" && c <= "z")) {
          text += c;
          if (text.length > 400) throw corrupt("token too long");
          i++;
          continue;
        }
        finishToken(out);
        // fall through: `c` is examined as structure
      }
      i++;
      if (c === "\n") {
        line++;
        continue;
      }
      if (c === " " || c === "\t" || c === "\r" || c === "\ufeff") continue;
      if (expect === Expect.ValueOrEnd && c === "]") {
        stack.pop();
        valueDone();
        continue;
      }
      switch (expect as Expect) {
        case Expect.Colon:
          if (c !== ":") throw corrupt(`expected ":" but found "${c}"`);
          expect = Expect.Value;
          continue;
        case Expect.KeyOrEnd:
        case Expect.Key:
          if (c === '"') {
            token = Token.String;
            continue;
          }
          if (c === "}" && expect === Expect.KeyOrEnd) {
            stack.pop();
            valueDone();
            continue;
          }
          throw corrupt(`expected a key but found "${c}"`);
        case Expect.CommaOrEnd: {
          const top = stack[stack.length - 1]!;
          if (c === ",") {
            if (top.array) {
              top.index++;
              expect = Expect.Value;
            } else {
              expect = Expect.Key;
            }
            continue;
          }
          if ((c === "]" && top.array) || (c === "}" && !top.array)) {
            stack.pop();
            valueDone();
            continue;
          }
          throw corrupt(`expected "," or a closing bracket but found "${c}"`);
        }
        case Expect.ValueOrEnd:
        case Expect.Value:
        case Expect.TopValue:
          beginValue();
          if (c === "{" || c === "[") {
            if (stack.length >= maxNesting) {
              throw new UnclassifiableError(
                "NESTING_TOO_DEEP",
                `${where}: JSON nests deeper than ${maxNesting} levels at line ${line + 1}`,
              );
            }
            const array = c === "[";
            stack.push({ array, index: 0, key: null });
            expect = array ? Expect.ValueOrEnd : Expect.KeyOrEnd;
            continue;
          }
          if (c === '"') {
            token = Token.String;
            continue;
          }
          if (c === "-" || (c >= "0" && c <= "9")) {
            token = Token.Number;
            text = c;
            continue;
          }
          if (c === "t" || c === "f" || c === "n") {
            token = Token.Literal;
            text = c;
            continue;
          }
          throw corrupt(`unexpected "${c}"`);
      }
    }
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
