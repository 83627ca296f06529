import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Application } from '../applications/application.entity.js';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import type { SheetPoints } from './scoring/scoring.types.js';

export type ScoreSheetStatus = 'draft' | 'submitted';

/** One member's points for one admitted application in one round; never published. */
@Entity('score_sheets')
@Check('score_sheets_round_check', `round IN (1, 2)`)
@Check('score_sheets_status_check', `status IN ('draft', 'submitted')`)
@Check('score_sheets_submitted_check', `(status = 'submitted') = (submitted_at IS NOT NULL)`)
@Unique('score_sheets_round_application_member_key', ['round', 'applicationId', 'memberUserId'])
@Index('score_sheets_lot_round_idx', ['lotId', 'round'])
export class ScoreSheetRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  memberUserId: string;

  /** Criterion code → points or 'NA'. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  points: SheetPoints;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: ScoreSheetStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'score_sheets_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'score_sheets_application_id_fkey',
  })
  private readonly application?: Application;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'member_user_id',
    foreignKeyConstraintName: 'score_sheets_member_user_id_fkey',
  })
  private readonly member?: User;
}
