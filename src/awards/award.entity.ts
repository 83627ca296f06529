import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Application } from '../applications/application.entity.js';
import { Organisation } from '../auth/organisation.entity.js';
import { minorUnits } from '../common/money.js';
import { Lot } from '../lots/lot.entity.js';

export const AWARD_STATUSES = ['pending', 'active', 'declined', 'annulled', 'cancelled'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/**
 * An award to one ranked application. Pending through the standstill, active once the window
 * passed without an open complaint; declined (the award passes to the next in rank), annulled
 * (a complaint upheld) or cancelled (the lot cancelled).
 */
@Entity('awards')
@Check('awards_rank_check', `rank >= 1`)
@Check('awards_amount_check', `amount >= 0`)
@Check(
  'awards_status_check',
  `status IN ('pending', 'active', 'declined', 'annulled', 'cancelled')`,
)
// One live award per application; an annulled one may be followed by another (partial index).
@Index('awards_lot_application_live_idx', { synchronize: false })
@Index('awards_lot_status_idx', ['lotId', 'status'])
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  ngoId: string;

  @Column({ type: 'int' })
  rank: number;

  /** Minor units. */
  @Column({ type: 'bigint', transformer: minorUnits })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text', default: 'pending' })
  status: AwardStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'awards_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'awards_application_id_fkey' })
  private readonly application?: Application;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'ngo_id', foreignKeyConstraintName: 'awards_ngo_id_fkey' })
  private readonly ngo?: Organisation;
}
