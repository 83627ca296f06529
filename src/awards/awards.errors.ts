import { ProblemException } from '../common/problem.js';

/** Stable codes of the award feature; clients may switch on them. */
export const AwardErrorCode = {
  NotInAward: 'lot-not-in-award',
  NoCurrentAward: 'no-current-award',
  AwardNotFound: 'award-not-found',
  AwardAmbiguous: 'award-ambiguous',
  NotTheWinner: 'not-the-winner',
  NotAnApplicant: 'not-an-applicant',
  NgoRequired: 'ngo-required',
  StandstillClosed: 'standstill-closed',
  ComplaintNotFound: 'complaint-not-found',
  ComplaintDecided: 'complaint-decided',
  ResultsNotPublished: 'results-not-published',
  NotUnsuccessful: 'lot-not-unsuccessful',
  AlreadyReannounced: 'lot-already-reannounced',
} as const;

const DECLINE_ENDPOINT = 'POST /lots/{id}/award/decline';

export const awardError = {
  dedicatedEndpoint: () =>
    new ProblemException(
      409,
      'dedicated-endpoint',
      `WINNER_DECLINED is sent through ${DECLINE_ENDPOINT}, which names the award and the reason`,
      { endpoint: DECLINE_ENDPOINT },
    ),
  notInAward: (state: string) =>
    new ProblemException(
      409,
      AwardErrorCode.NotInAward,
      `The lot is in ${state}; an award can be declined only while the lot is at the award stage`,
      { state },
    ),
  noCurrentAward: (lotId: string) =>
    new ProblemException(
      409,
      AwardErrorCode.NoCurrentAward,
      `Lot ${lotId} has no pending or active award to decline`,
    ),
  awardNotFound: (awardId: string) =>
    new ProblemException(
      404,
      AwardErrorCode.AwardNotFound,
      `No pending or active award ${awardId} on this lot`,
    ),
  awardAmbiguous: (awardIds: readonly string[]) =>
    new ProblemException(
      422,
      AwardErrorCode.AwardAmbiguous,
      'The lot has several current awards: name the one that is declined as awardId',
      { awardIds },
    ),
  notTheWinner: () =>
    new ProblemException(
      403,
      AwardErrorCode.NotTheWinner,
      "Only a member of the winning NGO, or the buyer's staff, may decline its award",
    ),
  notAnApplicant: () =>
    new ProblemException(
      403,
      AwardErrorCode.NotAnApplicant,
      'Only an NGO that submitted an application to this lot may complain about its award',
    ),
  ngoRequired: (ngoIds: readonly string[]) =>
    new ProblemException(
      400,
      AwardErrorCode.NgoRequired,
      'Several of your NGOs applied to this lot: name the one that complains as ngoId',
      { ngoIds, errors: [{ field: 'ngoId', messages: ['ngoId is required'] }] },
    ),
  standstillClosed: (state: string, dueAt: Date | null, clock: Date) =>
    new ProblemException(
      409,
      AwardErrorCode.StandstillClosed,
      state === 'award.standstill' && dueAt
        ? `The standstill ended at ${dueAt.toISOString()}; complaints are no longer accepted`
        : `The lot is in ${state}; complaints are accepted only during the standstill`,
      { state, dueAt, clock },
    ),
  complaintNotFound: (id: string) =>
    new ProblemException(404, AwardErrorCode.ComplaintNotFound, `No complaint ${id} on this lot`),
  complaintDecided: (id: string, complaintStatus: string) =>
    new ProblemException(
      409,
      AwardErrorCode.ComplaintDecided,
      `Complaint ${id} has already been decided (${complaintStatus})`,
      { complaintStatus },
    ),
  resultsNotPublished: (lotId: string) =>
    new ProblemException(
      404,
      AwardErrorCode.ResultsNotPublished,
      `The results of lot ${lotId} are not published: the evaluation has not closed`,
    ),
  notUnsuccessful: (state: string) =>
    new ProblemException(
      409,
      AwardErrorCode.NotUnsuccessful,
      `The lot is in ${state}; only an unsuccessful lot can be re-announced`,
      { state },
    ),
  alreadyReannounced: (lotId: string, number: string) =>
    new ProblemException(
      409,
      AwardErrorCode.AlreadyReannounced,
      `The lot has already been re-announced as lot ${number} (${lotId})`,
      { reannouncedAs: lotId },
    ),
};
