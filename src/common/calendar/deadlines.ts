/**
 * Deadlines as instants. Convention: a deadline "until D inclusive" is the LAST MILLISECOND of D in
 * the buyer's zone (the instant the next local day starts, minus 1 ms). An action is on time when
 * it happens at or before the deadline. The instant reads back as day D in that zone, so a
 * deadline can be extended or counted down from (localDateOf) without an off-by-one day.
 */
import { DateTime, IANAZone } from 'luxon';
import type { CalendarCountry } from './calendar-year.js';
import { assertCountry, isWorkingDay } from './holidays.js';
import { addDays, assertLocalDate, type LocalDate } from './local-date.js';
import { addWorkingDays, assertPositiveDays, workingDayOnOrAfter } from './working-days.js';

export type DayCounting = 'calendar' | 'working';

export interface DeadlineOptions {
  /** The buyer's IANA zone, e.g. Asia/Bishkek, Asia/Almaty, Europe/Kyiv. */
  readonly zone: string;
  readonly counting: DayCounting;
  readonly country: CalendarCountry;
  /**
   * A calendar-day deadline whose last day is not a working day ends on the next working day
   * (the civil-code rule, e.g. Civil Code of Ukraine art. 254 part 5). Default false: the deadline
   * stays on the day off. Working-day deadlines always end on a working day.
   */
  readonly rollForwardFromDayOff?: boolean;
}

/** Zones already checked: luxon builds an Intl formatter for every check. */
const validZones = new Set<string>();

export function assertZone(zone: string): void {
  if (validZones.has(zone)) return;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new RangeError(
      `zone must be an IANA time zone such as Asia/Bishkek, got ${JSON.stringify(zone)}`,
    );
  }
  validZones.add(zone);
}

function assertInstant(instant: Date, argument: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${argument} must be a valid Date, got ${String(instant)}`);
  }
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  assertInstant(instant, 'instant');
  assertZone(zone);
  const date = DateTime.fromJSDate(instant, { zone }).toISODate();
  if (date === null) throw new RangeError(`instant is out of range: ${instant.toISOString()}`);
  return date;
}

/** "Until 16 February inclusive": the last millisecond of that local day in the zone. */
export function endOfLocalDay(date: LocalDate, zone: string): Date {
  assertLocalDate(date, 'date');
  assertZone(zone);
  // Midnight that opens the next day; luxon moves it forward if a DST gap swallows it.
  const nextDay = DateTime.fromISO(addDays(date, 1), { zone });
  return new Date(nextDay.toMillis() - 1);
}

/**
 * The last local day of a period of `days` days that starts after the local date of `start`
 * (day 0 never counts): calendar days, or working days of the country.
 */
export function lastDayOfPeriod(start: Date, days: number, options: DeadlineOptions): LocalDate {
  assertInstant(start, 'start');
  assertPositiveDays(days, 'days');
  const { zone, counting, country, rollForwardFromDayOff = false } = options;
  assertZone(zone);
  assertCountry(country);
  const day0 = localDateOf(start, zone);
  if (counting === 'working') return addWorkingDays(day0, days, country);
  if (counting !== 'calendar') {
    throw new RangeError(
      `counting must be 'calendar' or 'working', got ${JSON.stringify(counting)}`,
    );
  }
  const last = addDays(day0, days);
  if (rollForwardFromDayOff && !isWorkingDay(last, country)) {
    return workingDayOnOrAfter(last, country);
  }
  return last;
}

/** The instant a deadline of `days` days from `start` falls: the end of its last local day. */
export function deadlineAfter(start: Date, days: number, options: DeadlineOptions): Date {
  return endOfLocalDay(lastDayOfPeriod(start, days, options), options.zone);
}

/**
 * Reminders `daysBefore` calendar days before `due`, each at the same local wall time in `zone`
 * (3 days before 23:59:59.999 on 31 March in Kyiv is 23:59:59.999 on 28 March, although DST makes
 * that 3 days and 1 hour). One instant per entry, in the order given; past ones are the caller's.
 */
export function reminderInstants(due: Date, daysBefore: readonly number[], zone: string): Date[] {
  assertInstant(due, 'due');
  assertZone(zone);
  const local = DateTime.fromJSDate(due, { zone });
  return daysBefore.map((days) => {
    assertPositiveDays(days, 'daysBefore');
    return local.minus({ days }).toJSDate();
  });
}
