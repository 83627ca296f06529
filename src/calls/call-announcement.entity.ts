import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User, type Locale } from '../auth/user.entity.js';
import { minorUnits } from '../common/money.js';
import { Lot } from '../lots/lot.entity.js';

/** A text in the languages the buyer published it in (at least one). */
export type LocalizedText = Partial<Record<Locale, string>>;

/** One criterion the commission scores every application on (issue #6 scores against these). */
export interface Criterion {
  /** Unique within the call, e.g. "experience". */
  code: string;
  title: LocalizedText;
  /** Points a member may give at most; more than 0. */
  maxPoints: number;
  /** Weight in a weighted total; 1 unless the call says otherwise. */
  weight: number;
  /** Points an application must reach on this criterion, or null for none. */
  minimum: number | null;
  /** A member may mark it "not applicable": left out of the total, never counted as zero. */
  naAllowed: boolean;
}

/** A document every application must carry. */
export interface RequiredDocument {
  code: string;
  title: LocalizedText;
  /** Accepted MIME types; empty means any the platform accepts. */
  mimeTypes: string[];
}

export const TIE_RULES = [
  'earliestSubmission',
  'priorityCriterion',
  'commissionVote',
  'splitEqually',
] as const;
/** How equal totals are ranked: one rule, published with the call. */
export type TieRule = (typeof TIE_RULES)[number];

export interface CallThresholds {
  /** The total an application must reach to be ranked, if any. */
  minTotal?: number;
}

/** The fields of an announcement an amendment may change (all but the call's length). */
export const AMENDABLE_FIELDS = [
  'description',
  'criteria',
  'tieRule',
  'priorityCriterion',
  'thresholds',
  'eligibility',
  'requiredDocuments',
  'maxAmount',
] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

/**
 * One version of a lot's call announcement. Version 1 is published when the call opens; each
 * amendment adds the next version with its note, and earlier versions stay as they were. The
 * call's closing time is not copied here: it is the lot's callClose deadline.
 */
@Entity('call_announcements')
@Unique('call_announcements_lot_version_key', ['lotId', 'version'])
@Check('call_announcements_version_check', `version >= 1`)
@Check('call_announcements_call_period_days_check', `call_period_days BETWEEN 1 AND 366`)
@Check(
  'call_announcements_tie_rule_check',
  `tie_rule IN ('earliestSubmission', 'priorityCriterion', 'commissionVote', 'splitEqually')`,
)
@Check(
  'call_announcements_priority_criterion_check',
  `(tie_rule = 'priorityCriterion') = (priority_criterion IS NOT NULL)`,
)
@Check('call_announcements_max_amount_check', `max_amount >= 0`)
@Check('call_announcements_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check(
  'call_announcements_amendment_check',
  `(version = 1) = (note IS NULL) AND (note IS NULL) = (extend_by_days IS NULL)
   AND (note IS NULL) = (auto_extended_by_days IS NULL)`,
)
@Check(
  'call_announcements_extension_check',
  `extend_by_days BETWEEN 0 AND 366 AND auto_extended_by_days >= 0`,
)
export class CallAnnouncement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int' })
  version: number;

  /** As stated when the call opened, in the profile's counting. */
  @Column({ type: 'int' })
  callPeriodDays: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb' })
  criteria: Criterion[];

  @Column({ type: 'text' })
  tieRule: TieRule;

  /** The criterion that breaks ties under the 'priorityCriterion' rule. */
  @Column({ type: 'text', nullable: true })
  priorityCriterion: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  thresholds: CallThresholds;

  /** Who may apply, e.g. ['ngo']: within the lot's plan. */
  @Column({ type: 'text', array: true })
  eligibility: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  requiredDocuments: RequiredDocument[];

  /** The most one application may request, minor units; at most the lot's maximum. */
  @Column({ type: 'bigint', transformer: minorUnits })
  maxAmount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** Why the call was amended (versions after the first). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The fields this version changed from the previous one. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  changedFields: AmendableField[];

  /** Days the buyer extended the call by with this amendment. */
  @Column({ type: 'int', nullable: true })
  extendByDays: number | null;

  /** Days added on top, so that the profile's minimum remained after the amendment. */
  @Column({ type: 'int', nullable: true })
  autoExtendedByDays: number | null;

  @Column({ type: 'uuid' })
  publishedBy: string;

  /** By the database clock, in the transaction that opened or amended the call. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'call_announcements_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'published_by',
    foreignKeyConstraintName: 'call_announcements_published_by_fkey',
  })
  private readonly publisher?: User;
}
