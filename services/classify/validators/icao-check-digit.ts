/** ICAO 9303 check digit: weights 7, 3, 1 repeating; digits as themselves, letters A=10 ... Z=35, "<" as 0. */
export function icaoCheckDigit(body: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code === 60 ? 0 : code <= 57 ? code - 48 : code - 55;
    sum += value * weights[i % 3];
  }
  return sum % 10;
}

/**
 * Germany Personalausweis / Reisepass document number: 9 characters from the alphabet without vowels and look-alikes
 * (C F G H J K L M N P R T V W X Y Z and digits), then the ICAO 9303 check digit.
 */
export function germanDocumentNumber(value: string): boolean {
  if (!/^[CFGHJKLMNPRTVWXYZ0-9]{9}\d$/.test(value)) return false;
  return icaoCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48;
}
