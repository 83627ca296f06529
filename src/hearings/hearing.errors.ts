import { ProblemException } from '../common/problem.js';

/** Stable codes of the hearings feature; clients may switch on them. */
export const HearingErrorCode = {
  HearingNotFound: 'hearing-not-found',
  CommentNotFound: 'comment-not-found',
  RegistrationNotFound: 'registration-not-found',
  HearingDatePast: 'hearing-date-past',
  HearingBeforeRegistrationCloses: 'hearing-before-registration-closes',
  NoHearingInProfile: 'no-hearing-in-profile',
  NoDraftLots: 'no-draft-lots',
  RegistrationClosed: 'hearing-registration-closed',
  AlreadyRegistered: 'already-registered',
  RegistrationUnconfirmed: 'registration-unconfirmed',
  NotAParticipant: 'not-a-participant',
  HearingClosed: 'hearing-closed',
  NotInDiscussion: 'hearing-not-in-discussion',
  ProtocolAlreadyApproved: 'protocol-already-approved',
  CommentsUnanswered: 'comments-unanswered',
  ProtocolNotApproved: 'protocol-not-approved',
  DecisionMismatch: 'protocol-decision-mismatch',
  OrganisationRequired: 'organisation-required',
  EmailUnavailable: 'email-unavailable',
} as const;

export const hearingError = {
  hearingNotFound: (lotId: string) =>
    new ProblemException(
      404,
      HearingErrorCode.HearingNotFound,
      `Lot ${lotId} has not been published for a public hearing`,
    ),
  commentNotFound: (commentId: string) =>
    new ProblemException(
      404,
      HearingErrorCode.CommentNotFound,
      `No comment ${commentId} in this lot's hearing`,
    ),
  registrationNotFound: () =>
    new ProblemException(
      404,
      HearingErrorCode.RegistrationNotFound,
      'No registration has this token; check that the whole code from the email was used',
    ),
  hearingDatePast: (heldAt: Date, now: Date) =>
    new ProblemException(
      422,
      HearingErrorCode.HearingDatePast,
      `The hearing must be held after now (${now.toISOString()}), not at ${heldAt.toISOString()}`,
      { heldAt, now },
    ),
  hearingBeforeRegistrationCloses: (heldAt: Date, registrationDeadline: Date) =>
    new ProblemException(
      422,
      HearingErrorCode.HearingBeforeRegistrationCloses,
      `The hearing is held once registration has closed (${registrationDeadline.toISOString()}); ` +
        `${heldAt.toISOString()} is before that`,
      { heldAt, registrationDeadline },
    ),
  noHearingInProfile: (profileId: string) =>
    new ProblemException(
      409,
      HearingErrorCode.NoHearingInProfile,
      `The procedure profile ${profileId} has no public hearing`,
      { profileId },
    ),
  noDraftLots: (programmeId: string) =>
    new ProblemException(
      409,
      HearingErrorCode.NoDraftLots,
      `Programme ${programmeId} has no draft lots to publish for hearing`,
    ),
  registrationClosed: (state: string, registrationDeadline: Date | null) =>
    new ProblemException(
      409,
      HearingErrorCode.RegistrationClosed,
      registrationDeadline
        ? `Registration for this hearing closed at ${registrationDeadline.toISOString()}`
        : `Registration for this hearing is not open (the lot is in ${state})`,
      { state, registrationDeadline },
    ),
  alreadyRegistered: () =>
    new ProblemException(
      409,
      HearingErrorCode.AlreadyRegistered,
      'Thank you, this email address is already registered for this hearing, so there is ' +
        'nothing more to do. If it is not confirmed yet, please use the link in the email we sent.',
    ),
  registrationUnconfirmed: () =>
    new ProblemException(
      403,
      HearingErrorCode.RegistrationUnconfirmed,
      'Confirm your registration first, with the link in the email we sent',
    ),
  notAParticipant: () =>
    new ProblemException(
      403,
      HearingErrorCode.NotAParticipant,
      'This registration is for another hearing, not for this lot’s',
    ),
  hearingClosed: (state: string) =>
    new ProblemException(
      409,
      HearingErrorCode.HearingClosed,
      `The hearing on this lot is closed for comments and answers (the lot is in ${state}, or ` +
        'its protocol is approved)',
      { state },
    ),
  notInDiscussion: (state: string) =>
    new ProblemException(
      409,
      HearingErrorCode.NotInDiscussion,
      `The protocol is approved while the hearing is in discussion; the lot is in ${state}`,
      { state },
    ),
  protocolAlreadyApproved: (approvedAt: Date) =>
    new ProblemException(
      409,
      HearingErrorCode.ProtocolAlreadyApproved,
      `The protocol was approved at ${approvedAt.toISOString()} and is frozen`,
      { approvedAt },
    ),
  commentsUnanswered: (commentIds: readonly string[]) =>
    new ProblemException(
      409,
      HearingErrorCode.CommentsUnanswered,
      `Every comment is answered before the protocol is approved; ${commentIds.length} not yet`,
      { unansweredCommentIds: commentIds },
    ),
  protocolNotApproved: () =>
    new ProblemException(
      409,
      HearingErrorCode.ProtocolNotApproved,
      'The hearing protocol has not been approved yet',
    ),
  decisionMismatch: (decision: string, wanted: string) =>
    new ProblemException(
      409,
      HearingErrorCode.DecisionMismatch,
      `The approved protocol decided ${decision}, not ${wanted}`,
      { decision },
    ),
  organisationRequired: (organisationIds: readonly string[]) =>
    new ProblemException(
      400,
      HearingErrorCode.OrganisationRequired,
      'You are a member of several NGOs: name the one you comment for (organisationId)',
      { organisationIds },
    ),
  emailUnavailable: () =>
    new ProblemException(
      503,
      HearingErrorCode.EmailUnavailable,
      'The confirmation email could not be sent just now, so nothing was registered; try again',
    ),
};
