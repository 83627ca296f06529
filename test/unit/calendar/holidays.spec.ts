import { describe, expect, it } from '@jest/globals';
import {
  CALENDAR_COVERAGE,
  CalendarDataError,
  calendarYear,
  holidaysOf,
  isWorkingDay,
  KG_MOVABLE,
  type CalendarCountry,
} from '../../../src/common/calendar/index.js';

const datesOff = (country: CalendarCountry, year: number, from: string, to: string) =>
  holidaysOf(country, year)
    .map((day) => day.date)
    .filter((date) => date >= from && date <= to);

describe('KG: table of the Labour Code and Cabinet resolutions', () => {
  it('has Orozo Ait and Kurman Ait for every year of 2019–2027, later ones marked as forecasts', () => {
    for (let year = 2019; year <= 2027; year += 1) {
      const days = holidaysOf('KG', year);
      for (const name of ['Орозо айт', 'Курман айт']) {
        expect(days.filter((day) => day.name === name)).toHaveLength(1);
      }
      expect(KG_MOVABLE[year]).toBeDefined();
    }
    expect(holidaysOf('KG', 2026).find((day) => day.name === 'Орозо айт')).toEqual({
      date: '2026-03-20',
      name: 'Орозо айт',
      kind: 'holiday',
    });
    const kurman2027 = holidaysOf('KG', 2027).find((day) => day.name === 'Курман айт');
    expect(kurman2027).toMatchObject({ date: '2027-05-16', estimated: true });
  });

  it('throws loudly for a year without movable-date data instead of assuming none', () => {
    expect(() => holidaysOf('KG', 2031)).toThrow(CalendarDataError);
    expect(() => holidaysOf('KG', 2031)).toThrow(
      /No holiday data for KG in 2031: Orozo Ait and Kurman Ait are declared each year/,
    );
    expect(() => isWorkingDay('2028-03-01', 'KG')).toThrow(CalendarDataError);
    expect(() => holidaysOf('KG', 2018)).toThrow(/KG in 2018/);
  });

  it('under the 2004 code moves a weekend holiday to the next working day (2021: Nooruz, 7–8 Nov)', () => {
    expect(isWorkingDay('2021-03-22', 'KG')).toBe(false);
    expect(datesOff('KG', 2021, '2021-11-01', '2021-11-30')).toEqual([
      '2021-11-07',
      '2021-11-08',
      '2021-11-09',
    ]);
  });

  it('applies the 2023 resolution: 1–8 January off, Saturday 25 February worked', () => {
    for (let day = 1; day <= 8; day += 1) {
      expect(isWorkingDay(`2023-01-0${day}`, 'KG')).toBe(false);
    }
    expect(isWorkingDay('2023-01-09', 'KG')).toBe(true);
    expect(isWorkingDay('2023-02-25', 'KG')).toBe(true);
    expect(isWorkingDay('2023-03-20', 'KG')).toBe(false);
    expect(calendarYear('KG', 2023).workingByDecree).toContain('2023-11-11');
  });

  it('under the 2025 code: 23 Feb and 7–8 Nov are working, 1–9 May off, no weekend moves', () => {
    expect(isWorkingDay('2026-02-23', 'KG')).toBe(true);
    expect(isWorkingDay('2026-04-07', 'KG')).toBe(true);
    expect(isWorkingDay('2026-11-09', 'KG')).toBe(true);
    // 8 March 2026 is a Sunday and Nooruz a Saturday: Monday 9 March and 23 March stay working.
    expect(isWorkingDay('2026-03-09', 'KG')).toBe(true);
    expect(isWorkingDay('2026-03-23', 'KG')).toBe(true);
    expect(datesOff('KG', 2026, '2026-05-01', '2026-05-31')).toEqual([
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-05-07',
      '2026-05-08',
      '2026-05-09',
      '2026-05-27',
    ]);
    // The Cabinet extended the 2026 New Year holidays to 12 January.
    expect(isWorkingDay('2026-01-09', 'KG')).toBe(false);
    expect(isWorkingDay('2026-01-12', 'KG')).toBe(true);
  });
});

