import type { UserRole } from '../../workflows/roles.js';
import type { Locale } from './user.entity.js';
import type { MembershipRole } from './membership.entity.js';
import type { OrganisationKind, VerificationStatus } from './organisation.entity.js';

export interface ActorMembership {
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  verificationStatus: VerificationStatus;
  role: MembershipRole;
}

/** The authenticated caller of a request, loaded fresh from the database for every request. */
export class Actor {
  constructor(
    readonly userId: string,
    readonly email: string,
    readonly locale: Locale,
    readonly isAdmin: boolean,
    readonly memberships: readonly ActorMembership[],
  ) {}

  /** Whether the caller holds the role, anywhere or (given an organisation) in that organisation. */
  hasRole(role: UserRole, organisationId?: string): boolean {
    if (role === 'admin') return this.isAdmin;
    return this.memberships.some(
      (membership) =>
        membership.role === role &&
        (organisationId === undefined || membership.organisationId === organisationId),
    );
  }

  isMemberOf(organisationId: string): boolean {
    return this.memberships.some((membership) => membership.organisationId === organisationId);
  }

  get roles(): UserRole[] {
    const roles = new Set<UserRole>(this.memberships.map((membership) => membership.role));
    if (this.isAdmin) roles.add('admin');
    return [...roles];
  }
}
