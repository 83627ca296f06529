/**
 * Kazakhstan: the holiday list comes from date-holidays ('public' entries only; KZ has no other
 * type), with this module's own weekend rule, corrections and government decrees on top.
 *
 * - Weekend rule (Labour Code art. 85): a holiday on Saturday or Sunday moves the day off to the
 *   next working day, except the religious ones (7 January, Kurban Ait). date-holidays' own
 *   substitutes are dropped because they collide: 7 May 2022 (Sat) gives 9 May, itself a holiday
 *   (the real day off was 10 May); Nauryz 2026 gives 23 and 24 March (really 24 and 25).
 * - Constitution Day: the new Constitution adopted by referendum on 15 March 2026 moves it from
 *   30 August to 15 March from 2027; the Ministry of Labour announced no Constitution Day day off
 *   in 2026. date-holidays 3.37 puts it on 15 March 2026 (substitute 16 March): removed here.
 * - Kurban Ait is set each year; KZ_KURBAN_AIT holds the declared dates, later years use
 *   date-holidays' calculation and are marked estimated.
 * - KZ_DECREES: the Government moves days off by resolution (Labour Code art. 85 p. 3).
 */
import Holidays from 'date-holidays';
import {
  buildCalendarYear,
  CalendarDataError,
  type CalendarYear,
  type DecreeSpec,
  type HolidaySpec,
  NO_DECREE,
} from './calendar-year.js';

/** Declared first day of Kurban Ait (a day off, not moved off a weekend). */
export const KZ_KURBAN_AIT: Readonly<Record<number, string>> = {
  2019: '2019-08-11',
  2020: '2020-07-31',
  2021: '2021-07-20',
  2022: '2022-07-09',
  2023: '2023-06-28',
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
};

/**
 * Government resolutions moving a day off: `daysOff` gained, `workingDays` (a weekend day, or a
 * moved day off) worked instead. 2026: none (the egov.kz 2026 calendar has only the weekend rule).
 * 2027 is not known yet.
 */
export const KZ_DECREES: Readonly<Record<number, DecreeSpec>> = {
  2019: { daysOff: ['2019-05-10'], workingDays: ['2019-05-04'] },
  2020: {
    // Victory Day on Saturday 9 May: the day off was Friday 8 May, not Monday 11 May.
    daysOff: ['2020-01-03', '2020-05-08', '2020-12-18'],
    workingDays: ['2020-01-05', '2020-05-11', '2020-12-20'],
  },
  2021: { daysOff: ['2021-07-05'], workingDays: ['2021-07-03'] },
  2022: {
    daysOff: ['2022-03-07', '2022-08-29', '2022-10-24'],
    workingDays: ['2022-03-05', '2022-08-27', '2022-10-22'],
  },
  2023: { daysOff: ['2023-07-07'], workingDays: ['2023-07-01'] },
  2024: { daysOff: ['2024-05-08'], workingDays: ['2024-05-04'] },
  2025: { daysOff: ['2025-01-03'], workingDays: ['2025-01-05'] },
};

export const KZ_COVERAGE = { from: 2019, to: 2027 } as const;

let source: Holidays | undefined;

export function kzCalendarYear(year: number): CalendarYear {
  if (year < KZ_COVERAGE.from || year > KZ_COVERAGE.to) {
    throw new CalendarDataError(
      `No holiday data for KZ in ${year}: src/common/calendar/kz-holidays.ts is reviewed for ` +
        `${KZ_COVERAGE.from}–${KZ_COVERAGE.to} (check Kurban Ait, the Government's resolution ` +
        'on days off and date-holidays for that year, then widen KZ_COVERAGE)',
    );
  }
  source ??= new Holidays('KZ');
  const holidays: HolidaySpec[] = [];
  for (const holiday of source.getHolidays(year, 'ru')) {
    if (holiday.type !== 'public' || holiday.substitute) continue;
    const date = holiday.date.slice(0, 10);
    const kurbanAit = holiday.rule.includes('Dhu al-Hijjah');
    if (year === 2026 && holiday.rule.startsWith('03-15')) continue;
    if (kurbanAit) {
      const declared = KZ_KURBAN_AIT[year];
      holidays.push({
        date: declared ?? date,
        name: holiday.name,
        movesOffWeekend: false,
        ...(declared ? {} : { estimated: true }),
      });
      continue;
    }
    holidays.push({ date, name: holiday.name, movesOffWeekend: holiday.rule !== '01-07' });
  }
  return buildCalendarYear(
    'KZ',
    year,
    holidays,
    KZ_DECREES[year] ?? NO_DECREE,
    'Перенос выходного дня по постановлению Правительства',
  );
}
