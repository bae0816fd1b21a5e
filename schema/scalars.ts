/** Scalars from graphql-scalars that the schema uses, and conversions from graph values into them. */
import { DateTimeISOResolver, JSONResolver, SafeIntResolver } from "graphql-scalars";
import { Severity } from "./enums.js";

/** Byte counts and other integers that outgrow GraphQL's 32-bit Int. */
export const SafeInt = SafeIntResolver;
export const DateTimeISO = DateTimeISOResolver;
export const JSONValue = JSONResolver;

/** A timestamp read from the graph (ISO text), or null when absent or unreadable. */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toSeverity(value: string | null | undefined): Severity | null {
  return value && value in Severity ? Severity[value as keyof typeof Severity] : null;
}
