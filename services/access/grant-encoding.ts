/**
 * A compact form of AccessGrant rows for passing them between threads: structured cloning of millions of small
 * objects costs more than computing them. Each grant becomes a run of integers; the strings and objects grants share
 * (statement refs, condition blocks) are sent once, the first time a message needs them, and the
 * receiving side rebuilds grants that share them again.
 */
import type { ConditionBlock } from "./policy-document.js";
import type { AccessGrant, AccessLevel, PrincipalKind, StatementRef } from "./effective-access.js";
import { LEVEL_ACTIONS } from "./access-levels.js";

export interface EncodedGrants {
  /** The principals the rows name, by the index the rows use. */
  principals: Array<{ arn: string; kind: PrincipalKind }>;
  /** Table entries first needed by this message, appended to the receiver's tables in order. */
  refs: StatementRef[];
  blocks: ConditionBlock[];
  /**
   * Per grant: principal index, bucket position, level, actions (a bit per LEVEL_ACTIONS position), conditional (0/1),
   * then three counted lists:
   * condition block ids, statement ref ids, deniedWhen block ids (count -1 when the grant has no deniedWhen).
   */
  rows: Int32Array;
}

const LEVELS: readonly AccessLevel[] = ["READ", "WRITE", "LIST", "PERMISSIONS"];
const LEVEL_IDS = new Map(LEVELS.map((level, i) => [level, i]));
const ACTION_BITS = new Map(LEVEL_ACTIONS.map((a, i) => [a.action, 1 << i]));

class Interner<T> {
  private readonly ids = new Map<T, number>();
  fresh: T[] = [];
  id(value: T): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
      this.fresh.push(value);
    }
    return id;
  }
  takeFresh(): T[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** One per sending thread: ids are valid for the matching GrantDecoder, which must see every message in order. */
export class GrantEncoder {
  private readonly refs = new Interner<StatementRef>();
  private readonly blocks = new Interner<ConditionBlock>();
  private readonly bucketPositions = new Map<string, number>();

  constructor(bucketArns: readonly string[]) {
    bucketArns.forEach((arn, i) => this.bucketPositions.set(arn, i));
  }

  encode(grants: readonly AccessGrant[]): EncodedGrants {
    const principals: EncodedGrants["principals"] = [];
    const principalIds = new Map<string, number>();
    const rows: number[] = [];
    const list = <T>(values: readonly T[], interner: Interner<T>): void => {
      rows.push(values.length);
      for (const v of values) rows.push(interner.id(v));
    };
    for (const g of grants) {
      let principal = principalIds.get(g.principalArn);
      if (principal === undefined) {
        principal = principals.length;
        principals.push({ arn: g.principalArn, kind: g.principalKind });
        principalIds.set(g.principalArn, principal);
      }
      let actions = 0;
      for (const a of g.actions) actions |= ACTION_BITS.get(a)!;
      rows.push(principal, this.bucketPositions.get(g.bucketArn)!, LEVEL_IDS.get(g.level)!, actions, g.conditional ? 1 : 0);
      list(g.conditions, this.blocks);
      list(g.via, this.refs);
      if (g.deniedWhen) list(g.deniedWhen, this.blocks);
      else rows.push(-1);
    }
    return {
      principals,
      refs: this.refs.takeFresh(),
      blocks: this.blocks.takeFresh(),
      rows: Int32Array.from(rows),
    };
  }
}

export class GrantDecoder {
  private readonly refs: StatementRef[] = [];
  private readonly blocks: ConditionBlock[] = [];
  /** Action lists by bit mask, shared by the grants that have the same one. */
  private readonly actionLists = new Map<number, string[]>();

  constructor(private readonly bucketArns: readonly string[]) {}

  /** Takes a message's new table entries; call for every message, in the order they were encoded. */
  receive(message: EncodedGrants): void {
    for (const r of message.refs) this.refs.push(r);
    for (const b of message.blocks) this.blocks.push(b);
  }

  /** The grants of a message already received (tables only grow, so decoding may wait). */
  decode(message: EncodedGrants): AccessGrant[] {
    const rows = message.rows;
    const grants: AccessGrant[] = [];
    let i = 0;
    const list = <T>(table: readonly T[]): T[] => {
      const n = rows[i++]!;
      const values: T[] = new Array<T>(n);
      for (let k = 0; k < n; k++) values[k] = table[rows[i++]!]!;
      return values;
    };
    while (i < rows.length) {
      const principal = message.principals[rows[i++]!]!;
      const bucketArn = this.bucketArns[rows[i++]!]!;
      const level = LEVELS[rows[i++]!]!;
      const actions = this.actionsOf(rows[i++]!);
      const conditional = rows[i++] === 1;
      const conditions = list(this.blocks);
      const via = list(this.refs);
      let deniedWhen: ConditionBlock[] | undefined;
      if (rows[i] === -1) i++;
      else deniedWhen = list(this.blocks);
      grants.push({
        principalArn: principal.arn,
        principalKind: principal.kind,
        bucketArn,
        level,
        actions,
        conditional,
        conditions,
        via,
        ...(deniedWhen ? { deniedWhen } : {}),
      });
    }
    return grants;
  }

  private actionsOf(mask: number): string[] {
    let actions = this.actionLists.get(mask);
    if (!actions) {
      actions = LEVEL_ACTIONS.filter((_, i) => mask & (1 << i)).map((a) => a.action);
      this.actionLists.set(mask, actions);
    }
    return actions;
  }
}
