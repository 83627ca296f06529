import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import type { Channel } from './notification.entity.js';

/** Any event: a preference for '*' applies where no preference names the event. */
export const ANY_EVENT = '*';

/** A user's choice for one channel of one event (or of every event, '*'); absent means on. */
@Entity('notification_preferences')
@Unique('notification_preferences_user_event_channel_key', ['userId', 'event', 'channel'])
@Check('notification_preferences_channel_check', `channel IN ('inApp', 'email', 'webhook')`)
@Check('notification_preferences_event_check', `event = '*' OR event ~ '^lot\\.[A-Za-z]+$'`)
export class NotificationPreference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'user_id',
    foreignKeyConstraintName: 'notification_preferences_user_id_fkey',
  })
  private readonly user?: User;
}
