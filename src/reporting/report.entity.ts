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
import { Lot } from '../lots/lot.entity.js';
import { Agreement } from './agreement.entity.js';

export const REPORT_KINDS = ['interim', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['pending', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Spending on one budget item, cumulative from the agreement's start, in minor units. */
export interface FinancialLine {
  budgetItem: string;
  planned: number;
  spent: number;
}

/** An indicator of the agreement as reached by the end of the report's period (cumulative). */
export interface IndicatorActual {
  description: string;
  target: number;
  actual: number;
  unit?: string;
}

/** A review of one submission: kept, so a return's comment outlives the acceptance after it. */
export interface ReportReviewRecord {
  decision: 'accepted' | 'returned';
  comment: string | null;
  reviewedBy: string;
  reviewedAt: string;
  /** The submission reviewed. */
  submittedAt: string;
}

/**
 * One report due under an agreement: interim reports for each period of the schedule, then the
 * final one. The grantee drafts and submits it, the buyer's monitoring officer accepts it or
 * returns it with a comment (a returned report is edited and submitted again).
 */
@Entity('reports')
@Unique('reports_agreement_seq_key', ['agreementId', 'seq'])
@Index('reports_lot_idx', ['lotId'])
@Check('reports_seq_check', `seq >= 1`)
@Check('reports_kind_check', `kind IN ('interim', 'final')`)
@Check('reports_period_check', `period_end >= period_start`)
@Check('reports_status_check', `status IN ('pending', 'submitted', 'returned', 'accepted')`)
@Check(
  'reports_submitted_check',
  `status = 'pending' OR (submitted_at IS NOT NULL AND submitted_by IS NOT NULL)`,
)
@Check(
  'reports_reviewed_check',
  `status NOT IN ('returned', 'accepted') OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL)`,
)
@Check('reports_accepted_check', `(status = 'accepted') = (accepted_at IS NOT NULL)`)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** 1, 2…: the order of the periods; the final report is the last. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  kind: ReportKind;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** The end of the due day in the programme's zone; its lot_deadlines row is `report-<seq>`. */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'pending' })
  status: ReportStatus;

  @Column({ type: 'text', default: '' })
  narrative: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  financialLines: FinancialLine[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  indicatorActuals: IndicatorActual[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** The last submission, by the database clock. */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  /** The last review's comment. */
  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  /** Every review, oldest first. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  reviews: ReportReviewRecord[];

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'reports_agreement_id_fkey' })
  private readonly agreement?: Agreement;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'reports_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'submitted_by', foreignKeyConstraintName: 'reports_submitted_by_fkey' })
  private readonly submitter?: User;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'reports_reviewed_by_fkey' })
  private readonly reviewer?: User;
}
