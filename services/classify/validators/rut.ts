/** Chile RUT/RUN: body digits then a check character from weights 2..7 cycling from the right, 11 -> 0, 10 -> K. */
export function rut(value: string): boolean {
  const match = /^(\d{7,8})([0-9K])$/.exec(value);
  if (!match) return false;
  const [, body, check] = match;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(body.length - 1 - i) - 48) * (2 + (i % 6));
  const digit = 11 - (sum % 11);
  return check === (digit === 11 ? "0" : digit === 10 ? "K" : String(digit));
}
