import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { minorUnits } from '../common/money.js';
import { Lot } from '../lots/lot.entity.js';
import { Agreement } from './agreement.entity.js';
import { Report } from './report.entity.js';

/** A tranche of the agreement as paid: once per tranche, never beyond the agreement's value. */
@Entity('tranche_payments')
@Unique('tranche_payments_agreement_seq_key', ['agreementId', 'seq'])
@Index('tranche_payments_lot_idx', ['lotId'])
@Check('tranche_payments_seq_check', `seq >= 1`)
@Check('tranche_payments_amount_check', `amount > 0`)
export class TranchePayment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** The tranche of the agreement's plan. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'bigint', transformer: minorUnits })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** The accepted report the tranche was due after; null for a tranche due on signing. */
  @Column({ type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  paidAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'tranche_payments_agreement_id_fkey',
  })
  private readonly agreement?: Agreement;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'tranche_payments_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Report)
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'tranche_payments_report_id_fkey' })
  private readonly report?: Report;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'recorded_by',
    foreignKeyConstraintName: 'tranche_payments_recorded_by_fkey',
  })
  private readonly recorder?: User;
}
