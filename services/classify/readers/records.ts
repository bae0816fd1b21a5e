/**
 * Structured values (a Parquet row, an Avro record) walked into record segments: each string and number leaf with
 * its JSONPath and the path's keys as context, as for JSON. The walk is iterative and capped at `maxJsonNesting`.
 */
import { UnclassifiableError } from "../limits.js";
import type { Segment } from "../types.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function keyStep(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function leafText(value: unknown): string | null {
  if (typeof value === "string") return value.length > 0 ? value : null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return null;
}

export function recordSegments(
  value: unknown,
  recordIndex: number,
  member: string | undefined,
  maxNesting: number,
): Segment[] {
  const out: Segment[] = [];
  const stack: Array<{ value: unknown; path: string; keys: string[]; depth: number }> = [
    { value, path: "$", keys: [], depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const text = leafText(item.value);
    if (text !== null) {
      const segment: Segment = { text, location: { kind: "record", recordIndex, jsonPath: item.path }, context: item.keys };
      if (member !== undefined) segment.member = member;
      out.push(segment);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== "object" || ArrayBuffer.isView(v) || v instanceof Date) continue;
    if (item.depth >= maxNesting) {
      throw new UnclassifiableError("NESTING_TOO_DEEP", `record ${recordIndex} nests deeper than ${maxNesting} levels`);
    }
    const children: Array<{ value: unknown; path: string; keys: string[]; depth: number }> = [];
    if (Array.isArray(v)) {
      v.forEach((child, i) => children.push({ value: child, path: `${item.path}[${i}]`, keys: item.keys, depth: item.depth + 1 }));
    } else {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      for (const [key, child] of entries) {
        const k = String(key);
        children.push({ value: child, path: item.path + keyStep(k), keys: [...item.keys, k], depth: item.depth + 1 });
      }
    }
    // Reverse so that leaves come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}
