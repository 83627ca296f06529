import {
  getProfile,
  type DayCounting,
  type Jurisdiction,
  type ProcedureProfile,
} from '../../workflows/index.js';
import { deadlineAfter, localDateOf, workingDaysBetween } from '../common/calendar/index.js';

/** Where and how a lot's deadlines are counted: the programme's zone and country, the profile's days. */
export interface DeadlineCalendar {
  zone: string;
  counting: DayCounting;
  country: Jurisdiction;
}

/** A lot's procedure profile and the calendar its days are counted in. */
export function lotCalendarOf(
  profileId: string,
  zone: string,
  country: Jurisdiction,
): { profile: ProcedureProfile; calendar: DeadlineCalendar } {
  const profile = getProfile(profileId);
  return { profile, calendar: { zone, counting: profile.dayCounting, country } };
}

/** A deadline of `days` from `start`: the end of the last day in the buyer's zone. */
export function dueAfter(start: Date, days: number, calendar: DeadlineCalendar): Date {
  return deadlineAfter(start, days, calendar);
}

/** The deadline moved by `days` more (an amendment), counted as the profile counts. */
export function extendDue(due: Date, days: number, calendar: DeadlineCalendar): Date {
  if (days === 0) return due;
  return deadlineAfter(due, days, calendar);
}

/** Whole days left between now and the deadline, in the profile's counting. */
export function daysRemaining(now: Date, due: Date, calendar: DeadlineCalendar): number {
  const from = localDateOf(now, calendar.zone);
  const to = localDateOf(due, calendar.zone);
  if (calendar.counting === 'working') return workingDaysBetween(from, to, calendar.country);
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export { reminderInstants } from '../common/calendar/index.js';
