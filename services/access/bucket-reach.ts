/**
 * Which buckets an identity statement's Resource element can touch (the bucket itself or any object in it), as sorted
 * positions in InventoryModel.buckets, or "all". Bulk evaluation uses it to evaluate a principal only on the buckets
 * its statements can reach. Patterns are resolved once (a pattern's literal bucket-name prefix selects a range of the
 * name-sorted buckets by binary search) and statements once: group and managed policies are shared by many principals.
 */
import type { BucketModel, InventoryModel } from "./inventory-model.js";
import type { CompiledStatement } from "./policy/normalize.js";
import { canMatchUnder } from "./matching/resource.js";
import { compileWildcard, hasWildcard } from "./matching/wildcard.js";

export type BucketReach = "all" | Int32Array;

const S3_ARN_PREFIX = "arn:aws:s3:::";
const NOWHERE = new Int32Array(0);

export class BucketReachIndex {
  private readonly patterns = new Map<string, BucketReach>();
  private readonly statements = new WeakMap<CompiledStatement, BucketReach>();
  /** Bucket positions sorted by bucket name. */
  private readonly byName: Int32Array;
  private readonly positionByName = new Map<string, number>();

  constructor(private readonly model: InventoryModel) {
    const buckets = model.buckets;
    buckets.forEach((b, i) => this.positionByName.set(b.facts.name, i));
    const order = buckets.map((_, i) => i);
    order.sort((a, b) => compareNames(buckets[a]!.facts.name, buckets[b]!.facts.name));
    this.byName = Int32Array.from(order);
  }

  /** The buckets one statement can touch: "all" for NotResource, no Resource, "*" or a policy variable. */
  ofStatement(statement: CompiledStatement): BucketReach {
    let reach = this.statements.get(statement);
    if (reach) return reach;
    reach = this.resolveStatement(statement);
    this.statements.set(statement, reach);
    return reach;
  }

  private resolveStatement(statement: CompiledStatement): BucketReach {
    if (!statement.resources || statement.resources.not) return "all";
    const patterns = statement.resources.patterns;
    if (patterns.length === 1) return this.ofPattern(patterns[0]!);
    const union = new Set<number>();
    for (const pattern of patterns) {
      const reach = this.ofPattern(pattern);
      if (reach === "all") return "all";
      for (const i of reach) union.add(i);
    }
    return Int32Array.from(union).sort();
  }

  ofPattern(pattern: string): BucketReach {
    let reach = this.patterns.get(pattern);
    if (reach) return reach;
    reach = this.resolvePattern(pattern);
    this.patterns.set(pattern, reach);
    return reach;
  }

  private resolvePattern(pattern: string): BucketReach {
    if (pattern === "*" || pattern.includes("${")) return "all";
    let literal = "";
    if (pattern.startsWith(S3_ARN_PREFIX)) {
      const bucketPart = pattern.slice(S3_ARN_PREFIX.length).split("/")[0]!;
      if (bucketPart === "*") return "all";
      if (!hasWildcard(bucketPart)) {
        const position = this.positionByName.get(bucketPart);
        return position === undefined ? NOWHERE : Int32Array.of(position);
      }
      literal = bucketPart.split(/[*?]/)[0]!;
    } else if (!hasWildcard(pattern)) {
      return NOWHERE;
    }
    const matcher = compileWildcard(pattern);
    const found: number[] = [];
    for (let i = this.firstWithPrefix(literal); i < this.byName.length; i++) {
      const bucket: BucketModel = this.model.buckets[this.byName[i]!]!;
      if (!bucket.facts.name.startsWith(literal)) break;
      if (matcher(bucket.arn) || canMatchUnder(pattern, `${bucket.arn}/`)) found.push(this.byName[i]!);
    }
    return Int32Array.from(found).sort();
  }

  private firstWithPrefix(prefix: string): number {
    let lo = 0;
    let hi = this.byName.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.model.buckets[this.byName[mid]!]!.facts.name < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Code-unit order, independent of locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a sorted reach contains one bucket position. */
export function reaches(reach: BucketReach, position: number): boolean {
  if (reach === "all") return true;
  let lo = 0;
  let hi = reach.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = reach[mid]!;
    if (v === position) return true;
    if (v < position) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
