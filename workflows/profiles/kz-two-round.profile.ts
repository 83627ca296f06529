import type { ProcedureProfile } from './procedure-profile.js';

/**
 * Kazakhstan: two-round contest of social projects (Law No. 36-III of 2005; grant rules Order
 * No. 406/2022, restated by Order No. 144-НҚ): a regional selection round, then a republican
 * commission picks the winner (seed 004). From the sources: working days, a call of 20 to 30
 * days, admissibility in 10 and evaluation in 15 working days, quorum of two thirds.
 * The rest are defaults (the shortlist of 3 for the republican round among them).
 */
export const KZ_TWO_ROUND = {
  id: 'kz-two-round',
  title: 'Kazakhstan: two-round contest of social projects (regional, then republican)',
  jurisdiction: 'KZ',
  timeZone: 'Asia/Almaty',
  dayCounting: 'working',
  hasHearing: false,
  rounds: 2,
  minApplications: 1,
  quorum: { numerator: 2, denominator: 3 },
  shortlistSize: 3,
  // An odd commission of at most 15: 30% named by the operator, 70% by NGOs (DOMAIN.md).
  commission: {
    oddSize: true,
    maxSize: 15,
    nominatorShares: {
      operator: { max: { numerator: 3, denominator: 10 } },
      ngo: { min: { numerator: 7, denominator: 10 } },
    },
  },
  standstillDays: 5,
  minDaysRemainingAfterAmendment: 5,
  enquiriesCloseDaysBeforeCallClose: null,
  durations: {
    callClose: { days: 20, minDays: 20, maxDays: 30 },
    admissibility: { days: 10 },
    scoring: { days: 15 },
    secondRoundScoring: { days: 15 },
  },
  reminders: {
    callClose: [3, 1],
    admissibility: [2],
    scoring: [3, 1],
    secondRoundScoring: [3, 1],
  },
  // Quarterly interim reports and a final one, due 10 working days after each period.
  reporting: { interimEveryMonths: 3, dueDaysAfterPeriod: 10, reminders: [7, 1] },
} as const satisfies ProcedureProfile;
