import { addDays, isWeekend, type LocalDate } from './local-date.js';

/** The countries whose calendars this module knows; the same codes as a profile's jurisdiction. */
export type CalendarCountry = 'KG' | 'KZ' | 'UA';

export const CALENDAR_COUNTRIES: readonly CalendarCountry[] = ['KG', 'KZ', 'UA'];

/** One day that is not a working day although it may be a weekday. */
export interface DayOff {
  readonly date: LocalDate;
  readonly name: string;
  /**
   * holiday: a public holiday that is a day off by law; substitute: the day off a holiday that fell
   * on a weekend moves to by law; decree: a day off declared or moved by a government resolution.
   */
  readonly kind: 'holiday' | 'substitute' | 'decree';
  /** A forecast (a movable religious holiday not yet declared): check it when the year comes. */
  readonly estimated?: true;
}

/** What makes one country's year differ from plain Monday-to-Friday. */
export interface CalendarYear {
  readonly country: CalendarCountry;
  readonly year: number;
  /** Sorted by date. Holidays that fall on a weekend are listed too. */
  readonly daysOff: readonly DayOff[];
  /** Days a government resolution made working (Saturdays, or a substitute day given back). */
  readonly workingByDecree: readonly LocalDate[];
}

/** Raised when the data for a country and year is not in this module: never guessed as "none". */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}

/** A holiday as a country's table states it, before the weekend and decree rules apply. */
export interface HolidaySpec {
  readonly date: LocalDate;
  readonly name: string;
  /** By law the day off moves to the next working day when the holiday falls on Saturday or Sunday. */
  readonly movesOffWeekend: boolean;
  readonly estimated?: boolean;
}

/** A government resolution's changes to one year: extra days off, and days made working. */
export interface DecreeSpec {
  readonly daysOff: readonly LocalDate[];
  readonly workingDays: readonly LocalDate[];
}

export const NO_DECREE: DecreeSpec = { daysOff: [], workingDays: [] };

/**
 * Applies the weekend rule (each moving holiday on a weekend gives the next weekday that is not
 * already off, in date order, so two weekend holidays give two different days) and then the decree.
 */
export function buildCalendarYear(
  country: CalendarCountry,
  year: number,
  holidays: readonly HolidaySpec[],
  decree: DecreeSpec,
  decreeName: string,
): CalendarYear {
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const off = new Set(sorted.map((holiday) => holiday.date));
  const daysOff: DayOff[] = sorted.map(({ date, name, estimated }) => ({
    date,
    name,
    kind: 'holiday',
    ...(estimated ? { estimated: true as const } : {}),
  }));
  for (const holiday of sorted) {
    if (!holiday.movesOffWeekend || !isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || off.has(day)) day = addDays(day, 1);
    off.add(day);
    daysOff.push({
      date: day,
      name: `${holiday.name} (day off moved from ${holiday.date})`,
      kind: 'substitute',
      ...(holiday.estimated ? { estimated: true as const } : {}),
    });
  }
  for (const date of decree.daysOff) {
    if (!off.has(date)) daysOff.push({ date, name: decreeName, kind: 'decree' });
    off.add(date);
  }
  const working = new Set(decree.workingDays);
  return {
    country,
    year,
    daysOff: daysOff
      .filter((day) => !working.has(day.date))
      .sort((a, b) => a.date.localeCompare(b.date)),
    workingByDecree: [...working].sort(),
  };
}
