/** IpAddress: the request's address falls in one of the CIDR ranges (IPv4 or IPv6; a bare address is a /32 or /128). */
function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!text.includes(":")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const words = (half: string): string[] => (half === "" ? [] : half.split(":"));
  let head = words(halves[0]!);
  let tail = halves.length === 2 ? words(halves[1]!) : [];
  const expand = (list: string[]): string[] | null => {
    const last = list[list.length - 1];
    if (last !== undefined && last.includes(".")) {
      const v4 = parseIpv4(last);
      if (v4 === null) return null;
      return [...list.slice(0, -1), ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16)];
    }
    return list;
  };
  if (halves.length === 2) {
    const t = expand(tail);
    if (!t) return null;
    tail = t;
  } else {
    const h = expand(head);
    if (!h) return null;
    head = h;
  }
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<string>(missing).fill("0"), ...tail];
  let value = 0n;
  for (const word of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(word)) return null;
    value = (value << 16n) | BigInt(parseInt(word, 16));
  }
  return value;
}

interface Address {
  value: bigint;
  bits: number;
}

function parseAddress(text: string): Address | null {
  const v4 = parseIpv4(text.trim());
  if (v4 !== null) return { value: v4, bits: 32 };
  const v6 = parseIpv6(text.trim());
  return v6 === null ? null : { value: v6, bits: 128 };
}

export function inCidr(address: string, cidr: string): boolean {
  const [base, prefixText] = cidr.trim().split("/");
  const ip = parseAddress(address);
  const range = parseAddress(base ?? "");
  if (!ip || !range || ip.bits !== range.bits) return false;
  const prefix = prefixText === undefined ? range.bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > range.bits) return false;
  const shift = BigInt(range.bits - prefix);
  return ip.value >> shift === range.value >> shift;
}

export const IpAddress = (value: string, policyValue: string): boolean => inCidr(value, policyValue);
