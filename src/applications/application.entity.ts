import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { minorUnits } from '../common/money.js';
import { Lot } from '../lots/lot.entity.js';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The part of the lot's territories the NGO applies for, with its own amount. */
export interface TerritoryRequest {
  /** A territory of the lot, by its name as the plan gives it. */
  name: string;
  /** Minor units; at most the territory's maximum. */
  amount: number;
}

export interface StaffMember {
  role: string;
  name?: string;
  qualification?: string;
}

export interface BudgetLine {
  item: string;
  /** Minor units. */
  amount: number;
}

export interface IndicatorCommitment {
  description: string;
  target: number;
  unit?: string;
}

/**
 * An NGO's application to one lot's call: one per NGO and lot. Its content is sealed: only the
 * NGO reads it while the call is open (see ApplicationAccess).
 */
@Entity('applications')
@Check('applications_status_check', `status IN ('draft', 'submitted', 'withdrawn')`)
@Check('applications_requested_amount_check', `requested_amount >= 0`)
@Check(
  'applications_submitted_check',
  `(status = 'submitted') = (submitted_at IS NOT NULL AND receipt_hash IS NOT NULL)`,
)
@Unique('applications_lot_ngo_key', ['lotId', 'ngoId'])
@Index('applications_ngo_idx', ['ngoId'])
@Index('applications_lot_status_idx', ['lotId', 'status'])
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'uuid' })
  ngoId: string;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  /** Bumped by every change of content or documents; the receipt names the revision. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'bigint', default: 0, transformer: minorUnits })
  requestedAmount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  territories: TerritoryRequest[];

  @Column({ type: 'text', default: '' })
  approach: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  staff: StaffMember[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  budgetLines: BudgetLine[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  indicatorCommitments: IndicatorCommitment[];

  /** When the current submitted revision was accepted, by the database clock. */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** sha-256 of the submitted revision's canonical content; null unless submitted. */
  @Column({ type: 'text', nullable: true })
  receiptHash: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'applications_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'ngo_id', foreignKeyConstraintName: 'applications_ngo_id_fkey' })
  private readonly ngo?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'applications_created_by_fkey' })
  private readonly creator?: User;
}
