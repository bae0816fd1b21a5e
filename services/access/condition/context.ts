/**
 * The request context: condition keys and their values. Keys are case-insensitive in IAM, so they are stored
 * lower-cased. A key is either known (with values, or known to be absent) or unknown: when the context is not complete
 * (analysis time, where aws:SourceIp or aws:SecureTransport cannot be known), a key nobody supplied is unknown and a
 * condition on it keeps its statement conditional.
 */
export type ContextInput = Record<string, string | string[] | boolean | number | undefined>;

export const UNKNOWN: unique symbol = Symbol("unknown");
export type ContextLookup = string[] | undefined | typeof UNKNOWN;

export class RequestContextKeys {
  private readonly values = new Map<string, string[] | undefined>();

  /**
   * @param input key -> value; `undefined` records a key known to be absent.
   * @param complete when true, keys not in `input` are absent (a simulator's view); when false they are unknown.
   * @param completePrefixes lower-cased key prefixes whose keys are all in `input` (e.g. "aws:principaltag/" when the
   *   principal's tags were collected): a key under them that is not in `input` is absent, not unknown.
   */
  constructor(
    input: ContextInput = {},
    readonly complete = false,
    private readonly completePrefixes: readonly string[] = [],
  ) {
    for (const [key, value] of Object.entries(input)) this.set(key, value);
  }

  set(key: string, value: string | string[] | boolean | number | undefined): void {
    this.values.set(
      key.toLowerCase(),
      value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)],
    );
  }

  get(key: string): ContextLookup {
    const lower = key.toLowerCase();
    if (this.values.has(lower)) return this.values.get(lower);
    if (this.complete || this.completePrefixes.some((prefix) => lower.startsWith(prefix))) return undefined;
    return UNKNOWN;
  }
}

const VARIABLE = /\$\{([^}]*)\}/g;
const LITERALS: Record<string, string> = { "*": "*", "?": "?", $: "$" };

export function hasPolicyVariable(value: string): boolean {
  return value.includes("${");
}

/**
 * Replaces policy variables (${aws:username}, ${aws:PrincipalTag/team}, ${*}...) with their single value. Returns
 * UNKNOWN when a variable's value is not known, and null when it is known to be absent or multi-valued (AWS then
 * treats the element as not matching). A default (`${key, 'default'}`) is used when the key is absent.
 */
export function substituteVariables(value: string, context: RequestContextKeys): string | null | typeof UNKNOWN {
  let unknown = false;
  let absent = false;
  const result = value.replace(VARIABLE, (_whole, inner: string) => {
    const literal = LITERALS[inner];
    if (literal !== undefined) return literal;
    const comma = inner.indexOf(",");
    const key = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? undefined : inner.slice(comma + 1).trim().replace(/^'(.*)'$/, "$1");
    const found = context.get(key);
    if (found === UNKNOWN) {
      unknown = true;
      return "";
    }
    if (found === undefined || found.length !== 1) {
      if (fallback !== undefined) return fallback;
      absent = true;
      return "";
    }
    return found[0]!;
  });
  if (unknown) return UNKNOWN;
  if (absent) return null;
  return result;
}
