/** A half-open [start, end) range of a matcher's input text. */
export interface Span {
  start: number;
  end: number;
}

/** A matcher finds candidate spans in text; it is pure and linear in the text's length. */
export type SpanMatcher = (text: string) => Span[];