describe('KZ: date-holidays with the weekend rule, corrections and decrees', () => {
  it('gives the 2026 calendar of egov.kz, with no Constitution Day day off in 2026', () => {
    expect(holidaysOf('KZ', 2026).map((day) => `${day.date} ${day.kind}`)).toEqual([
      '2026-01-01 holiday',
      '2026-01-02 holiday',
      '2026-01-07 holiday',
      '2026-03-08 holiday',
      '2026-03-09 substitute',
      '2026-03-21 holiday',
      '2026-03-22 holiday',
      '2026-03-23 holiday',
      '2026-03-24 substitute',
      '2026-03-25 substitute',
      '2026-05-01 holiday',
      '2026-05-07 holiday',
      '2026-05-09 holiday',
      '2026-05-11 substitute',
      '2026-05-27 holiday',
      '2026-07-06 holiday',
      '2026-10-25 holiday',
      '2026-10-26 substitute',
      '2026-12-16 holiday',
    ]);
    expect(isWorkingDay('2026-03-16', 'KZ')).toBe(true);
    expect(isWorkingDay('2026-08-31', 'KZ')).toBe(true);
  });

  it('moves a weekend holiday past another holiday (7 May 2022 gives 10 May, not 9 May)', () => {
    expect(datesOff('KZ', 2022, '2022-05-07', '2022-05-10')).toEqual([
      '2022-05-07',
      '2022-05-09',
      '2022-05-10',
    ]);
  });

  it('does not move 7 January or Kurban Ait off a weekend', () => {
    // 7 January 2024 and Kurban Ait on 16 June 2024 were Sundays.
    expect(isWorkingDay('2024-01-08', 'KZ')).toBe(true);
    expect(isWorkingDay('2024-06-17', 'KZ')).toBe(true);
  });

  it('applies Government resolutions moving days off to Fridays against a worked Saturday', () => {
    expect(isWorkingDay('2023-07-07', 'KZ')).toBe(false);
    expect(isWorkingDay('2023-07-01', 'KZ')).toBe(true);
    expect(isWorkingDay('2025-01-03', 'KZ')).toBe(false);
    expect(isWorkingDay('2025-01-05', 'KZ')).toBe(true);
  });

  it('has Constitution Day on 15 March from 2027 and marks Kurban Ait 2027 as a forecast', () => {
    expect(isWorkingDay('2027-03-15', 'KZ')).toBe(false);
    expect(isWorkingDay('2027-08-30', 'KZ')).toBe(true);
    expect(holidaysOf('KZ', 2027).find((day) => day.date === '2027-05-16')).toMatchObject({
      estimated: true,
    });
  });

  it('throws for years it was not reviewed for', () => {
    expect(() => holidaysOf('KZ', 2031)).toThrow(/No holiday data for KZ in 2031/);
  });
});

describe('UA: martial law (Law 2136-IX) makes holidays working days', () => {
  it('has no weekday off from 24 March 2022 on: Independence Day 2026 is a working Monday', () => {
    for (let year = 2023; year <= 2027; year += 1) expect(holidaysOf('UA', year)).toEqual([]);
    expect(isWorkingDay('2026-08-24', 'UA')).toBe(true);
    expect(isWorkingDay('2022-05-09', 'UA')).toBe(true);
    expect(isWorkingDay('2026-08-22', 'UA')).toBe(false);
  });

  it('kept the Labour Code days off before the regime: 3 January 2022 for New Year on Saturday', () => {
    expect(isWorkingDay('2022-01-03', 'UA')).toBe(false);
    expect(isWorkingDay('2022-03-08', 'UA')).toBe(false);
  });

  it('throws before 2022 and after its reviewed range', () => {
    expect(() => isWorkingDay('2021-12-31', 'UA')).toThrow(/No holiday data for UA in 2021/);
    expect(() => holidaysOf('UA', 2031)).toThrow(CalendarDataError);
  });
});

describe('inputs', () => {
  it('states the coverage of each country', () => {
    expect(CALENDAR_COVERAGE).toEqual({
      KG: { from: 2019, to: 2027 },
      KZ: { from: 2019, to: 2027 },
      UA: { from: 2022, to: 2027 },
    });
  });

  it('rejects unknown countries and malformed dates', () => {
    expect(() => isWorkingDay('2026-01-05', 'RU' as CalendarCountry)).toThrow(
      /country must be one of KG, KZ, UA, got "RU"/,
    );
    expect(() => isWorkingDay('2026-02-30', 'KG')).toThrow(
      /localDate must be a calendar date written YYYY-MM-DD, got "2026-02-30"/,
    );
    expect(() => isWorkingDay('16.02.2021', 'KG')).toThrow(/YYYY-MM-DD/);
    expect(() => holidaysOf('KG', 2026.5)).toThrow(/year must be an integer/);
  });
});
