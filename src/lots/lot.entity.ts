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
import { minorUnits } from '../common/money.js';
import { Programme } from '../programmes/programme.entity.js';

export interface Territory {
  /** As the plan names it, e.g. "Ошская обл." */
  name: string;
  /** The most this territory's grant may be, in minor units. */
  maxAmount: number;
  /** ISO 3166-2, e.g. "KG-O" (Osh oblast), when known. */
  code?: string;
}

export interface IndicatorTarget {
  /** What is counted, e.g. "children placed in family-type care". */
  description: string;
  target: number;
  unit?: string;
}

/**
 * One procurement lot and its place in the lifecycle. Its state, snapshot and version change
 * only through the lot engine (compare-and-swap on version); never save() a lot's state.
 */
@Entity('lots')
@Check('lots_max_amount_check', `max_amount >= 0`)
@Check('lots_duration_months_check', `duration_months BETWEEN 1 AND 120`)
@Unique('lots_programme_number_key', ['programmeId', 'number'])
@Index('lots_state_idx', ['state'])
@Index('lots_buyer_state_idx', ['buyerId', 'state'])
// A GIN index with jsonb_path_ops, which TypeORM cannot describe: created by the migration.
@Index('lots_territories_idx', { synchronize: false })
@Index('lots_reannounced_from_key', { synchronize: false })
// The lists' indexes, in page order and covering, with an expression for the stage: descending
// columns, INCLUDE and expressions are beyond TypeORM's description, so the migration makes them.
@Index('lots_created_idx', { synchronize: false })
@Index('lots_buyer_created_idx', { synchronize: false })
@Index('lots_stage_created_idx', { synchronize: false })
export class Lot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  /** The programme's buyer, kept on the lot for filters and access checks. */
  @Column({ type: 'uuid' })
  buyerId: string;

  /** As numbered in the plan, e.g. "1.3". */
  @Column({ type: 'text' })
  number: string;

  /** The plan's heading the lot stands under. */
  @Column({ type: 'text', nullable: true })
  section: string | null;

  @Column({ type: 'text' })
  theme: string;

  @Column({ type: 'text', nullable: true })
  recipients: string | null;

  /** Socially useful goals. */
  @Column({ type: 'text', nullable: true })
  goals: string | null;

  @Column({ type: 'text', nullable: true })
  tasks: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  territories: Territory[];

  /** The sum of the territories' amounts, in minor units. */
  @Column({ type: 'bigint', transformer: minorUnits })
  maxAmount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'int', nullable: true })
  durationMonths: number | null;

  @Column({ type: 'text', nullable: true })
  expectedResults: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  indicatorTargets: IndicatorTarget[];

  /** Who may apply, e.g. ['ngo']. */
  @Column({ type: 'text', array: true, default: () => `'{ngo}'` })
  eligibility: string[];

  @Column({ type: 'text' })
  profileId: string;

  /** Dotted state value, e.g. "evaluation.scoring": denormalised from the snapshot for queries. */
  @Column({ type: 'text' })
  state: string;

  /** The machine's persisted snapshot (JSON-safe). */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** The unsuccessful lot this one re-announces (one re-announcement per failed lot). */
  @Column({ type: 'uuid', nullable: true })
  reannouncedFrom: string | null;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'lots_programme_id_fkey' })
  private readonly programme?: Programme;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'buyer_id', foreignKeyConstraintName: 'lots_buyer_id_fkey' })
  private readonly buyer?: Organisation;

  @ManyToOne(() => Lot)
  @JoinColumn({ name: 'reannounced_from', foreignKeyConstraintName: 'lots_reannounced_from_fkey' })
  private readonly failedLot?: Lot;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
