import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import type { DeclaredLink } from './conflict-declaration.entity.js';

/**
 * A member's declaration as it stood after each time they made or amended it (append-only):
 * with the application read log it shows whether a member read an application before declaring
 * a link to it.
 */
@Entity('conflict_declaration_history')
@Check('conflict_declaration_history_round_check', `round IN (1, 2)`)
@Index('conflict_declaration_history_lot_round_idx', ['lotId', 'round'])
export class ConflictDeclarationHistoryEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'uuid' })
  memberUserId: string;

  /** Every link of the declaration after this change (empty: no conflict). */
  @Column({ type: 'jsonb' })
  links: DeclaredLink[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'lot_id',
    foreignKeyConstraintName: 'conflict_declaration_history_lot_id_fkey',
  })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'member_user_id',
    foreignKeyConstraintName: 'conflict_declaration_history_member_user_id_fkey',
  })
  private readonly member?: User;
}
