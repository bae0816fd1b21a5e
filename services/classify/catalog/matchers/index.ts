/**
 * Matchers for identifiers that no single regular expression states well. A catalog row names one in `matcher`;
 * the engine calls it on segment text where the row's `pattern` (a prefilter) matches. See ../README.md.
 */
import { findAddresses } from "./address.js";
import { findNames } from "./name.js";
import type { SpanMatcher } from "./span.js";

export type { Span, SpanMatcher } from "./span.js";

export const matchers: Readonly<Record<string, SpanMatcher>> = {
  address: findAddresses,
  name: findNames,
};
