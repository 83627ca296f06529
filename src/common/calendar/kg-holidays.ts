/**
 * Kyrgyzstan: days off, written by hand because date-holidays has no data for KG.
 *
 * Law (sources listed in README.md beside this file):
 * - Labour Code of 4 August 2004, art. 113, until the new code: 1 Jan, 7 Jan, 23 Feb, 8 Mar,
 *   21 Mar (Nooruz), 7 Apr (since 2016), 1 May, 5 May, 9 May, 31 Aug, 7–8 Nov, Orozo Ait and
 *   Kurman Ait are days off; a holiday on a Saturday or Sunday moves the day off to the next
 *   working day.
 * - Labour Code of 23 January 2025: days off are 1–6 Jan (New Year holidays, from 2026), 7 Jan,
 *   8 Mar, 21 Mar, 1–9 May (May holidays with 1, 5 and 9 May), 31 Aug, Orozo Ait, Kurman Ait.
 *   23 Feb, 7 Apr and 7–8 Nov stay holidays but are working days, and nothing moves off a weekend.
 * - Each year the Cabinet may declare or move days off for state and municipal bodies on a
 *   five-day week (the buyers here): KG_DECREES.
 *
 * Orozo Ait and Kurman Ait follow the lunar calendar. Their dates are DECLARED EACH YEAR (the
 * Muftiate announces them, the Cabinet makes the day off) and must be checked every year: dates
 * marked `confirmed: false` are astronomical forecasts. A year missing from KG_MOVABLE has no
 * data, and asking for it throws a CalendarDataError instead of counting it as a year without them.
 */
import {
  buildCalendarYear,
  CalendarDataError,
  type CalendarYear,
  type DecreeSpec,
  type HolidaySpec,
  NO_DECREE,
} from './calendar-year.js';

interface MovableDate {
  readonly date: string;
  /** false: a forecast, to be replaced by the declared date. */
  readonly confirmed: boolean;
}

/** Orozo Ait (Eid al-Fitr) and Kurman Ait (Eid al-Adha) as days off in Kyrgyzstan. */
export const KG_MOVABLE: Readonly<
  Record<number, { readonly orozoAit: MovableDate; readonly kurmanAit: MovableDate }>
> = {
  2019: {
    orozoAit: { date: '2019-06-05', confirmed: true },
    kurmanAit: { date: '2019-08-11', confirmed: true },
  },
  2020: {
    orozoAit: { date: '2020-05-24', confirmed: true },
    kurmanAit: { date: '2020-07-31', confirmed: true },
  },
  2021: {
    orozoAit: { date: '2021-05-13', confirmed: true },
    kurmanAit: { date: '2021-07-20', confirmed: true },
  },
  2022: {
    orozoAit: { date: '2022-05-03', confirmed: true },
    kurmanAit: { date: '2022-07-09', confirmed: true },
  },
  2023: {
    orozoAit: { date: '2023-04-21', confirmed: true },
    kurmanAit: { date: '2023-06-28', confirmed: true },
  },
  2024: {
    orozoAit: { date: '2024-04-10', confirmed: true },
    // A day later than in Kazakhstan: the Cabinet declared Monday 17 June.
    kurmanAit: { date: '2024-06-17', confirmed: true },
  },
  2025: {
    orozoAit: { date: '2025-03-30', confirmed: true },
    kurmanAit: { date: '2025-06-06', confirmed: true },
  },
  2026: {
    orozoAit: { date: '2026-03-20', confirmed: true },
    kurmanAit: { date: '2026-05-27', confirmed: true },
  },
  2027: {
    orozoAit: { date: '2027-03-09', confirmed: false },
    kurmanAit: { date: '2027-05-16', confirmed: false },
  },
};

/** The day the Labour Code of 2025 took effect: the weekend rule stops for holidays from then on. */
export const KG_LABOUR_CODE_2025 = '2025-01-23';

interface FixedHoliday {
  readonly monthDay: string;
  readonly name: string;
  /** First and last year in which the day is a day off (inclusive). */
  readonly from?: number;
  readonly until?: number;
}

const NEW_YEAR_HOLIDAYS = 'Новогодние каникулы';
const MAY_HOLIDAYS = 'Майские каникулы';
const ANCESTORS = 'Дни истории и памяти предков';

