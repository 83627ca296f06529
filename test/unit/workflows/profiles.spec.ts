import { describe, expect, it } from '@jest/globals';
import {
  PROFILES,
  PROFILE_IDS,
  UnknownProfileError,
  getProfile,
  type DeadlineDuration,
} from '../../../workflows/profiles/index.js';

describe.each(PROFILE_IDS)('profile %s', (profileId) => {
  const profile = getProfile(profileId);
  const durations: [string, DeadlineDuration | undefined][] = Object.entries(profile.durations);

  it('is filed under its own id', () => {
    expect(PROFILES[profileId].id).toBe(profileId);
  });

  it('names a time zone the runtime knows', () => {
    expect(() => new Intl.DateTimeFormat('en', { timeZone: profile.timeZone })).not.toThrow();
  });

  it('has a duration for every deadline its path arms', () => {
    expect(profile.durations.hearingRegistration !== undefined).toBe(profile.hasHearing);
    expect(profile.durations.secondRoundScoring !== undefined).toBe(profile.rounds === 2);
  });

  it('keeps every default within its own bounds', () => {
    for (const [, duration] of durations) {
      if (!duration) continue;
      expect(Number.isInteger(duration.days) && duration.days > 0).toBe(true);
      expect(duration.days).toBeGreaterThanOrEqual(duration.minDays ?? 1);
      expect(duration.days).toBeLessThanOrEqual(duration.maxDays ?? Infinity);
    }
  });

  it('states its quorum as a proper fraction of integers', () => {
    const { numerator, denominator } = profile.quorum;
    expect(Number.isInteger(numerator) && Number.isInteger(denominator)).toBe(true);
    expect(numerator).toBeGreaterThan(0);
    expect(numerator).toBeLessThanOrEqual(denominator);
  });

  it('sends reminders only before a deadline it has', () => {
    for (const [kind, offsets] of Object.entries(profile.reminders)) {
      const days =
        kind === 'standstill' ? profile.standstillDays : Object.fromEntries(durations)[kind]?.days;
      expect(days).toBeDefined();
      for (const daysBefore of offsets ?? []) {
        expect(daysBefore).toBeGreaterThan(0);
        expect(daysBefore).toBeLessThan(days ?? 0);
      }
    }
  });

  it('leaves time to apply after an amendment when the call is at its shortest', () => {
    const shortest = profile.durations.callClose.minDays ?? profile.durations.callClose.days;
    expect(profile.minDaysRemainingAfterAmendment).toBeLessThanOrEqual(shortest);
    expect(profile.enquiriesCloseDaysBeforeCallClose ?? 0).toBeLessThan(shortest);
  });
});

describe('profiles from the sources', () => {
  it('runs the Kyrgyz grant with a public hearing in calendar days in Bishkek', () => {
    expect(getProfile('kg-grant')).toMatchObject({
      jurisdiction: 'KG',
      timeZone: 'Asia/Bishkek',
      dayCounting: 'calendar',
      hasHearing: true,
      rounds: 1,
    });
  });

  it('runs the Kazakh contest in two rounds of working days in Almaty', () => {
    expect(getProfile('kz-two-round')).toMatchObject({
      jurisdiction: 'KZ',
      timeZone: 'Asia/Almaty',
      dayCounting: 'working',
      hasHearing: false,
      rounds: 2,
      quorum: { numerator: 2, denominator: 3 },
      durations: {
        callClose: { minDays: 20, maxDays: 30 },
        admissibility: { days: 10 },
        scoring: { days: 15 },
      },
    });
  });

  it('runs the Ukrainian competition without a hearing on ProZorro periods in Kyiv', () => {
    expect(getProfile('ua-competition')).toMatchObject({
      jurisdiction: 'UA',
      timeZone: 'Europe/Kyiv',
      dayCounting: 'calendar',
      hasHearing: false,
      rounds: 1,
      minDaysRemainingAfterAmendment: 4,
      enquiriesCloseDaysBeforeCallClose: 3,
      durations: { callClose: { minDays: 7 } },
    });
  });
});

describe('getProfile', () => {
  it('throws UnknownProfileError naming the known profiles when the id is unknown', () => {
    expect(() => getProfile('toString')).toThrow(UnknownProfileError);
    expect(() => getProfile('kg')).toThrow(/known: kg-grant, kz-two-round, ua-competition/);
  });
});
