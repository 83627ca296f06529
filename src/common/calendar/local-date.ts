/**
 * A date on the wall calendar, written YYYY-MM-DD, with no zone: the unit deadlines are counted
 * in. Arithmetic runs on whole days since 1970-01-01 in UTC, so no zone or DST can shift a day.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01; throws a RangeError naming the argument when it is no real date. */
export function dayNumberOf(date: string, argument = 'date'): number {
  const match = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    // Date.UTC rolls 2021-02-30 over to March and maps years below 100 to 19xx: reject both.
    if (
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day
    ) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(
    `${argument} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(date)}`,
  );
}

export function localDateOfDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function assertLocalDate(date: string, argument = 'date'): void {
  dayNumberOf(date, argument);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOfDayNumber(dayNumberOf(date) + days);
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function weekdayOf(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1;
}

/** Saturday or Sunday: the days off of the five-day week that state bodies in KG, KZ and UA keep. */
export function isWeekend(date: LocalDate): boolean {
  return weekdayOf(date) >= 6;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
