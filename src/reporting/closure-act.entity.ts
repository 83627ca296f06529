import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { Agreement } from './agreement.entity.js';
import type { Assessment } from './assessment.js';

/**
 * The act that closes a lot once its final report is accepted: the effectiveness assessment
 * (targets against actuals, spending against the budget), locked with the sha-256 of its
 * canonical JSON so that anyone can check it was not changed.
 */
@Entity('closure_acts')
@Unique('closure_acts_lot_id_key', ['lotId'])
export class ClosureAct {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Column({ type: 'jsonb' })
  assessment: Assessment;

  /** sha-256 (hex) of canonicalJson(assessment). */
  @Column({ type: 'char', length: 64 })
  actHash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  closedAt: Date;

  @Column({ type: 'uuid' })
  closedBy: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'closure_acts_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Agreement)
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'closure_acts_agreement_id_fkey' })
  private readonly agreement?: Agreement;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'closed_by', foreignKeyConstraintName: 'closure_acts_closed_by_fkey' })
  private readonly closer?: User;
}
