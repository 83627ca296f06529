import type { ProcedureProfile } from './procedure-profile.js';

/**
 * Ukraine: competition for social services (Law No. 2671-VIII Art. 26, Cabinet Resolution
 * No. 450 of 2020), without a hearing, on ProZorro rules from 200,000 UAH (seed 002). From the
 * sources: calendar days, a call of at least 7 days, questions close 3 days before it does, and
 * at least 4 days must remain after the call is changed. The rest are defaults.
 */
export const UA_COMPETITION = {
  id: 'ua-competition',
  title: 'Ukraine: competition for social services (ProZorro rules)',
  jurisdiction: 'UA',
  timeZone: 'Europe/Kyiv',
  dayCounting: 'calendar',
  hasHearing: false,
  rounds: 1,
  // Default: a competition needs a rival; a programme may accept a single applicant.
  minApplications: 2,
  quorum: { numerator: 1, denominator: 2 },
  standstillDays: 5,
  minDaysRemainingAfterAmendment: 4,
  enquiriesCloseDaysBeforeCallClose: 3,
  durations: {
    callClose: { days: 10, minDays: 7 },
    admissibility: { days: 5 },
    scoring: { days: 10 },
  },
  reminders: {
    callClose: [3, 1],
    admissibility: [1],
    scoring: [2],
  },
  // A year of service (seed 002): quarterly interim reports, the last quarter in the final one.
  reporting: { interimEveryMonths: 3, dueDaysAfterPeriod: 15, reminders: [7, 1] },
} as const satisfies ProcedureProfile;
