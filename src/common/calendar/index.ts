/** The deadline calendar: pure functions, no Nest, no database. See README.md beside this file. */
export {
  CALENDAR_COUNTRIES,
  CalendarDataError,
  type CalendarCountry,
  type CalendarYear,
  type DayOff,
} from './calendar-year.js';
export {
  assertZone,
  deadlineAfter,
  endOfLocalDay,
  lastDayOfPeriod,
  localDateOf,
  reminderInstants,
  type DayCounting,
  type DeadlineOptions,
} from './deadlines.js';
export { CALENDAR_COVERAGE, calendarYear, holidaysOf, isWorkingDay } from './holidays.js';
export { KG_MOVABLE } from './kg-holidays.js';
export { addDays, weekdayOf, type LocalDate } from './local-date.js';
export { UA_MARTIAL_LAW_LABOUR_REGIME } from './ua-holidays.js';
export { addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from './working-days.js';
