import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Organisation } from './organisation.entity.js';
import { User } from './user.entity.js';
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
@Check(
  'memberships_role_check',
  `role IN ('buyer_staff', 'operator_staff', 'commission_member', 'ngo_member')`,
)
@Unique('memberships_user_organisation_role_key', ['userId', 'organisationId', 'role'])
@Index('memberships_organisation_idx', ['organisationId'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'memberships_user_id_fkey' })
  private readonly user?: User;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'memberships_organisation_id_fkey',
  })
  private readonly organisation?: Organisation;

  @Column({ type: 'text' })
  role: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
