import {
  CALENDAR_COUNTRIES,
  type CalendarCountry,
  type CalendarYear,
  type DayOff,
} from './calendar-year.js';
import { KG_COVERAGE, kgCalendarYear } from './kg-holidays.js';
import { KZ_COVERAGE, kzCalendarYear } from './kz-holidays.js';
import { isWeekend, yearOf, assertLocalDate, type LocalDate } from './local-date.js';
import { UA_COVERAGE, uaCalendarYear } from './ua-holidays.js';

/** The years each country's data was reviewed for; outside them every query throws. */
export const CALENDAR_COVERAGE: Readonly<
  Record<CalendarCountry, { readonly from: number; readonly to: number }>
> = { KG: KG_COVERAGE, KZ: KZ_COVERAGE, UA: UA_COVERAGE };

const builders: Record<CalendarCountry, (year: number) => CalendarYear> = {
  KG: kgCalendarYear,
  KZ: kzCalendarYear,
  UA: uaCalendarYear,
};

interface IndexedYear {
  readonly calendar: CalendarYear;
  readonly off: ReadonlySet<LocalDate>;
  readonly working: ReadonlySet<LocalDate>;
}

// Years are immutable data, so each is built once per process.
const cache = new Map<string, IndexedYear>();

export function assertCountry(country: string): asserts country is CalendarCountry {
  if (!(CALENDAR_COUNTRIES as readonly string[]).includes(country)) {
    throw new RangeError(
      `country must be one of ${CALENDAR_COUNTRIES.join(', ')}, got ${JSON.stringify(country)}`,
    );
  }
}

function indexedYear(country: CalendarCountry, year: number): IndexedYear {
  assertCountry(country);
  if (!Number.isSafeInteger(year)) {
    throw new RangeError(`year must be an integer, got ${String(year)}`);
  }
  const key = `${country}-${year}`;
  let entry = cache.get(key);
  if (!entry) {
    const calendar = builders[country](year);
    entry = {
      calendar,
      off: new Set(calendar.daysOff.map((day) => day.date)),
      working: new Set(calendar.workingByDecree),
    };
    cache.set(key, entry);
  }
  return entry;
}

/** Days off of a country's year besides Saturdays and Sundays, and the days decrees made working. */
export function calendarYear(country: CalendarCountry, year: number): CalendarYear {
  return indexedYear(country, year).calendar;
}

/**
 * Every day off of the year that is not a plain weekend: holidays, substitute days and decree days.
 * Throws a CalendarDataError for a year without data (e.g. `holidaysOf('KG', 2031)`).
 */
export function holidaysOf(country: CalendarCountry, year: number): readonly DayOff[] {
  return calendarYear(country, year).daysOff;
}

/** Monday to Friday, not a day off, or made working by decree. */
export function isWorkingDay(localDate: LocalDate, country: CalendarCountry): boolean {
  assertLocalDate(localDate, 'localDate');
  const { off, working } = indexedYear(country, yearOf(localDate));
  if (working.has(localDate)) return true;
  return !isWeekend(localDate) && !off.has(localDate);
}
