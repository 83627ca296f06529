import { ProblemException } from '../common/problem.js';

/** Stable codes of the auth feature; clients may switch on them. */
export const AuthErrorCode = {
  InvalidCredentials: 'invalid-credentials',
  Unauthenticated: 'unauthenticated',
  RoleRequired: 'role-required',
  OrganisationNotYours: 'organisation-not-yours',
  EmailTaken: 'email-taken',
  OrganisationNotFound: 'organisation-not-found',
  UserNotFound: 'user-not-found',
  RoleNotForOrganisation: 'role-not-for-organisation',
  NotAnNgo: 'not-an-ngo',
  WrongPassword: 'wrong-password',
} as const;

export const authError = {
  invalidCredentials: () =>
    new ProblemException(401, AuthErrorCode.InvalidCredentials, 'Email or password is wrong'),
  unauthenticated: (why: string) => new ProblemException(401, AuthErrorCode.Unauthenticated, why),
  roleRequired: (roles: readonly string[]) =>
    new ProblemException(
      403,
      AuthErrorCode.RoleRequired,
      `This needs one of the roles: ${roles.join(', ')}`,
      {
        requiredRoles: roles,
      },
    ),
  organisationNotYours: (organisationId: string) =>
    new ProblemException(
      403,
      AuthErrorCode.OrganisationNotYours,
      `You do not hold the required role in organisation ${organisationId}`,
    ),
  emailTaken: (email: string) =>
    new ProblemException(
      409,
      AuthErrorCode.EmailTaken,
      `A user with email ${email} already exists`,
    ),
  organisationNotFound: (id: string) =>
    new ProblemException(404, AuthErrorCode.OrganisationNotFound, `No organisation ${id}`),
  userNotFound: (id: string) =>
    new ProblemException(404, AuthErrorCode.UserNotFound, `No user ${id}`),
  roleNotForOrganisation: (role: string, kind: string) =>
    new ProblemException(
      422,
      AuthErrorCode.RoleNotForOrganisation,
      `Role ${role} cannot be held in an organisation of kind ${kind}`,
    ),
  notAnNgo: (id: string) =>
    new ProblemException(
      409,
      AuthErrorCode.NotAnNgo,
      `Organisation ${id} is not an NGO; only NGOs are verified`,
    ),
  wrongPassword: () =>
    new ProblemException(422, AuthErrorCode.WrongPassword, 'The current password is wrong'),
};
