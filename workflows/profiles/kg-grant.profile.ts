import type { ProcedureProfile } from './procedure-profile.js';

/**
 * Kyrgyzstan: grant competition of state social order (Law No. 70 of 2017, Cabinet Resolution
 * No. 604 of 2022). The draft programme goes to a public hearing with a registration deadline
 * first (seed 000). Durations are defaults a programme may change.
 */
export const KG_GRANT = {
  id: 'kg-grant',
  title: 'Kyrgyzstan: state social order grant competition with public hearing',
  jurisdiction: 'KG',
  timeZone: 'Asia/Bishkek',
  dayCounting: 'calendar',
  hasHearing: true,
  rounds: 1,
  minApplications: 1,
  quorum: { numerator: 1, denominator: 2 },
  standstillDays: 5,
  minDaysRemainingAfterAmendment: 5,
  enquiriesCloseDaysBeforeCallClose: null,
  durations: {
    hearingRegistration: { days: 10 },
    callClose: { days: 30, minDays: 15 },
    admissibility: { days: 10 },
    scoring: { days: 14 },
  },
  reminders: {
    hearingRegistration: [2],
    callClose: [3, 1],
    admissibility: [2],
    scoring: [3, 1],
  },
  // A 12-month grant (seed 001): quarterly interim reports, the last quarter in the final one.
  reporting: { interimEveryMonths: 3, dueDaysAfterPeriod: 15, reminders: [7, 1] },
} as const satisfies ProcedureProfile;
