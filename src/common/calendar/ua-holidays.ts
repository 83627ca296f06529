/**
 * Ukraine: under martial law public holidays are not days off, so the working week is Monday to
 * Friday. Law 2136-IX of 15 March 2022, art. 12 part 6 (as amended by Law 2352-IX of 1 July 2022),
 * suspends Labour Code art. 73 (holidays as days off) and art. 67 part 3 (moving a day off off a
 * weekend) while martial law lasts; in force from 24 March 2022; martial law is still extended as
 * of November 2026. The Cabinet issues no day-off transfers in that time.
 *
 * date-holidays is not used for UA: it ignores martial law and its list differs from art. 73
 * (it has 2 January and 9 May; art. 73 has 8 May since Law 3107-IX of 2023).
 *
 * When martial law ends, set `until` in UA_MARTIAL_LAW_LABOUR_REGIME: years from then on throw
 * until someone writes the art. 73 list (with Orthodox Easter and Trinity) here.
 */
import {
  buildCalendarYear,
  CalendarDataError,
  type CalendarYear,
  type HolidaySpec,
  NO_DECREE,
} from './calendar-year.js';
import { yearOf, type LocalDate } from './local-date.js';

export const UA_MARTIAL_LAW_LABOUR_REGIME: {
  readonly from: LocalDate;
  readonly until: LocalDate | null;
} = { from: '2022-03-24', until: null };

/** 2022 before the regime: art. 73 days off, with 1 January (a Saturday) moved to 3 January. */
const UA_2022_BEFORE_REGIME: readonly HolidaySpec[] = [
  { date: '2022-01-01', name: 'Новий рік', movesOffWeekend: true },
  { date: '2022-01-07', name: 'Різдво Христове', movesOffWeekend: true },
  { date: '2022-03-08', name: 'Міжнародний жіночий день', movesOffWeekend: true },
];

export const UA_COVERAGE = { from: 2022, to: 2027 } as const;

export function uaCalendarYear(year: number): CalendarYear {
  const { until } = UA_MARTIAL_LAW_LABOUR_REGIME;
  if (until !== null && year >= yearOf(until)) {
    throw new CalendarDataError(
      `No holiday data for UA in ${year}: martial law ended on ${until} and the Labour Code ` +
        'art. 73 holidays are not written in src/common/calendar/ua-holidays.ts yet',
    );
  }
  if (year < UA_COVERAGE.from || year > UA_COVERAGE.to) {
    throw new CalendarDataError(
      `No holiday data for UA in ${year}: src/common/calendar/ua-holidays.ts is reviewed for ` +
        `${UA_COVERAGE.from}–${UA_COVERAGE.to} (check that martial law still suspends ` +
        'holidays as days off, then widen UA_COVERAGE)',
    );
  }
  return buildCalendarYear(
    'UA',
    year,
    year === 2022 ? UA_2022_BEFORE_REGIME : [],
    NO_DECREE,
    'Вихідний день',
  );
}
