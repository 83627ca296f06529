import {
  Check,
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
@Unique('evaluation_protocols_lot_round_key', ['lotId', 'round'])
export class EvaluationProtocol {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int', default: 1 })
  round: number;

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
