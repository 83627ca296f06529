import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { Agreement } from './agreement.entity.js';

/** A visit of the buyer's monitoring officer to the grantee's service, with what they found. */
@Entity('monitoring_visits')
@Index('monitoring_visits_lot_idx', ['lotId'])
export class MonitoringVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'date' })
  visitedOn: string;

  @Column({ type: 'text' })
  findings: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'monitoring_visits_agreement_id_fkey',
  })
  private readonly agreement?: Agreement;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'monitoring_visits_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'recorded_by',
    foreignKeyConstraintName: 'monitoring_visits_recorded_by_fkey',
  })
  private readonly recorder?: User;
}
