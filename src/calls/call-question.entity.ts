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

/**
 * A clarification question on an open call, asked by a verified NGO until the enquiry period
 * ends, and the buyer's answer. Published answered, without who asked.
 */
@Entity('call_questions')
@Check(
  'call_questions_answer_check',
  `(answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL)`,
)
@Index('call_questions_lot_asked_idx', ['lotId', 'askedAt'])
export class CallQuestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** The NGO that asked: never published. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  askedBy: string;

  @Column({ type: 'text' })
  question: string;

  /** By the database clock, in the transaction that checked the enquiry period. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  askedAt: Date;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'call_questions_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Organisation)
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'call_questions_organisation_id_fkey',
  })
  private readonly organisation?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'asked_by', foreignKeyConstraintName: 'call_questions_asked_by_fkey' })
  private readonly asker?: User;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'answered_by', foreignKeyConstraintName: 'call_questions_answered_by_fkey' })
  private readonly answerer?: User;
}
