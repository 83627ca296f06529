import { addDays, endOfLocalDay, isWorkingDay, localDateOf } from '../common/calendar/index.js';
import { daysRemaining, extendDue, type DeadlineCalendar } from '../deadlines/deadline-calendar.js';

/**
 * When clarification questions close: `daysBefore` days (in the profile's counting) before the
 * call's last day, at the end of that day in the buyer's zone. A UA call closing at the end of
 * 20 March takes questions until the end of 17 March. Null: questions close with the call.
 */
export function enquiryPeriodEnd(
  callClose: Date,
  daysBefore: number | null,
  calendar: DeadlineCalendar,
): Date {
  if (daysBefore === null || daysBefore === 0) return callClose;
  let day = localDateOf(callClose, calendar.zone);
  if (calendar.counting === 'calendar') {
    day = addDays(day, -daysBefore);
  } else {
    for (let counted = 0; counted < daysBefore;) {
      day = addDays(day, -1);
      if (isWorkingDay(day, calendar.country)) counted += 1;
    }
  }
  return endOfLocalDay(day, calendar.zone);
}

export interface AmendmentExtension {
  /** Days the deadline moves by in all: the buyer's and the automatic ones. */
  extendByDays: number;
  /** Days added to the buyer's so that the profile's minimum remains. */
  autoExtendedByDays: number;
}

/**
 * How far an amendment moves the call's deadline: the days the buyer stated, and as many more
 * as are missing for `minDaysRemaining` whole days to remain after it (counted as the profile
 * counts, from the database's now). Extending a deadline by n days leaves exactly n more days
 * in either counting, so what is missing is added once.
 */
export function amendmentExtension(
  now: Date,
  callClose: Date,
  statedDays: number,
  minDaysRemaining: number,
  calendar: DeadlineCalendar,
): AmendmentExtension {
  const remaining = daysRemaining(now, extendDue(callClose, statedDays, calendar), calendar);
  const missing = Math.max(0, minDaysRemaining - remaining);
  return { extendByDays: statedDays + missing, autoExtendedByDays: missing };
}
