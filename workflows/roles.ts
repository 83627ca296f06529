/** Roles a user holds in an organisation (or platform-wide, for admin). */
export const USER_ROLES = [
  'admin',
  'buyer_staff',
  'operator_staff',
  'commission_member',
  'ngo_member',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who may send an event to a lot: a user in one of their roles, or the engine itself (deadlines). */
export type ActorRole = UserRole | 'system';
