/** Second-level and top-level domains reserved for documentation and testing (RFC 2606, RFC 6761). */
const RESERVED = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local)$/i;

/**
 * An email address worth reporting: dot-atom local part (no leading, trailing or doubled dot), a domain that is not
 * reserved for documentation, and not the "git@host" of an SSH remote (git@github.com:org/repo.git), which names a
 * service login, not a mailbox.
 */
export function emailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  if (local === "git") return false;
  const domain = value.slice(at + 1);
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  return !RESERVED.test(domain) && !domain.split(".").some((label) => label.startsWith("-") || label.endsWith("-"));
}
