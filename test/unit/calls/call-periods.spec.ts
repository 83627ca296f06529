import { describe, expect, it } from '@jest/globals';
import { amendmentExtension, enquiryPeriodEnd } from '../../../src/calls/call-periods.js';
import {
  endOfLocalDay,
  localDateOf,
  workingDaysBetween,
} from '../../../src/common/calendar/index.js';
import {
  daysRemaining,
  extendDue,
  type DeadlineCalendar,
} from '../../../src/deadlines/deadline-calendar.js';

const UA: DeadlineCalendar = { zone: 'Europe/Kyiv', counting: 'calendar', country: 'UA' };
const KZ: DeadlineCalendar = { zone: 'Asia/Almaty', counting: 'working', country: 'KZ' };

const iso = (date: Date) => date.toISOString();

describe('enquiryPeriodEnd', () => {
  it('closes UA questions at the end of the day 3 calendar days before the call’s last day', () => {
    const callClose = endOfLocalDay('2026-03-20', 'Europe/Kyiv');
    expect(iso(enquiryPeriodEnd(callClose, 3, UA))).toBe(
      iso(endOfLocalDay('2026-03-17', 'Europe/Kyiv')),
    );
  });

  it('counts back across the DST change in the buyer’s zone, not in UTC', () => {
    // Kyiv moves to summer time on 29 March 2026: the end of 27 March is 21:59:59.999Z.
    const callClose = endOfLocalDay('2026-03-30', 'Europe/Kyiv');
    expect(iso(enquiryPeriodEnd(callClose, 3, UA))).toBe('2026-03-27T21:59:59.999Z');
  });

  it('counts back working days for a working-day profile, skipping weekends and holidays', () => {
    // Friday 16 October 2026 in Almaty: 3 working days before is Tuesday 13 October.
    const callClose = endOfLocalDay('2026-10-16', 'Asia/Almaty');
    expect(iso(enquiryPeriodEnd(callClose, 3, KZ))).toBe(
      iso(endOfLocalDay('2026-10-13', 'Asia/Almaty')),
    );
    // Nauryz (21–25 March 2026 off): from Friday 27 March back to 26, 20 and Thursday 19 March.
    const afterNauryz = endOfLocalDay('2026-03-27', 'Asia/Almaty');
    const end = localDateOf(enquiryPeriodEnd(afterNauryz, 3, KZ), 'Asia/Almaty');
    expect(end).toBe('2026-03-19');
    expect(workingDaysBetween(end, '2026-03-27', 'KZ')).toBe(3);
  });

  it('closes questions with the call when the profile names no days', () => {
    const callClose = endOfLocalDay('2026-03-20', 'Asia/Bishkek');
    const kg: DeadlineCalendar = { zone: 'Asia/Bishkek', counting: 'calendar', country: 'KG' };
    expect(enquiryPeriodEnd(callClose, null, kg)).toBe(callClose);
    expect(enquiryPeriodEnd(callClose, 0, kg)).toBe(callClose);
  });
});

describe('amendmentExtension', () => {
  // Tuesday 10 March 2026, noon in Kyiv; the call closes at the end of Thursday 12 March.
  const now = new Date('2026-03-10T10:00:00Z');
  const callClose = endOfLocalDay('2026-03-12', 'Europe/Kyiv');

  it('keeps the buyer’s extension when it leaves enough days', () => {
    expect(amendmentExtension(now, callClose, 5, 4, UA)).toEqual({
      extendByDays: 5,
      autoExtendedByDays: 0,
    });
  });

  it('adds exactly the days missing for the profile’s minimum', () => {
    expect(daysRemaining(now, callClose, UA)).toBe(2);
    expect(amendmentExtension(now, callClose, 1, 4, UA)).toEqual({
      extendByDays: 2,
      autoExtendedByDays: 1,
    });
    const unextended = amendmentExtension(now, callClose, 0, 4, UA);
    expect(unextended).toEqual({ extendByDays: 2, autoExtendedByDays: 2 });
    expect(daysRemaining(now, extendDue(callClose, unextended.extendByDays, UA), UA)).toBe(4);
  });

  it('leaves the deadline alone when nothing is stated and enough days remain', () => {
    expect(amendmentExtension(now, callClose, 0, 2, UA)).toEqual({
      extendByDays: 0,
      autoExtendedByDays: 0,
    });
  });

  it('counts working days for a working-day profile, across a weekend', () => {
    // Thursday 15 October 2026 in Almaty; the call closes at the end of Friday 16 October.
    const thursday = new Date('2026-10-15T06:00:00Z');
    const friday = endOfLocalDay('2026-10-16', 'Asia/Almaty');
    const extension = amendmentExtension(thursday, friday, 0, 5, KZ);
    expect(extension).toEqual({ extendByDays: 4, autoExtendedByDays: 4 });
    const moved = extendDue(friday, extension.extendByDays, KZ);
    expect(localDateOf(moved, 'Asia/Almaty')).toBe('2026-10-22');
    expect(daysRemaining(thursday, moved, KZ)).toBe(5);
  });
});