const KG_FIXED: readonly FixedHoliday[] = [
  { monthDay: '01-01', name: 'Новый год' },
  ...['01-02', '01-03', '01-04', '01-05', '01-06'].map((monthDay) => ({
    monthDay,
    name: NEW_YEAR_HOLIDAYS,
    from: 2026,
  })),
  { monthDay: '01-07', name: 'Рождество Христово' },
  { monthDay: '02-23', name: 'День защитника Отечества', until: 2024 },
  { monthDay: '03-08', name: 'Международный женский день' },
  { monthDay: '03-21', name: 'Нооруз' },
  { monthDay: '04-07', name: 'День народной Апрельской революции', until: 2024 },
  { monthDay: '05-01', name: 'День труда' },
  ...['05-02', '05-03', '05-04'].map((monthDay) => ({ monthDay, name: MAY_HOLIDAYS, from: 2025 })),
  { monthDay: '05-05', name: 'День Конституции' },
  ...['05-06', '05-07', '05-08'].map((monthDay) => ({ monthDay, name: MAY_HOLIDAYS, from: 2025 })),
  { monthDay: '05-09', name: 'День Победы' },
  { monthDay: '08-31', name: 'День независимости' },
  { monthDay: '11-07', name: ANCESTORS, until: 2024 },
  { monthDay: '11-08', name: ANCESTORS, until: 2024 },
];

/**
 * Cabinet (until 2021 Government) resolutions on days off for state and municipal bodies on a
 * five-day week. `working` lists the days given back: a Saturday, or the weekday a weekend holiday
 * had moved to. Years not listed had none.
 */
export const KG_DECREES: Readonly<Record<number, DecreeSpec>> = {
  2019: {
    daysOff: ['2019-01-02', '2019-01-03', '2019-01-04', '2019-05-10'],
    workingDays: ['2019-02-25', '2019-04-08', '2019-09-02', '2019-05-06'],
  },
  2020: {
    daysOff: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-05-04'],
    workingDays: ['2020-02-24', '2020-03-09', '2020-03-23', '2020-05-11'],
  },
  2021: {
    daysOff: ['2021-01-08', '2021-08-30', '2021-07-19'],
    workingDays: ['2021-05-03', '2021-05-10', '2021-07-24'],
  },
  2022: {
    daysOff: ['2022-01-04', '2022-01-05', '2022-01-06', '2022-05-04', '2022-05-06'],
    workingDays: ['2022-01-15', '2022-02-26', '2022-03-26', '2022-04-30', '2022-05-14'],
  },
  2023: {
    daysOff: [
      '2023-01-03',
      '2023-01-04',
      '2023-01-05',
      '2023-01-06',
      '2023-03-20',
      '2023-05-08',
      '2023-11-06',
    ],
    workingDays: [
      '2023-01-09',
      '2023-02-25',
      '2023-03-11',
      '2023-03-25',
      '2023-04-29',
      '2023-05-13',
      '2023-11-11',
    ],
  },
  2024: {
    daysOff: [
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-03-22',
      '2024-05-02',
      '2024-05-03',
    ],
    workingDays: [
      '2024-01-08',
      '2024-01-27',
      '2024-03-02',
      '2024-09-02',
      '2024-04-08',
      '2024-05-06',
      '2024-05-11',
    ],
  },
  // Resolution of December 2024 as amended once the new Labour Code made its other moves moot.
  2025: { daysOff: ['2025-01-02', '2025-01-03', '2025-01-06'], workingDays: ['2025-01-11'] },
  // New Year holidays extended to 12 January, without working Saturdays in the final text.
  2026: { daysOff: ['2026-01-08', '2026-01-09'], workingDays: [] },
};

export const KG_COVERAGE = { from: 2019, to: 2027 } as const;

export function kgCalendarYear(year: number): CalendarYear {
  const movable = KG_MOVABLE[year];
  if (!movable) {
    throw new CalendarDataError(
      `No holiday data for KG in ${year}: Orozo Ait and Kurman Ait are declared each year and ` +
        `src/common/calendar/kg-holidays.ts has them for ${KG_COVERAGE.from}–${KG_COVERAGE.to} ` +
        '(add the declared dates and the Cabinet resolution on days off for that year)',
    );
  }
  const fixed: HolidaySpec[] = KG_FIXED.filter(
    ({ from, until }) =>
      (from === undefined || year >= from) && (until === undefined || year <= until),
  ).map(({ monthDay, name }) => weekendRule({ date: `${year}-${monthDay}`, name }));
  const religious: HolidaySpec[] = [
    { ...movable.orozoAit, name: 'Орозо айт' },
    { ...movable.kurmanAit, name: 'Курман айт' },
  ].map(({ date, confirmed, name }) => ({
    ...weekendRule({ date, name }),
    ...(confirmed ? {} : { estimated: true }),
  }));
  return buildCalendarYear(
    'KG',
    year,
    [...fixed, ...religious],
    KG_DECREES[year] ?? NO_DECREE,
    'Выходной день по постановлению Кабинета министров',
  );
}

function weekendRule(holiday: { date: string; name: string }): HolidaySpec {
  return { ...holiday, movesOffWeekend: holiday.date < KG_LABOUR_CODE_2025 };
}
