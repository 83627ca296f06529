import { ProblemException } from '../common/problem.js';
import type { PlanImportReport } from './plan-import/index.js';

export const programmeError = {
  notFound: (id: string) => new ProblemException(404, 'programme-not-found', `No programme ${id}`),
  buyerRequired: () =>
    new ProblemException(
      400,
      'buyer-required',
      'Say which buyer the programme belongs to (buyerId): you are staff of several',
      { errors: [{ field: 'buyerId', messages: ['buyerId is required'] }] },
    ),
  notABuyer: (id: string) =>
    new ProblemException(422, 'not-a-buyer', `Organisation ${id} is not a buyer`),
  unknownProfile: (id: string, known: readonly string[]) =>
    new ProblemException(422, 'profile-not-found', `No procedure profile ${id}`, {
      profiles: known,
    }),
  profileJurisdiction: (profile: string, profileJurisdiction: string, jurisdiction: string) =>
    new ProblemException(
      422,
      'profile-jurisdiction-mismatch',
      `Profile ${profile} is for ${profileJurisdiction}, the programme is in ${jurisdiction}`,
    ),
  period: () =>
    new ProblemException(422, 'programme-period-invalid', 'periodEnd is before periodStart'),
  notDraft: () =>
    new ProblemException(
      409,
      'programme-not-draft',
      'A lot of this programme has left draft: the programme can no longer be edited',
    ),
  budgetExceeded: (totalBudget: number, allocated: number, currency: string) =>
    new ProblemException(
      422,
      'programme-budget-exceeded',
      `The lots would need ${allocated} and the programme has ${totalBudget} (${currency} minor units)`,
      { totalBudget, allocated, currency },
    ),
  amountMismatch: (stated: number, sum: number) =>
    new ProblemException(
      422,
      'lot-amount-mismatch',
      `maxAmount ${stated} is not the sum of the territories' amounts ${sum}`,
      { maxAmount: stated, territoriesSum: sum },
    ),
  planNotImportable: (report: PlanImportReport, partial: boolean) =>
    new ProblemException(
      422,
      'plan-not-importable',
      partial
        ? 'The file cannot be read as a plan: nothing was imported'
        : `Nothing was imported: ${report.summary.errorRows} row(s) have errors; fix them, or import the consistent rows with ?partial=true`,
      { report },
    ),
  numberTaken: (number: string) =>
    new ProblemException(409, 'lot-number-taken', `The programme already has a lot ${number}`),
};
