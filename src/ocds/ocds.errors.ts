import { ProblemException } from '../common/problem.js';

/** Stable codes of the OCDS feature; clients may switch on them. */
export const OcdsErrorCode = {
  OcidNotFound: 'ocid-not-found',
  ValidationFailed: 'validation-failed',
} as const;

export const ocdsError = {
  ocidNotFound: (ocid: string) =>
    new ProblemException(404, OcdsErrorCode.OcidNotFound, `No releases are published for ${ocid}`, {
      ocid,
    }),
  invalidDate: (field: string) =>
    new ProblemException(
      400,
      OcdsErrorCode.ValidationFailed,
      `${field} must be a date or a date-time with an offset`,
      { errors: [{ field, messages: [`${field} must be a real date`] }] },
    ),
};
