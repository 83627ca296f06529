import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { minorUnits } from '../common/money.js';

export const JURISDICTIONS = ['KG', 'KZ', 'UA'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** A buyer's programme of state social order for a period: a budget shared by its lots. */
@Entity('programmes')
@Check('programmes_jurisdiction_check', `jurisdiction IN ('KG', 'KZ', 'UA')`)
@Check('programmes_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check('programmes_total_budget_check', `total_budget >= 0`)
@Check('programmes_period_check', `period_end >= period_start`)
@Index('programmes_buyer_idx', ['buyerId'])
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'char', length: 2 })
  jurisdiction: Jurisdiction;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** ISO 4217: KGS, KZT, UAH… */
  @Column({ type: 'char', length: 3 })
  currency: string;

  /** Minor units of the currency. */
  @Column({ type: 'bigint', transformer: minorUnits })
  totalBudget: number;

  /** The procedure profile its lots follow (workflows/profiles). */
  @Column({ type: 'text' })
  profileId: string;

  /** Deadlines of its lots are computed in this zone (the buyer's, unless stated). */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'buyer_id', foreignKeyConstraintName: 'programmes_buyer_id_fkey' })
  private readonly buyer?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'programmes_created_by_fkey' })
  private readonly creator?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
