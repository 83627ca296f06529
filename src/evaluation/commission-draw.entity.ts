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
import type { Nominator } from './commission-member.entity.js';

/** One register a draw picked from: its members sorted by id, how many it drew, who named them. */
export interface DrawPool {
  register: string[];
  size: number;
  nominatedBy: Nominator | null;
}

/**
 * A random draw of a round's commission from expert registers. Append-only: a redraw adds a row,
 * so anyone can see how often a buyer drew, and recompute each draw from its seed.
 */
@Entity('commission_draws')
@Check('commission_draws_round_check', `round IN (1, 2)`)
@Index('commission_draws_lot_round_idx', ['lotId', 'round'])
export class CommissionDraw {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'text' })
  seed: string;

  @Column({ type: 'jsonb' })
  pools: DrawPool[];

  /** The members drawn, pool after pool, each pool in the order drawn. */
  @Column({ type: 'uuid', array: true })
  drawn: string[];

  @Column({ type: 'uuid' })
  drawnBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  drawnAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'commission_draws_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'drawn_by', foreignKeyConstraintName: 'commission_draws_drawn_by_fkey' })
  private readonly drawer?: User;
}
