const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A calendar date that can be a birth date: a real day between 1900 and 2099, written YYYY-MM-DD, YYYY/MM/DD,
 * MM/DD/YYYY or DD/MM/YYYY (either order is accepted when it is a real date), DD.MM.YYYY, or "March 5, 1984" /
 * "5 March 1984".
 */
export function calendarDate(value: string): boolean {
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (iso) return validYear(iso[1]) && realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    return validYear(numeric[3]) && (realDate(year, a, b) || realDate(year, b, a));
  }
  const monthFirst = /^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{4})$/.exec(value);
  const dayFirst = /^(\d{1,2}) ([A-Za-z]{3})[A-Za-z]*\.?,? (\d{4})$/.exec(value);
  const named = monthFirst
    ? { month: monthFirst[1], day: monthFirst[2], year: monthFirst[3] }
    : dayFirst
      ? { month: dayFirst[2], day: dayFirst[1], year: dayFirst[3] }
      : null;
  if (!named) return false;
  const month = MONTHS.indexOf(named.month.toLowerCase()) + 1;
  return validYear(named.year) && realDate(Number(named.year), month, Number(named.day));
}

function validYear(year: string): boolean {
  const n = Number(year);
  return n >= 1900 && n <= 2099;
}
