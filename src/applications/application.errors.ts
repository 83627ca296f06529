import { ProblemException } from '../common/problem.js';

/** Stable codes of the applications feature; clients may switch on them. */
export const applicationError = {
  notFound: (id: string) =>
    new ProblemException(404, 'application-not-found', `No application ${id} that you may see`),
  documentNotFound: (id: string) =>
    new ProblemException(404, 'document-not-found', `No document ${id} on this application`),
  notVerified: () =>
    new ProblemException(
      403,
      'ngo-not-verified',
      'Only members of a verified NGO may apply; ask the buyer or an administrator to verify it',
    ),
  chooseNgo: (ngoIds: readonly string[]) =>
    new ProblemException(400, 'ngo-required', 'You belong to several NGOs: name one as ngoId', {
      ngoIds,
    }),
  notEligible: (kind: string, eligibility: readonly string[]) =>
    new ProblemException(
      403,
      'not-eligible',
      `The call is open to ${eligibility.join(', ')}; an organisation of kind ${kind} may not apply`,
      { eligibility },
    ),
  exists: (id: string) =>
    new ProblemException(
      409,
      'application-exists',
      'Your NGO already has an application to this lot; edit that one',
      { applicationId: id },
    ),
  callNotOpen: (state: string) =>
    new ProblemException(
      409,
      'call-not-open',
      `The lot is in ${state}: applications are made and changed only while its call is open`,
      { state },
    ),
  callClosed: (dueAt: Date, now: Date) =>
    new ProblemException(
      409,
      'call-closed',
      `The call closed at ${dueAt.toISOString()}; the database clock read ${now.toISOString()}`,
      { deadline: dueAt.toISOString(), now: now.toISOString() },
    ),
  notEditable: (status: string) =>
    new ProblemException(409, 'application-not-editable', `A ${status} application is not edited`, {
      status,
    }),
  revisionConflict: (current: number, expected: number) =>
    new ProblemException(
      409,
      'revision-conflict',
      `The application changed meanwhile (you had revision ${expected}); reload it and try again`,
      { currentRevision: current },
    ),
  unknownTerritory: (names: readonly string[], known: readonly string[]) =>
    new ProblemException(
      422,
      'unknown-territory',
      `The lot has no territory ${names.join(', ')}; it has ${known.join(', ') || 'none'}`,
      { unknown: names, territories: known },
    ),
  overTerritoryMaximum: (name: string, amount: number, maximum: number) =>
    new ProblemException(
      422,
      'amount-over-maximum',
      `${amount} requested for ${name} is more than its maximum ${maximum} (minor units)`,
      { territory: name, amount, maximum },
    ),
  overLotMaximum: (amount: number, maximum: number) =>
    new ProblemException(
      422,
      'amount-over-maximum',
      `${amount} requested is more than the call's maximum ${maximum} (minor units)`,
      { amount, maximum },
    ),
  amountMismatch: (stated: number, sum: number) =>
    new ProblemException(
      422,
      'amount-mismatch',
      `requestedAmount ${stated} is not the sum of the territories' amounts, ${sum}`,
      { requestedAmount: stated, territoriesSum: sum },
    ),
  incomplete: (missing: readonly string[]) =>
    new ProblemException(
      422,
      'application-incomplete',
      `The application cannot be submitted yet: ${missing.join('; ')}`,
      { missing },
    ),
  sealed: () =>
    new ProblemException(
      403,
      'application-sealed',
      'Applications are sealed: until the call closes only the applying NGO reads them; the buyer sees counts',
    ),
  declarationRequired: () =>
    new ProblemException(
      403,
      'declaration-required',
      'Declare your conflicts of interest for this lot before reading its applications',
    ),
  notOnCommission: () =>
    new ProblemException(
      403,
      'not-on-commission',
      'You are not on this lot’s commission: only its members read its applications',
    ),
  recused: () =>
    new ProblemException(
      403,
      'recused',
      'You declared a link to this applicant: you are recused from its application',
    ),
  unknownDocumentKind: (kind: string, kinds: readonly string[]) =>
    new ProblemException(
      422,
      'unknown-document-kind',
      `The call asks for no document ${kind}; name one of ${kinds.join(', ')}`,
      { kinds },
    ),
  fileMissing: () =>
    new ProblemException(400, 'file-required', 'Send the document as multipart field "file"'),
  fileType: (mimeType: string, allowed: readonly string[]) =>
    new ProblemException(
      415,
      'unsupported-document-type',
      `A ${mimeType} file is not accepted (or its content is not what its type says); send one of ${allowed.join(', ')}`,
      { allowed },
    ),
  fileTooLarge: (limit: number) =>
    new ProblemException(413, 'document-too-large', `A document may have at most ${limit} bytes`, {
      limitBytes: limit,
    }),
};
