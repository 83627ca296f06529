import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';

export const COMMISSION_OFFICES = ['chair', 'secretary', 'member'] as const;
export type CommissionOffice = (typeof COMMISSION_OFFICES)[number];
export const NOMINATORS = ['state', 'ngo', 'operator'] as const;
export type Nominator = (typeof NOMINATORS)[number];

/** A member of one round's commission for a lot; at most one chair and one secretary per round. */
@Entity('commission_members')
@Check('commission_members_round_check', `round IN (1, 2)`)
@Check('commission_members_office_check', `office IN ('chair', 'secretary', 'member')`)
@Check('commission_members_nominated_by_check', `nominated_by IN ('state', 'ngo', 'operator')`)
@Unique('commission_members_lot_round_user_key', ['lotId', 'round', 'userId'])
@Index('commission_members_one_chair_idx', { synchronize: false })
export class CommissionMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', default: 'member' })
  office: CommissionOffice;

  /** Who named the member (Kazakhstan: 30% the operator, 70% NGOs). */
  @Column({ type: 'text', nullable: true })
  nominatedBy: Nominator | null;

  @Column({ type: 'uuid' })
  addedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'commission_members_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'commission_members_user_id_fkey' })
  private readonly user?: User;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'commission_members_added_by_fkey' })
  private readonly adder?: User;
}
