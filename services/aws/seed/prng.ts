/**
 * A small seeded PRNG (sfc32, seeded from SHA-256 of a string) so that the demo estate is the same bytes on every
 * machine and every run. Each object is seeded by its own key, so adding an object never changes another's bytes.
 */
import { createHash } from "node:crypto";

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    const h = createHash("sha256").update(seed).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
  }

  /** Uniform in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + (this.nextUint32() % (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(0, items.length - 1)] as T;
  }

  chance(probability: number): boolean {
    return this.nextUint32() / 2 ** 32 < probability;
  }

  string(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  digits(length: number): string {
    return this.string("0123456789", length);
  }

  /**
   * Lowercase hex for ids. A run of more than three digits is broken with a letter, so that ids never look like a
   * card, phone or SSN number to a detector (the clean part of the estate must stay clean).
   */
  hex(length: number): string {
    let out = "";
    let digitRun = 0;
    for (let i = 0; i < length; i++) {
      const c = digitRun >= 3 ? this.string("abcdef", 1) : this.string("0123456789abcdef", 1);
      digitRun = c >= "0" && c <= "9" ? digitRun + 1 : 0;
      out += c;
    }
    return out;
  }
}
