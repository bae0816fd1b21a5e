/**
 * HTTP Basic credentials (RFC 7617): the header's token decodes to printable "user-id:password" with a non-empty
 * password. Placeholders such as "Basic <token>" or "Basic base64string" do not decode to that.
 */
export function basicAuth(value: string): boolean {
  const match = /Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(value);
  if (!match || match[1].length % 4 !== 0) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 && colon < decoded.length - 1 && /^[\x20-\x7e\u00a0-\uffff]+$/.test(decoded) && !decoded.includes("\ufffd");
}
