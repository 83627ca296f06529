import { describe, expect, it } from '@jest/globals';
import {
  addWorkingDays,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from '../../../src/common/calendar/index.js';

describe('addWorkingDays', () => {
  it('counts a KZ 10-working-day admissibility period over Nauryz (21–25 March 2026)', () => {
    // Wednesday 18 March: 19, 20, then 26, 27, 30, 31 March, 1, 2, 3 and 6 April.
    expect(addWorkingDays('2026-03-18', 10, 'KZ')).toBe('2026-04-06');
    expect(addWorkingDays('2026-03-18', 2, 'KZ')).toBe('2026-03-20');
    expect(addWorkingDays('2026-03-18', 3, 'KZ')).toBe('2026-03-26');
  });

  it('skips the KG May holidays of the 2025 code and the 2026 New Year extension', () => {
    expect(addWorkingDays('2026-04-28', 5, 'KG')).toBe('2026-05-13');
    expect(addWorkingDays('2025-12-31', 1, 'KG')).toBe('2026-01-12');
  });

  it('counts a Saturday a KG resolution made working (25 February 2023)', () => {
    expect(addWorkingDays('2023-02-24', 1, 'KG')).toBe('2023-02-25');
  });

  it('counts UA holidays as working days under martial law', () => {
    expect(addWorkingDays('2026-08-21', 1, 'UA')).toBe('2026-08-24');
    expect(addWorkingDays('2026-08-21', 10, 'UA')).toBe('2026-09-04');
  });

  it('starts from a day off as from any other day', () => {
    expect(addWorkingDays('2026-03-21', 1, 'KZ')).toBe('2026-03-26');
  });

  it('rejects zero, negative and fractional counts', () => {
    expect(() => addWorkingDays('2026-03-18', 0, 'KZ')).toThrow(
      'n must be a whole number of days, at least 1, got 0',
    );
    expect(() => addWorkingDays('2026-03-18', -3, 'KZ')).toThrow(/at least 1, got -3/);
    expect(() => addWorkingDays('2026-03-18', 1.5, 'KZ')).toThrow(/whole number/);
    expect(() => addWorkingDays('2026-03-18', Number.NaN, 'KZ')).toThrow(/got NaN/);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-03-18', '2026-04-06', 'KZ')).toBe(10);
    expect(workingDaysBetween('2026-03-20', '2026-03-25', 'KZ')).toBe(0);
    expect(workingDaysBetween('2026-04-06', '2026-04-06', 'KZ')).toBe(0);
  });

  it('is negative, with the same size, when the deadline has passed', () => {
    expect(workingDaysBetween('2026-04-06', '2026-03-18', 'KZ')).toBe(-10);
  });

  it('is the inverse of addWorkingDays in every country', () => {
    const cases = [
      ['KG', '2026-04-20'],
      ['KZ', '2026-03-02'],
      ['UA', '2026-08-14'],
      ['KG', '2023-12-25'],
    ] as const;
    for (const [country, from] of cases) {
      for (const n of [1, 3, 7, 15, 30]) {
        const to = addWorkingDays(from, n, country);
        expect(isWorkingDay(to, country)).toBe(true);
        expect(workingDaysBetween(from, to, country)).toBe(n);
      }
    }
  });

  it('gives the days remaining after an amendment across KZ holidays (May 2026)', () => {
    // Seen on Wednesday 6 May, a call closing Friday 15 May leaves 5 working days (9 and 11 May off).
    expect(workingDaysBetween('2026-05-06', '2026-05-15', 'KZ')).toBe(5);
  });
});

describe('workingDayOnOrAfter', () => {
  it('keeps a working day and moves a day off to the next working day', () => {
    expect(workingDayOnOrAfter('2026-03-20', 'KZ')).toBe('2026-03-20');
    expect(workingDayOnOrAfter('2026-03-21', 'KZ')).toBe('2026-03-26');
    expect(workingDayOnOrAfter('2026-05-02', 'KG')).toBe('2026-05-11');
  });
});
