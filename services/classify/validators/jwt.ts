function decodeBase64Url(part: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part) || part.length % 4 === 1) return null;
  return Buffer.from(part, "base64url").toString("utf8");
}

/** JSON Web Token (RFC 7519, JWS compact form): three base64url parts whose header decodes to a JSON object with "alg". */
export function jwt(value: string): boolean {
  const parts = value.split(".");
  if (parts.length !== 3 || parts[1].length === 0) return false;
  const header = decodeBase64Url(parts[0]);
  if (header === null || decodeBase64Url(parts[1]) === null) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return typeof parsed === "object" && parsed !== null && typeof (parsed as Record<string, unknown>).alg === "string";
  } catch {
    return false;
  }
}
