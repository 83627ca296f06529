import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Application } from '../applications/application.entity.js';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';

export type AdmissibilityDecisionKind = 'admitted' | 'rejected';

/** The secretary's decision on one application: admitted, or rejected with a reason. */
@Entity('admissibility_decisions')
@Check('admissibility_decisions_decision_check', `decision IN ('admitted', 'rejected')`)
@Check(
  'admissibility_decisions_reason_check',
  `(decision = 'rejected') = (reason_code IS NOT NULL AND reason IS NOT NULL)`,
)
@Index('admissibility_decisions_lot_idx', ['lotId'])
export class AdmissibilityDecision {
  @PrimaryColumn({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'text' })
  decision: AdmissibilityDecisionKind;

  /** A stable code (e.g. 'missing-document', 'not-eligible') for statistics and templates. */
  @Column({ type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'admissibility_decisions_application_id_fkey',
  })
  private readonly application?: Application;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'admissibility_decisions_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'decided_by',
    foreignKeyConstraintName: 'admissibility_decisions_decided_by_fkey',
  })
  private readonly decider?: User;
}
