import { ProblemException } from '../common/problem.js';

/** Stable codes of the reporting feature; clients may switch on them. */
export const ReportingErrorCode = {
  LotNotContracting: 'lot-not-contracting',
  LotNotReporting: 'lot-not-reporting',
  NoActiveAward: 'no-active-award',
  SeveralAwards: 'several-awards',
  NoAgreement: 'no-agreement',
  SigningStarted: 'agreement-signing-started',
  AlreadySigned: 'already-signed',
  AgreementNotSigned: 'agreement-not-signed',
  NotAParty: 'not-a-party',
  AgreementTermsInvalid: 'agreement-terms-invalid',
  NoReportingSchedule: 'no-reporting-schedule',
  ReportNotFound: 'report-not-found',
  ReportNotEditable: 'report-not-editable',
  ReportContentInvalid: 'report-content-invalid',
  ReportIncomplete: 'report-incomplete',
  ReportNotSubmitted: 'report-not-submitted',
  EarlierReportsPending: 'earlier-reports-pending',
  UnknownTranche: 'unknown-tranche',
  TranchePaid: 'tranche-paid',
  TrancheReportMismatch: 'tranche-report-mismatch',
  ReportNotAccepted: 'report-not-accepted',
  AgreementOverpaid: 'agreement-overpaid',
  VisitInFuture: 'visit-in-future',
} as const;

export const reportingError = {
  lotNotContracting: (state: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.LotNotContracting,
      `The lot is in ${state}; the agreement is drafted and signed in award.contracting`,
      { state },
    ),
  lotNotReporting: (state: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.LotNotReporting,
      `The lot is in ${state}; this is done while the agreement runs (reporting)`,
      { state },
    ),
  noActiveAward: (lotId: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.NoActiveAward,
      `Lot ${lotId} has no active award to draft an agreement for`,
    ),
  severalAwards: (awardIds: readonly string[]) =>
    new ProblemException(
      409,
      ReportingErrorCode.SeveralAwards,
      `The lot has ${awardIds.length} active awards; an agreement covers a lot with one grantee`,
      { awardIds },
    ),
  noAgreement: (lotId: string) =>
    new ProblemException(404, ReportingErrorCode.NoAgreement, `Lot ${lotId} has no agreement`),
  signingStarted: (signedBy: readonly string[]) =>
    new ProblemException(
      409,
      ReportingErrorCode.SigningStarted,
      `The agreement is already signed by the ${signedBy.join(' and the ')}; its terms hold`,
      { signedBy },
    ),
  alreadySigned: (side: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.AlreadySigned,
      `The ${side} has signed the agreement already`,
      { side },
    ),
  agreementNotSigned: (status: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.AgreementNotSigned,
      `The agreement is ${status}; this needs an agreement signed by both sides`,
      { status },
    ),
  notAParty: (ngoId: string) =>
    new ProblemException(
      403,
      ReportingErrorCode.NotAParty,
      `Only members of the grantee (organisation ${ngoId}) act for it under this agreement`,
    ),
  agreementTermsInvalid: (problems: readonly string[]) =>
    new ProblemException(
      422,
      ReportingErrorCode.AgreementTermsInvalid,
      `The agreement's terms do not hold: ${problems.join('; ')}`,
      { problems },
    ),
  noReportingSchedule: (profileId: string) =>
    new ProblemException(
      422,
      ReportingErrorCode.NoReportingSchedule,
      `Profile ${profileId} has no reporting schedule: state interimEveryMonths and dueDaysAfterPeriod in reporting`,
    ),
  reportNotFound: (seq: number) =>
    new ProblemException(
      404,
      ReportingErrorCode.ReportNotFound,
      `The agreement has no report ${seq}`,
    ),
  reportNotEditable: (seq: number, status: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.ReportNotEditable,
      `Report ${seq} is ${status}; only a pending or returned report is edited and submitted`,
      { status },
    ),
  reportContentInvalid: (problems: readonly string[]) =>
    new ProblemException(
      422,
      ReportingErrorCode.ReportContentInvalid,
      `The report does not fit the agreement: ${problems.join('; ')}`,
      { problems },
    ),
  reportIncomplete: (missing: readonly string[]) =>
    new ProblemException(
      422,
      ReportingErrorCode.ReportIncomplete,
      `The report cannot be submitted without ${missing.join(', ')}`,
      { missing },
    ),
  reportNotSubmitted: (seq: number, status: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.ReportNotSubmitted,
      `Report ${seq} is ${status}; only a submitted report is reviewed`,
      { status },
    ),
  earlierReportsPending: (seqs: readonly number[]) =>
    new ProblemException(
      409,
      ReportingErrorCode.EarlierReportsPending,
      `The final report is accepted once every earlier one is; not yet accepted: ${seqs.join(', ')}`,
      { reportSeqs: seqs },
    ),
  unknownTranche: (seq: number, count: number) =>
    new ProblemException(
      422,
      ReportingErrorCode.UnknownTranche,
      `The tranche plan has tranches 1 to ${count}, not ${seq}`,
    ),
  tranchePaid: (seq: number) =>
    new ProblemException(
      409,
      ReportingErrorCode.TranchePaid,
      `Tranche ${seq} is recorded as paid already`,
    ),
  trancheReportMismatch: (seq: number, reportSeq: number | null) =>
    new ProblemException(
      422,
      ReportingErrorCode.TrancheReportMismatch,
      reportSeq === null
        ? `Tranche ${seq} is due on signing and waits for no report`
        : `Tranche ${seq} is due after report ${reportSeq}`,
      { reportSeq },
    ),
  reportNotAccepted: (seq: number, reportSeq: number, status: string) =>
    new ProblemException(
      409,
      ReportingErrorCode.ReportNotAccepted,
      `Tranche ${seq} is due after report ${reportSeq} is accepted; it is ${status}`,
      { reportSeq, status },
    ),
  agreementOverpaid: (amount: number, paid: number, value: number) =>
    new ProblemException(
      422,
      ReportingErrorCode.AgreementOverpaid,
      `Paying ${amount} more would bring the payments to ${paid + amount}, above the agreement's ${value}`,
      { paid, value, remaining: value - paid },
    ),
  visitInFuture: (visitedOn: string, today: string) =>
    new ProblemException(
      422,
      ReportingErrorCode.VisitInFuture,
      `A visit on ${visitedOn} has not happened yet (today is ${today} in the buyer's zone)`,
    ),
};
