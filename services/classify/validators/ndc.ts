/**
 * US National Drug Code: labeler-product-package in one of the FDA's 10-digit layouts 4-4-2, 5-3-2, 5-4-1, or the
 * 11-digit 5-4-2 billing layout. The hyphens carry the layout, so this takes the trimmed text, not digits only.
 */
export function ndc(value: string): boolean {
  const match = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(value);
  if (!match) return false;
  const layout = match.slice(1).map((part) => part.length).join("-");
  return ["4-4-2", "5-3-2", "5-4-1", "5-4-2"].includes(layout) && !/^[0-]+$/.test(value);
}
