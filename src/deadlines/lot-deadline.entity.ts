import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { ReminderSpec } from '../../workflows/index.js';
import { Lot } from '../lots/lot.entity.js';

/**
 * A deadline a lot's state armed: the durable truth. The delayed job in Redis is a cache of it
 * that the reconciler rebuilds; the job id carries the generation, so a stale job is a no-op.
 */
@Entity('lot_deadlines')
@Unique('lot_deadlines_lot_kind_key', ['lotId', 'kind'])
// Partial index on pending deadlines, created by the migration.
@Index('lot_deadlines_pending_idx', { synchronize: false })
export class LotDeadline {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** callClose, admissibility, scoring… (workflows DeadlineKind). */
  @Column({ type: 'text' })
  kind: string;

  /** The event the engine sends when it falls due, e.g. CALL_DEADLINE. */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'int', default: 1 })
  generation: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  armedAt: Date;

  /** When the event was actually applied (by the database clock), not when it was due. */
  @Column({ type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  /** The lot left the state that armed it. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /**
   * The reminders of a deadline no state declares (a report's due date); null: the reminders
   * its state's meta declares.
   */
  @Column({ type: 'jsonb', nullable: true })
  reminders: ReminderSpec[] | null;

  /** Why firing last failed (written back after the final attempt). */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'lot_deadlines_lot_id_fkey' })
  private readonly lot?: Lot;
}

/** BullMQ job id: deterministic, no ':' (BullMQ 6), generation last. */
export function deadlineJobId(
  deadline: Pick<LotDeadline, 'lotId' | 'kind' | 'generation'>,
): string {
  return `lot-${deadline.lotId}-${deadline.kind}-g${deadline.generation}`;
}

export function reminderJobId(
  deadline: Pick<LotDeadline, 'lotId' | 'kind' | 'generation'>,
  daysBefore: number,
): string {
  return `reminder-${deadline.lotId}-${deadline.kind}-g${deadline.generation}-d${daysBefore}`;
}
