import type { CalendarCountry } from './calendar-year.js';
import { assertCountry, isWorkingDay } from './holidays.js';
import { addDays, assertLocalDate, type LocalDate } from './local-date.js';

/** A count of days must be a whole number of at least 1: 0 or less is a bug upstream. */
export function assertPositiveDays(days: number, argument: string): void {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new RangeError(`${argument} must be a whole number of days, at least 1, got ${days}`);
  }
}

/** `localDate` itself when it is a working day, else the first working day after it. */
export function workingDayOnOrAfter(localDate: LocalDate, country: CalendarCountry): LocalDate {
  assertLocalDate(localDate, 'localDate');
  assertCountry(country);
  let day = localDate;
  while (!isWorkingDay(day, country)) day = addDays(day, 1);
  return day;
}

/**
 * The n-th working day after `localDate` (which itself never counts, as a period starts the day
 * after its event): from Friday 2026-03-20 in KZ, 1 working day is Thursday 26 March (Nauryz).
 */
export function addWorkingDays(
  localDate: LocalDate,
  n: number,
  country: CalendarCountry,
): LocalDate {
  assertLocalDate(localDate, 'localDate');
  assertPositiveDays(n, 'n');
  assertCountry(country);
  let day = localDate;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, country)) counted += 1;
  }
  return day;
}

/**
 * Working days after `fromDate` up to and including `toDate`: the working days left until a
 * deadline whose last day is `toDate`, seen on `fromDate`. The inverse of addWorkingDays for a
 * working `toDate`; 0 for the same day; negative (the same count, reversed) when `toDate` is earlier.
 */
export function workingDaysBetween(
  fromDate: LocalDate,
  toDate: LocalDate,
  country: CalendarCountry,
): number {
  assertLocalDate(fromDate, 'fromDate');
  assertLocalDate(toDate, 'toDate');
  assertCountry(country);
  if (toDate < fromDate) return -workingDaysBetween(toDate, fromDate, country);
  let count = 0;
  for (let day = addDays(fromDate, 1); day <= toDate; day = addDays(day, 1)) {
    if (isWorkingDay(day, country)) count += 1;
  }
  return count;
}
