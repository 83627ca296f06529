import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import {
  deadlineAfter,
  endOfLocalDay,
  lastDayOfPeriod,
  localDateOf,
  reminderInstants,
  workingDaysBetween,
  type DeadlineOptions,
} from '../../../src/common/calendar/index.js';

const KG: DeadlineOptions = { zone: 'Asia/Bishkek', counting: 'calendar', country: 'KG' };
const KZ: DeadlineOptions = { zone: 'Asia/Almaty', counting: 'working', country: 'KZ' };
const UA: DeadlineOptions = { zone: 'Europe/Kyiv', counting: 'calendar', country: 'UA' };

const iso = (date: Date) => date.toISOString();

describe('endOfLocalDay', () => {
  it('reads "until 16 February 2021 inclusive" in Bishkek (UTC+6, no DST) as its last millisecond', () => {
    expect(iso(endOfLocalDay('2021-02-16', 'Asia/Bishkek'))).toBe('2021-02-16T17:59:59.999Z');
    expect(localDateOf(endOfLocalDay('2021-02-16', 'Asia/Bishkek'), 'Asia/Bishkek')).toBe(
      '2021-02-16',
    );
    // One millisecond later is the exclusive end: the next local day.
    expect(localDateOf(new Date('2021-02-16T18:00:00.000Z'), 'Asia/Bishkek')).toBe('2021-02-17');
  });

  it('follows the runtime tzdata for Almaty: UTC+6 until 1 March 2024, UTC+5 since', () => {
    // Kazakhstan moved to a single zone on 1 March 2024 (tzdata 2024a); an older tzdata fails here.
    expect(DateTime.fromISO('2024-02-28T12:00', { zone: 'Asia/Almaty' }).offset).toBe(360);
    expect(DateTime.fromISO('2026-06-01T12:00', { zone: 'Asia/Almaty' }).offset).toBe(300);
    expect(iso(endOfLocalDay('2024-02-28', 'Asia/Almaty'))).toBe('2024-02-28T17:59:59.999Z');
    // 29 February 2024 lasted 25 hours: it ends at midnight +05.
    expect(iso(endOfLocalDay('2024-02-29', 'Asia/Almaty'))).toBe('2024-02-29T18:59:59.999Z');
    expect(iso(endOfLocalDay('2026-04-06', 'Asia/Almaty'))).toBe('2026-04-06T18:59:59.999Z');
  });

  it('handles the 23- and 25-hour days of Europe/Kyiv', () => {
    // Last Sunday of March 2026: 03:00 becomes 04:00, the day ends at midnight +03.
    expect(iso(endOfLocalDay('2026-03-28', 'Europe/Kyiv'))).toBe('2026-03-28T21:59:59.999Z');
    expect(iso(endOfLocalDay('2026-03-29', 'Europe/Kyiv'))).toBe('2026-03-29T20:59:59.999Z');
    // Last Sunday of October 2026: 04:00 becomes 03:00, the day ends at midnight +02.
    expect(iso(endOfLocalDay('2026-10-24', 'Europe/Kyiv'))).toBe('2026-10-24T20:59:59.999Z');
    expect(iso(endOfLocalDay('2026-10-25', 'Europe/Kyiv'))).toBe('2026-10-25T21:59:59.999Z');
  });

  it('rejects malformed dates and unknown zones', () => {
    expect(() => endOfLocalDay('2021-02-30', 'Asia/Bishkek')).toThrow(
      'date must be a calendar date written YYYY-MM-DD, got "2021-02-30"',
    );
    expect(() => endOfLocalDay('2021-02-16', 'Asia/Frunze-Typo')).toThrow(
      'zone must be an IANA time zone such as Asia/Bishkek, got "Asia/Frunze-Typo"',
    );
  });
});

