/** A decimal latitude,longitude pair: latitude within +-90 and longitude within +-180, both with a fraction. */
export function latitudeLongitude(value: string): boolean {
  const match = /^(-?\d{1,2}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)$/.exec(value);
  if (!match) return false;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 && !(latitude === 0 && longitude === 0);
}
