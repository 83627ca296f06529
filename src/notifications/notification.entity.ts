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
} from 'typeorm';
import { User, type Locale } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';

export const CHANNELS = ['inApp', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * One notification to one user, rendered in their locale. The row is also the proof that the
 * user was notified for its dedupe key: only the transaction that inserts it sends the email.
 */
@Entity('notifications')
@Unique('notifications_user_dedupe_key', ['userId', 'dedupeKey'])
@Check('notifications_locale_check', `locale IN ('ru', 'ky', 'kk', 'uk', 'en')`)
@Check('notifications_channels_check', `channels <@ ARRAY['inApp', 'email', 'webhook']::text[]`)
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
// Partial index on unread rows, created by the migration.
@Index('notifications_user_unread_idx', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid', nullable: true })
  lotId: string | null;

  /** Template name, e.g. 'lot.callOpened'. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  locale: Locale;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  /** Where the user wanted it (their preferences at the time); the inbox lists 'inApp' ones. */
  @Column({ type: 'text', array: true })
  channels: Channel[];

  @Column({ type: 'text' })
  dedupeKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notifications_user_id_fkey' })
  private readonly user?: User;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'notifications_lot_id_fkey' })
  private readonly lot?: Lot;
}
