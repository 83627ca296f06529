import {
  Check,
  Index,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';

/**
 * The protocol of a round's meeting, written when the chair closes the evaluation and locked
 * with the sha-256 of its canonical JSON: members present, declarations, admissibility,
 * aggregated scores, ranking, decision, dissent.
 */
@Entity('evaluation_protocols')
@Check('evaluation_protocols_round_check', `round IN (1, 2)`)
@Check('evaluation_protocols_sequence_check', `sequence >= 1`)
@Unique('evaluation_protocols_lot_round_sequence_key', ['lotId', 'round', 'sequence'])
// One live protocol per round (partial unique index, created by the migration).
@Index('evaluation_protocols_live_idx', { synchronize: false })
export class EvaluationProtocol {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int', default: 1 })
  round: number;

  /** 1, then 2… when the meeting closes again after an annulled award. */
  @Column({ type: 'int', default: 1 })
  sequence: number;

  /** When an annulled award sent the lot back to the meeting; the next sequence replaces it. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'uuid', array: true })
  membersPresent: string[];

  @Column({ type: 'jsonb' })
  protocol: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  protocolHash: string;

  @Column({ type: 'uuid' })
  closedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  closedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'evaluation_protocols_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'closed_by',
    foreignKeyConstraintName: 'evaluation_protocols_closed_by_fkey',
  })
  private readonly closer?: User;
}
