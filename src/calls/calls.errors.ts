import { ProblemException } from '../common/problem.js';

/** Stable codes of the call feature; clients may switch on them. */
export const CallErrorCode = {
  CallNotFound: 'call-not-found',
  CallNotOpen: 'call-not-open',
  CallPeriodOutOfBounds: 'call-period-out-of-bounds',
  AmountAboveLotMaximum: 'amount-above-lot-maximum',
  EligibilityBeyondLot: 'eligibility-beyond-lot',
  AmendmentChangesNothing: 'amendment-changes-nothing',
  ExtensionTooLong: 'extension-too-long',
  DeadlinePassed: 'call-deadline-passed',
  CallChanged: 'call-changed',
  HearingProtocolRequired: 'hearing-protocol-required',
  EnquiriesClosed: 'enquiries-closed',
  NgoNotVerified: 'ngo-not-verified',
  OrganisationRequired: 'organisation-required',
  QuestionNotFound: 'question-not-found',
  QuestionAnswered: 'question-answered',
} as const;

export interface FieldProblem {
  field: string;
  messages: string[];
}

export const callError = {
  notFound: (lotId: string) =>
    new ProblemException(404, CallErrorCode.CallNotFound, `Lot ${lotId} has no call for bids`),
  notOpen: (state: string) =>
    new ProblemException(
      409,
      CallErrorCode.CallNotOpen,
      `The lot is in ${state}; this needs its call for bids open`,
      { state },
    ),
  invalid: (errors: FieldProblem[]) =>
    new ProblemException(
      400,
      'validation-failed',
      errors.flatMap((error) => error.messages).join('; '),
      { errors },
    ),
  callPeriodOutOfBounds: (profileId: string, minDays: number, maxDays: number) =>
    new ProblemException(
      422,
      CallErrorCode.CallPeriodOutOfBounds,
      `A call under ${profileId} runs from ${minDays} to ${maxDays} days`,
      { minDays, maxDays },
    ),
  amountAboveLotMaximum: (maxAmount: number, lotMaxAmount: number) =>
    new ProblemException(
      422,
      CallErrorCode.AmountAboveLotMaximum,
      `maxAmount ${maxAmount} is above the lot's maximum of ${lotMaxAmount} (minor units)`,
      { lotMaxAmount },
    ),
  eligibilityBeyondLot: (beyond: string[], lotEligibility: string[]) =>
    new ProblemException(
      422,
      CallErrorCode.EligibilityBeyondLot,
      `The lot's plan admits ${lotEligibility.join(', ')}; the call cannot admit ${beyond.join(', ')}`,
      { lotEligibility },
    ),
  amendmentChangesNothing: () =>
    new ProblemException(
      422,
      CallErrorCode.AmendmentChangesNothing,
      'The amendment neither changes the announcement nor extends the call',
    ),
  extensionTooLong: (extendByDays: number) =>
    new ProblemException(
      422,
      CallErrorCode.ExtensionTooLong,
      `The call would be extended by ${extendByDays} days; at most 366 at a time`,
      { extendByDays },
    ),
  deadlinePassed: (dueAt: Date) =>
    new ProblemException(
      409,
      CallErrorCode.DeadlinePassed,
      `The call's deadline passed at ${dueAt.toISOString()}; it is closing`,
      { tenderPeriodEnd: dueAt.toISOString() },
    ),
  callChanged: () =>
    new ProblemException(
      409,
      CallErrorCode.CallChanged,
      'The call changed meanwhile (amended or closed); reload it and try again',
    ),
  hearingProtocolRequired: (lotId: string) =>
    new ProblemException(
      409,
      CallErrorCode.HearingProtocolRequired,
      `Lot ${lotId} has no approved hearing protocol that decides to open the call`,
    ),
  enquiriesClosed: (enquiryPeriodEnd: Date) =>
    new ProblemException(
      409,
      CallErrorCode.EnquiriesClosed,
      `Questions on this call closed at ${enquiryPeriodEnd.toISOString()}`,
      { enquiryPeriodEnd: enquiryPeriodEnd.toISOString() },
    ),
  ngoNotVerified: (organisationId: string) =>
    new ProblemException(
      403,
      CallErrorCode.NgoNotVerified,
      `Organisation ${organisationId} is not a verified NGO; only verified NGOs ask questions`,
    ),
  organisationRequired: (organisationIds: string[]) =>
    new ProblemException(
      400,
      CallErrorCode.OrganisationRequired,
      'You are a member of several NGOs: say which one asks (organisationId)',
      { organisationIds },
    ),
  questionNotFound: (questionId: string) =>
    new ProblemException(404, CallErrorCode.QuestionNotFound, `No question ${questionId}`),
  questionAnswered: (questionId: string) =>
    new ProblemException(
      409,
      CallErrorCode.QuestionAnswered,
      `Question ${questionId} is already answered`,
    ),
};
