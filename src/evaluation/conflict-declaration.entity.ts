import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';

export const CONFLICT_LINKS = [
  'founder',
  'governingBody',
  'head',
  'paidLast12Months',
  'closeFamily',
  'other',
] as const;
export type ConflictLink = (typeof CONFLICT_LINKS)[number];

/** A link the member declared to one application's NGO: they are recused for it. */
export interface DeclaredLink {
  applicationId: string;
  link: ConflictLink;
  note?: string;
}

/** A member's conflict-of-interest declaration for a lot's round: none (`links` empty) or links. */
@Entity('conflict_declarations')
@Check('conflict_declarations_round_check', `round IN (1, 2)`)
@Unique('conflict_declarations_lot_round_member_key', ['lotId', 'round', 'memberUserId'])
export class ConflictDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'uuid' })
  memberUserId: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  links: DeclaredLink[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  declaredAt: Date;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'conflict_declarations_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'member_user_id',
    foreignKeyConstraintName: 'conflict_declarations_member_user_id_fkey',
  })
  private readonly member?: User;
}
