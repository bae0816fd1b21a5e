/**
 * A few catalog rows and validators of the test's own, so that the engine's rules are pinned independently of the
 * real catalog's contents.
 */
import { createHmac } from "node:crypto";
import type { ManagedIdentifier } from "../../../../services/classify/detect/identifier.js";
import type { Segment } from "../../../../services/classify/types.js";

export const KEY = "test-fingerprint-key";

export const SSN: ManagedIdentifier = {
  id: "USA_SOCIAL_SECURITY_NUMBER",
  category: "PERSONAL",
  description: "US social security number",
  pattern: String.raw`\d{3}-\d{2}[-\s]\d{4}`,
  keywords: ["ssn", "social security"],
  keywordRequired: true,
  normalize: "digits",
  excludedValues: ["078-05-1120"],
  severity: ["HIGH", "HIGH", "HIGH"],
};

export const CARD: ManagedIdentifier = {
  id: "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
  category: "FINANCIAL",
  description: "Payment card number",
  pattern: String.raw`\b(?:\d[ -]?){12,18}\d\b`,
  keywords: ["card", "visa"],
  keywordRequired: false,
  normalize: "digits",
  validator: "luhn",
  excludedValues: ["4111 1111 1111 1111"],
  severity: ["HIGH", "HIGH", "HIGH"],
};

export const EMAIL: ManagedIdentifier = {
  id: "EMAIL_ADDRESS",
  category: "PERSONAL",
  description: "Email address",
  pattern: String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
  keywordRequired: false,
  normalize: "trim",
  severity: ["LOW", "MEDIUM", "HIGH"],
};

export const PEM: ManagedIdentifier = {
  id: "PKCS",
  category: "CREDENTIALS",
  description: "Private key block",
  pattern: String.raw`-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s]+?-----END PRIVATE KEY-----`,
  keywordRequired: false,
  normalize: "none",
  severity: ["HIGH", "HIGH", "HIGH"],
};

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const VALIDATORS = { luhn };

export function fingerprint(type: string, normalized: string): string {
  return createHmac("sha256", KEY).update(`${type}:${normalized}`).digest("hex");
}

export function text(value: string, line = 1, column = 1, member?: string): Segment {
  return { text: value, location: { kind: "text", line, column }, context: [], ...(member ? { member } : {}) };
}

export function cell(value: string, row: number, column: number, columnName: string | null, sheet?: string): Segment {
  return {
    text: value,
    location: { kind: "cell", row, column, columnName, ...(sheet !== undefined ? { sheet } : {}) },
    context: columnName === null ? [] : [columnName],
  };
}

export function record(value: string, recordIndex: number, jsonPath: string, context: string[]): Segment {
  return { text: value, location: { kind: "record", recordIndex, jsonPath }, context };
}
