import { ProblemException } from '../common/problem.js';

/** Stable codes of the commission and admissibility features; clients may switch on them. */
export const commissionError = {
  noSuchRound: (round: number, rounds: number) =>
    new ProblemException(
      422,
      'no-such-round',
      `The lot's procedure has ${rounds} round${rounds === 1 ? '' : 's'}; there is no round ${round}`,
      { rounds },
    ),
  compositionClosed: (round: number, state: string) =>
    new ProblemException(
      409,
      'commission-fixed',
      `Round ${round}'s commission is fixed once its evaluation begins; the lot is in ${state}`,
      { round, state },
    ),
  duplicateMember: (userIds: readonly string[]) =>
    new ProblemException(
      422,
      'duplicate-member',
      `A member is named twice: ${userIds.join(', ')}`,
      { userIds },
    ),
  chairRequired: (chairs: number) =>
    new ProblemException(
      422,
      'one-chair',
      `A commission has exactly one chair; ${chairs} were named`,
      { chairs },
    ),
  oneSecretary: (secretaries: number) =>
    new ProblemException(
      422,
      'one-secretary',
      `A commission has at most one secretary; ${secretaries} were named`,
      { secretaries },
    ),
  notCommissionMembers: (userIds: readonly string[]) =>
    new ProblemException(
      422,
      'not-commission-member',
      `Not active commission members of the lot's buyer: ${userIds.join(', ')}`,
      { userIds },
    ),
  compositionRules: (profileId: string, violations: readonly string[]) =>
    new ProblemException(
      422,
      'composition-rules',
      `The commission breaks the rules of ${profileId}: ${violations.join('; ')}`,
      { violations },
    ),
  drawTooLarge: (index: number, size: number, registerSize: number) =>
    new ProblemException(
      422,
      'register-too-small',
      `Pool ${index} asks for ${size} members from a register of ${registerSize}`,
      { pool: index },
    ),
  notDrawn: (userId: string) =>
    new ProblemException(
      422,
      'office-not-drawn',
      `${userId} was not drawn; an office goes to a drawn member`,
      { userId },
    ),
  notMember: (round: number) =>
    new ProblemException(
      403,
      'not-on-commission',
      `You are not a member of this lot's round ${round} commission`,
      { round },
    ),
  notDeclared: (round: number) =>
    new ProblemException(
      404,
      'declaration-not-found',
      `You have not declared your conflicts of interest for round ${round} yet`,
      { round },
    ),
  declarationsClosed: (round: number, state: string) =>
    new ProblemException(
      409,
      'declarations-closed',
      `Declarations for round ${round} are made while that round's evaluation runs; the lot is in ${state}`,
      { round, state },
    ),
  unknownApplications: (applicationIds: readonly string[]) =>
    new ProblemException(
      422,
      'unknown-application',
      `No submitted application of this lot: ${applicationIds.join(', ')}`,
      { applicationIds },
    ),
  duplicateLink: (applicationId: string, link: string) =>
    new ProblemException(
      422,
      'duplicate-link',
      `The link ${link} to ${applicationId} is declared twice`,
      { applicationId, link },
    ),
  linkRemoved: (removed: readonly { applicationId: string; link: string }[]) =>
    new ProblemException(
      409,
      'link-removed',
      'A declared link stays declared: amend a declaration only by adding links',
      { removed },
    ),
};

export const admissibilityError = {
  notInAdmissibility: (state: string) =>
    new ProblemException(
      409,
      'admissibility-closed',
      `Admissibility is decided while the lot is in evaluation.admissibility; it is in ${state}`,
      { state },
    ),
  notDecider: (offices: readonly string[]) =>
    new ProblemException(
      403,
      'office-required',
      `Only the round 1 commission's ${offices.join(' or ')} may do this`,
      { offices },
    ),
  notSubmitted: (applicationId: string) =>
    new ProblemException(
      404,
      'application-not-found',
      `No submitted application ${applicationId} on this lot`,
    ),
  reasonRequired: () =>
    new ProblemException(
      422,
      'reason-required',
      'A rejection states a reasonCode and a reason; the NGO is told both',
    ),
  reasonWithAdmission: () =>
    new ProblemException(
      422,
      'reason-with-admission',
      'An admitted application has no reasonCode or reason',
    ),
  rejectionFinal: (applicationId: string) =>
    new ProblemException(
      409,
      'rejection-final',
      `Application ${applicationId} was rejected and its NGO told why; the rejection stands`,
      { applicationId },
    ),
  undecided: (applicationIds: readonly string[]) =>
    new ProblemException(
      409,
      'applications-undecided',
      `${applicationIds.length} submitted application(s) have no admissibility decision yet`,
      { applicationIds },
    ),
};
