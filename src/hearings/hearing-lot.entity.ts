import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { Hearing } from './hearing.entity.js';
import type { HearingProtocol } from './hearing-protocol.js';

export const HEARING_DECISIONS = ['openCall', 'revise'] as const;
export type HearingDecision = (typeof HEARING_DECISIONS)[number];

/**
 * A lot's part in a hearing and, once the buyer approves it, its protocol: frozen as JSON with
 * the sha-256 of its canonical form, and the decision (open the call, or revise the draft).
 */
@Entity('hearing_lots')
@Check('hearing_lots_decision_check', `decision IN ('openCall', 'revise')`)
@Check('hearing_lots_protocol_sha256_check', `protocol_sha256 ~ '^[0-9a-f]{64}$'`)
@Check(
  'hearing_lots_approval_check',
  `(decision IS NULL AND decision_note IS NULL AND protocol IS NULL
     AND protocol_sha256 IS NULL AND approved_by IS NULL AND approved_at IS NULL)
   OR (decision IS NOT NULL AND protocol IS NOT NULL AND protocol_sha256 IS NOT NULL
     AND approved_by IS NOT NULL AND approved_at IS NOT NULL)`,
)
@Index('hearing_lots_lot_idx', ['lotId'])
export class HearingLot {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'hearing_lots_pkey' })
  hearingId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'hearing_lots_pkey' })
  lotId: string;

  @Column({ type: 'text', nullable: true })
  decision: HearingDecision | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'jsonb', nullable: true })
  protocol: HearingProtocol | null;

  @Column({ type: 'char', length: 64, nullable: true })
  protocolSha256: string | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @ManyToOne(() => Hearing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'hearing_lots_hearing_id_fkey' })
  private readonly hearing?: Hearing;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'hearing_lots_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'hearing_lots_approved_by_fkey' })
  private readonly approver?: User;
}
