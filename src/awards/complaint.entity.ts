import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { Award } from './award.entity.js';

export type ComplaintStatus = 'open' | 'upheld' | 'dismissed';

/** An NGO's complaint against a lot's award; while open it holds the standstill. */
@Entity('complaints')
@Check('complaints_status_check', `status IN ('open', 'upheld', 'dismissed')`)
@Check(
  'complaints_decision_check',
  `(status = 'open') = (decision IS NULL AND decided_by IS NULL AND decided_at IS NULL)`,
)
@Index('complaints_lot_status_idx', ['lotId', 'status'])
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'uuid', nullable: true })
  awardId: string | null;

  @Column({ type: 'uuid' })
  ngoId: string;

  @Column({ type: 'uuid' })
  filedBy: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  filedAt: Date;

  @Column({ type: 'text', default: 'open' })
  status: ComplaintStatus;

  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'complaints_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Award)
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'complaints_award_id_fkey' })
  private readonly award?: Award;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'ngo_id', foreignKeyConstraintName: 'complaints_ngo_id_fkey' })
  private readonly ngo?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'filed_by', foreignKeyConstraintName: 'complaints_filed_by_fkey' })
  private readonly filer?: User;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'complaints_decided_by_fkey' })
  private readonly decider?: User;
}
