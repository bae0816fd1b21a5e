/**
 * Value fingerprints: HMAC-SHA256 (RFC 2104) of "<type>:<normalised value>" under the deployment's key, in hex. Only
 * the occurrences a Detection keeps (up to 1,000 per type) carry one, so a large object pays for a few thousand HMACs,
 * not one per match. Distinct values are counted with a 32-bit hash of the value instead: an in-memory integer per
 * distinct value (DistinctCounter), cheap to compute and to hold (a million distinct values collide about a hundred
 * times, 0.01 %).
 */
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

export class Fingerprinter {
  /** A KeyObject spares HMAC the key import on every value. */
  private readonly key: KeyObject;

  constructor(key: string) {
    this.key = createSecretKey(Buffer.from(key, "utf8"));
  }

  /** HMAC-SHA256 of `<type>:<normalized>` in hex. */
  of(type: string, normalized: string): string {
    return createHmac("sha256", this.key).update(`${type}:${normalized}`).digest("hex");
  }
}

/** A 32-bit hash of a value (FNV-1a over UTF-16 code units, then murmur3's finaliser) for counting distinct values. */
export function distinctKey(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Distinct 32-bit keys, counted in an open-addressing table of Int32 (about 8 bytes per key at most half full): a
 * large object with a million distinct values holds a few MB here, where a Set of numbers would hold tens.
 */
export class DistinctCounter {
  private table = new Int32Array(64);
  private mask = 63;
  private sawZero = false;
  /** Distinct non-zero keys in the table. */
  private count = 0;

  get size(): number {
    return this.count + (this.sawZero ? 1 : 0);
  }

  add(key: number): void {
    // 0 marks an empty slot, so the key 0 is remembered apart.
    if (key === 0) {
      this.sawZero = true;
      return;
    }
    if (this.insert(key) && 2 * this.count > this.table.length) this.grow();
  }

  /** Whether `key` was new. */
  private insert(key: number): boolean {
    const { table, mask } = this;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const held = table[slot]!;
      if (held === key) return false;
      if (held === 0) {
        table[slot] = key;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.count = 0;
    for (const key of old) if (key !== 0) this.insert(key);
  }
}
