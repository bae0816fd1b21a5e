/** One evaluation case: a text (as one segment) and every detection it must yield. Anything else is a false positive. */
export interface EvalCase {
  /** The identifier this case was written for (for reading the data; scoring looks only at `expect`). */
  for: string;
  kind: "positive" | "negative";
  text: string;
  /** Column name or JSON path elements, when the case stands for a cell or a record value. */
  context?: string[];
  /** Detections that must be reported, with the value as written in the text. Empty for a negative. */
  expect: { id: string; value: string }[];
}

/** Reads a JSON-lines file of cases. */
export function parseCases(jsonl: string): EvalCase[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as EvalCase);
}
