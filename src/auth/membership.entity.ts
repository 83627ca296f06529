import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UserRole } from '../../workflows/roles.js';

/** Roles held in an organisation; admin is a platform flag on the user, not a membership. */
export type MembershipRole = Exclude<UserRole, 'admin'>;
export const MEMBERSHIP_ROLES: readonly MembershipRole[] = [
  'buyer_staff',
  'operator_staff',
  'commission_member',
  'ngo_member',
];

@Entity('memberships')
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  role: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