describe('deadlineAfter', () => {
  it('counts calendar days from the local date of the start in the buyer zone', () => {
    // 20:30 UTC on 5 February is already 6 February in Bishkek: 10 days end on 16 February.
    const start = new Date('2021-02-05T20:30:00Z');
    expect(iso(deadlineAfter(start, 10, KG))).toBe('2021-02-16T17:59:59.999Z');
    expect(iso(deadlineAfter(start, 10, { ...KG, zone: 'Europe/Kyiv' }))).toBe(
      '2021-02-15T21:59:59.999Z',
    );
  });

  it('counts a KZ 10-working-day admissibility check over Nauryz in Almaty', () => {
    const callClosed = new Date('2026-03-18T07:00:00Z'); // 12:00 in Almaty
    expect(iso(deadlineAfter(callClosed, 10, KZ))).toBe('2026-04-06T18:59:59.999Z');
    expect(lastDayOfPeriod(callClosed, 10, KZ)).toBe('2026-04-06');
  });

  it('keeps a calendar deadline on a day off unless rollForwardFromDayOff is set', () => {
    // 10 calendar days from 28 April 2026 end on Friday 8 May, inside the KG May holidays.
    const start = new Date('2026-04-28T06:00:00Z');
    expect(lastDayOfPeriod(start, 10, KG)).toBe('2026-05-08');
    const rolled = { ...KG, rollForwardFromDayOff: true };
    expect(lastDayOfPeriod(start, 10, rolled)).toBe('2026-05-11');
    expect(iso(deadlineAfter(start, 10, rolled))).toBe('2026-05-11T17:59:59.999Z');
  });

  it('rolls a UA weekend deadline to Monday even if that Monday is a holiday (martial law)', () => {
    const start = new Date('2026-08-12T09:00:00Z');
    expect(lastDayOfPeriod(start, 10, UA)).toBe('2026-08-22');
    const rolled = { ...UA, rollForwardFromDayOff: true };
    expect(iso(deadlineAfter(start, 10, rolled))).toBe('2026-08-24T20:59:59.999Z');
  });

  it('crosses the Kyiv DST change by local days, not by 24-hour steps', () => {
    const start = new Date('2026-03-27T10:00:00Z'); // Friday 27 March, 12:00 +02
    expect(iso(deadlineAfter(start, 4, UA))).toBe('2026-03-31T20:59:59.999Z');
    const autumn = new Date('2026-10-23T10:00:00Z');
    expect(iso(deadlineAfter(autumn, 4, UA))).toBe('2026-10-27T21:59:59.999Z');
  });

  it('extends from a deadline without losing a day: the deadline reads back as its own last day', () => {
    const due = deadlineAfter(new Date('2026-03-18T07:00:00Z'), 10, KZ);
    expect(localDateOf(due, 'Asia/Almaty')).toBe('2026-04-06');
    expect(iso(deadlineAfter(due, 5, KZ))).toBe('2026-04-13T18:59:59.999Z');
    expect(
      workingDaysBetween('2026-04-06', localDateOf(deadlineAfter(due, 5, KZ), KZ.zone), 'KZ'),
    ).toBe(5);
  });

  it('rejects zero, negative and fractional days, bad dates, zones, countries and countings', () => {
    const start = new Date('2026-03-18T07:00:00Z');
    expect(() => deadlineAfter(start, 0, KZ)).toThrow(
      'days must be a whole number of days, at least 1, got 0',
    );
    expect(() => deadlineAfter(start, -5, KG)).toThrow(/at least 1, got -5/);
    expect(() => deadlineAfter(start, 2.5, KG)).toThrow(/whole number/);
    expect(() => deadlineAfter(new Date('not a date'), 5, KG)).toThrow(
      /start must be a valid Date/,
    );
    expect(() => deadlineAfter(start, 5, { ...KG, zone: 'Bishkek' })).toThrow(/IANA time zone/);
    expect(() =>
      deadlineAfter(start, 5, { ...KG, country: 'RU' as DeadlineOptions['country'] }),
    ).toThrow(/country must be one of KG, KZ, UA/);
    expect(() =>
      deadlineAfter(start, 5, { ...KG, counting: 'business' as DeadlineOptions['counting'] }),
    ).toThrow(/counting must be 'calendar' or 'working', got "business"/);
  });

  it('needs no holiday data for plain calendar days, but fails loudly when it does', () => {
    const start = new Date('2031-01-10T06:00:00Z');
    expect(iso(deadlineAfter(start, 10, KG))).toBe('2031-01-20T17:59:59.999Z');
    expect(() => deadlineAfter(start, 10, { ...KG, rollForwardFromDayOff: true })).toThrow(
      /No holiday data for KG in 2031/,
    );
    expect(() => deadlineAfter(start, 10, { ...KZ })).toThrow(/No holiday data for KZ in 2031/);
  });
});

describe('reminderInstants', () => {
  it('keeps the local time 3 local days before a Kyiv deadline across the March DST change', () => {
    const due = endOfLocalDay('2026-03-31', 'Europe/Kyiv'); // 20:59:59.999Z, +03
    const [threeDays, oneDay] = reminderInstants(due, [3, 1], 'Europe/Kyiv');
    expect(iso(threeDays)).toBe('2026-03-28T21:59:59.999Z'); // 23:59:59.999 +02
    expect(iso(oneDay)).toBe('2026-03-30T20:59:59.999Z');
    expect(due.getTime() - threeDays.getTime()).toBe(3 * 86_400_000 - 3_600_000);
  });

  it('keeps the local time across the October change too', () => {
    const due = endOfLocalDay('2026-10-27', 'Europe/Kyiv');
    const [threeDays] = reminderInstants(due, [3], 'Europe/Kyiv');
    expect(iso(threeDays)).toBe('2026-10-24T20:59:59.999Z');
    expect(due.getTime() - threeDays.getTime()).toBe(3 * 86_400_000 + 3_600_000);
  });

  it('is plain 24-hour steps in zones without DST', () => {
    const due = endOfLocalDay('2026-04-06', 'Asia/Almaty');
    expect(reminderInstants(due, [2, 1], 'Asia/Almaty').map(iso)).toEqual([
      '2026-04-04T18:59:59.999Z',
      '2026-04-05T18:59:59.999Z',
    ]);
    expect(reminderInstants(due, [], 'Asia/Almaty')).toEqual([]);
  });

  it('rejects zero or negative offsets and invalid input', () => {
    const due = endOfLocalDay('2026-04-06', 'Asia/Bishkek');
    expect(() => reminderInstants(due, [3, 0], 'Asia/Bishkek')).toThrow(
      'daysBefore must be a whole number of days, at least 1, got 0',
    );
    expect(() => reminderInstants(due, [-1], 'Asia/Bishkek')).toThrow(/got -1/);
    expect(() => reminderInstants(new Date(Number.NaN), [1], 'Asia/Bishkek')).toThrow(
      /due must be a valid Date/,
    );
    expect(() => reminderInstants(due, [1], 'Mars/Olympus')).toThrow(/IANA time zone/);
  });
});
