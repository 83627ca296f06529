import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { Award } from '../awards/award.entity.js';
import { minorUnits } from '../common/money.js';
import { Lot } from '../lots/lot.entity.js';

export const AGREEMENT_STATUSES = ['draft', 'signed', 'terminated', 'closed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** What the grantee undertakes to achieve, e.g. 25 probation clients housed. */
export interface AgreementIndicator {
  description: string;
  target: number;
  unit?: string;
}

export const TRANCHE_DUE = ['onSigning', 'afterReport'] as const;
export type TrancheDue = (typeof TRANCHE_DUE)[number];

/** One tranche of the grant: its share in percent, its amount, and when it falls due. */
export interface Tranche {
  seq: number;
  /** Percent of the agreement's value; the shares add up to 100. */
  share: number;
  /** Minor units: the share of the value, the last tranche taking what rounding left. */
  amount: number;
  due: TrancheDue;
  /** The report whose acceptance the tranche waits for (`afterReport` only). */
  reportSeq?: number;
}

/** The parameters the reports were scheduled with (the profile's, or the buyer's override). */
export interface AgreementSchedule {
  interimEveryMonths: number;
  dueDaysAfterPeriod: number;
  reminders: number[];
}

/**
 * The grant agreement of an awarded lot: drafted by the buyer at contracting, signed by both
 * sides (the second signature moves the lot to reporting), then closed with the final report
 * or terminated early. One per lot: a draft whose award lapses before both signed is discarded.
 */
@Entity('agreements')
@Unique('agreements_lot_id_key', ['lotId'])
@Unique('agreements_award_id_key', ['awardId'])
@Check('agreements_amount_check', `amount >= 0`)
@Check('agreements_period_check', `period_end >= period_start`)
@Check('agreements_status_check', `status IN ('draft', 'signed', 'terminated', 'closed')`)
@Check(
  'agreements_buyer_signature_check',
  `(signed_by_buyer IS NULL) = (signed_by_buyer_at IS NULL)`,
)
@Check(
  'agreements_grantee_signature_check',
  `(signed_by_grantee IS NULL) = (signed_by_grantee_at IS NULL)`,
)
@Check(
  'agreements_signed_check',
  `status = 'draft' OR (signed_by_buyer_at IS NOT NULL AND signed_by_grantee_at IS NOT NULL)`,
)
@Check(
  'agreements_termination_check',
  `(status = 'terminated') = (terminated_at IS NOT NULL AND termination_reason IS NOT NULL)`,
)
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'uuid' })
  awardId: string;

  /** The grantee. */
  @Column({ type: 'uuid' })
  ngoId: string;

  /** The active award's amount, in minor units. */
  @Column({ type: 'bigint', transformer: minorUnits })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  indicatorTargets: AgreementIndicator[];

  @Column({ type: 'jsonb' })
  tranchePlan: Tranche[];

  @Column({ type: 'jsonb' })
  schedule: AgreementSchedule;

  @Column({ type: 'text', default: 'draft' })
  status: AgreementStatus;

  @Column({ type: 'timestamptz', nullable: true })
  signedByBuyerAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  signedByBuyer: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedByGranteeAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  signedByGrantee: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  terminatedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  terminationReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'agreements_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Award)
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'agreements_award_id_fkey' })
  private readonly award?: Award;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'ngo_id', foreignKeyConstraintName: 'agreements_ngo_id_fkey' })
  private readonly ngo?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'signed_by_buyer',
    foreignKeyConstraintName: 'agreements_signed_by_buyer_fkey',
  })
  private readonly buyerSignatory?: User;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'signed_by_grantee',
    foreignKeyConstraintName: 'agreements_signed_by_grantee_fkey',
  })
  private readonly granteeSignatory?: User;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'agreements_created_by_fkey' })
  private readonly creator?: User;
}
